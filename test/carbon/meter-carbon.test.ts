// METER_CARBON against the Carbon Intensity API mock and the demo grid.
import { describe, expect, it } from 'vitest';
import { runAsync } from '../../shared/flow';
import { carbonIntensitySource } from '../../shared/carbon/carbon-intensity';
import { energyTimesRate } from '../../shared/rates';
import { overlayIntensity } from '../../shared/carbon/overlay';
import { fieldsByProvider } from '../../shared/providers';
import { validateSettings } from '../../shared/settings';
import type { Table } from '../../shared/table';
import { MS_PER_HALF_HOUR } from '../../shared/time/civil';
import { col, harness, sum, utcOf } from '../helpers/provider-harness';
import * as ci from '../mocks/carbon-intensity';
import { asyncMockIO, fromHttpRequest } from '../mocks/mock-http';

const NOW = Date.UTC(2025, 0, 10, 12, 10);
const CI = 'https://api.carbonintensity.org.uk';
const HH = MS_PER_HALF_HOUR;
const INTENSITY = 'Intensity (gCO2/kWh)';
const rows = (t: Table) => t.slice(1);

function setup(options: ci.CarbonMockOptions = {}, settings: Record<string, unknown> = {}) {
  const grid = ci.createMock({ now: () => NOW, ...options });
  const h = harness({ [CI]: grid.handler }, settings, NOW);
  const paths = () => h.io.record.requests.map((r) => fromHttpRequest(r).path);
  return { ...h, paths };
}

describe('METER_CARBON', () => {
  it('answers a year of regional intensity in one round trip', async () => {
    const { call, io, paths } = setup();
    const t = await call('CARBON', '2024-01-01', '2024-12-31', 'none', 13);
    expect(io.record.batches).toEqual([27]);
    expect(paths().every((p) => p.endsWith('/regionid/13'))).toBe(true);
    expect(rows(t)).toHaveLength(17568);
    expect(t[0]).toEqual(['Start', 'End', INTENSITY, 'Index', 'Basis', 'Missing']);
    for (const r of rows(t).slice(0, 200)) {
      expect(r[2]).toBe(ci.forecastAt(utcOf(r[0]), 13));
      expect(r[4]).toBe('forecast'); // regions have no actuals
    }
  });

  it('averages by local hour on DST days (23 and 25 rows) and by day over the time with figures', async () => {
    const { call } = setup();
    const spring = await call('CARBON', '2024-03-31', '2024-03-31', 'hour', 'national');
    const autumn = await call('CARBON', '2024-10-27', '2024-10-27', 'hour', 'national');
    expect(rows(spring)).toHaveLength(23);
    expect(rows(autumn)).toHaveLength(25);
    const half = await call('CARBON', '2024-10-27', '2024-10-27', 'none', 'national');
    expect(rows(half)).toHaveLength(50);
    const day = await call('CARBON', '2024-10-27', '2024-10-27', 'day', 'national');
    const mean = sum(rows(half).map((r) => r[2])) / 50;
    expect(rows(day)[0][2]).toBeCloseTo(mean, 9);
    expect(rows(day)[0][4]).toBe('actual');
    // The repeated 01:00 hour is two rows, each the mean of its own two half-hours.
    const repeated = rows(autumn).filter(
      (r) => utcOf(r[0]) >= Date.UTC(2024, 9, 27, 0) && utcOf(r[0]) < Date.UTC(2024, 9, 27, 2),
    );
    expect(repeated).toHaveLength(2);
    const at = utcOf(repeated[1][0]);
    expect(repeated[1][2]).toBeCloseTo((ci.actualAt(at) + ci.actualAt(at + HH)) / 2, 9);
  });

  it('counts half-hours without a figure as Missing and blanks a bucket with none', async () => {
    const gap: [number, number] = [Date.UTC(2024, 5, 1, 10), Date.UTC(2024, 5, 1, 11)];
    const { call } = setup({
      gaps: [gap],
      noActual: [[Date.UTC(2024, 5, 1, 12), Date.UTC(2024, 5, 1, 13)]],
    });
    const hours = await call('CARBON', '2024-06-01', '2024-06-01', 'hour', 'national');
    const m = col(hours, 'Missing');
    const gapRow = rows(hours).find((r) => utcOf(r[0]) === gap[0]) as unknown[];
    expect(gapRow[2]).toBeNull();
    expect(gapRow[m]).toBe(2);
    expect(sum(rows(hours).map((r) => r[m]))).toBe(2);
    const forecastRow = rows(hours).find(
      (r) => utcOf(r[0]) === Date.UTC(2024, 5, 1, 12),
    ) as unknown[];
    expect(forecastRow[4]).toBe('forecast');
    const day = await call('CARBON', '2024-06-01', '2024-06-01', 'day', 'national');
    expect(rows(day)[0][4]).toBe('mixed');
    expect(rows(day)[0][m]).toBe(2);
  });

  it('gives the average day (48 slots) and the generation mix on request', async () => {
    const { call, paths } = setup();
    const p = await call('CARBON', '2024-01', '2024-01', 'profile mix', 'national');
    expect(p[0]).toEqual([
      'Time',
      INTENSITY,
      'Index',
      'Basis',
      'Biomass %',
      'Coal %',
      'Imports %',
      'Gas %',
      'Nuclear %',
      'Other %',
      'Hydro %',
      'Solar %',
      'Wind %',
      'Days',
      'Missing',
    ]);
    expect(rows(p)).toHaveLength(48);
    expect(rows(p).every((r) => r[13] === 31)).toBe(true);
    for (const r of rows(p)) expect(sum(r.slice(4, 13))).toBeCloseTo(100, 0);
    // National intensity and the national mix: two endpoints, one batch.
    expect(paths()).toEqual([
      '/intensity/2024-01-01T00:00Z/2024-01-15T00:00Z',
      '/intensity/2024-01-15T00:00Z/2024-01-29T00:00Z',
      '/intensity/2024-01-29T00:00Z/2024-02-01T00:00Z',
      '/generation/2024-01-01T00:00Z/2024-01-15T00:00Z',
      '/generation/2024-01-15T00:00Z/2024-01-29T00:00Z',
      '/generation/2024-01-29T00:00Z/2024-02-01T00:00Z',
    ]);
  });

  it('forecasts the next 48 hours from "now"', async () => {
    const { call, paths } = setup();
    const t = await call('CARBON', 'now', null, null, '13');
    expect(paths()).toEqual(['/regional/intensity/2025-01-10T12:00Z/fw48h/regionid/13']);
    expect(rows(t)).toHaveLength(96);
    expect(utcOf(rows(t)[0][0])).toBe(Date.UTC(2025, 0, 10, 12));
    const hours = await call('CARBON', 'now', null, 'hour', '13');
    expect(rows(hours)).toHaveLength(48);
  });

  it('uses the default area from settings, and explains bad regions', async () => {
    const { call, paths, fail } = setup({}, { carbon: { source: '2' } });
    await call('CARBON', '2024-06-01');
    expect(paths()).toEqual(['/regional/intensity/2024-05-31T23:00Z/2024-06-01T23:00Z/regionid/2']);
    expect((await fail('CARBON', '2024-06-01', null, null, 18)).message).toMatch(
      /^region: expected national, a region id 1-17/,
    );
    expect((await fail('CARBON', '2024-06-01', null, null, 'RG10 9AB')).message).toBe(
      'region: expected only the outward part of a postcode (like "RG10"), not a full postcode',
    );
  });

  it('works offline with the demo grid: cleaner at night, a solar dip at midday in summer', async () => {
    const { call, io } = setup();
    const july = await call('CARBON', '2024-07', '2024-07', 'profile', 'demo');
    expect(io.record.requests).toEqual([]);
    const at = (t: Table, time: string) => rows(t).find((r) => r[0] === time)?.[1] as number;
    expect(at(july, '03:00')).toBeLessThan(at(july, '18:00'));
    expect(at(july, '12:30')).toBeLessThan(at(july, '09:00'));
    expect(await call('CARBON', '2024-07', '2024-07', 'profile', 'demo')).toEqual(july);
  });
});

describe('METER_CARBON: the edges of the API’s data', () => {
  it('asks nothing before its history begins: those days are Missing', async () => {
    const { call, io } = setup();
    const t = await call('CARBON', '2015-01-01', '2015-01-03', 'day', 'national');
    expect(io.record.requests).toEqual([]);
    expect(rows(t).map((r) => [r[2], r[5]])).toEqual([
      [null, 48],
      [null, 48],
      [null, 48],
    ]);
  });

  it('refuses more years than one batch should carry, saying how much to ask for', async () => {
    const grid = ci.createMock({ now: () => NOW });
    const io = asyncMockIO({ [CI]: grid.handler });
    const ctx = { config: {}, clock: () => Date.UTC(2030, 0, 1), runtime: 'node' as const };
    const query = { kind: 'range' as const, area: { kind: 'region' as const, id: 13 }, mix: false };
    await expect(
      runAsync(
        carbonIntensitySource.intensity(ctx, {
          ...query,
          from: Date.UTC(2018, 0, 1),
          to: Date.UTC(2030, 0, 1),
        }),
        io,
      ),
    ).rejects.toThrow(
      'Carbon Intensity API: carbon intensity for about 12 years is 305 requests of 14 days; ask for at most 7 years at a time',
    );
    expect(io.record.requests).toEqual([]);
  });
});

describe('the Carbon Intensity API mock follows the documented limits', () => {
  it('refuses more than 14 days with the documented error shape', async () => {
    const grid = ci.createMock({ now: () => NOW });
    const r = await grid.handler({
      method: 'GET',
      path: '/intensity/2024-01-01T00:00Z/2024-01-15T00:30Z',
      query: {},
      headers: {},
      body: '',
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toEqual({
      error: { code: '400 Bad Request', message: 'Date range cannot exceed 14 days' },
    });
  });

  it('is read without counting the half-hour before `from` twice', async () => {
    const grid = ci.createMock({ now: () => NOW });
    const io = asyncMockIO({ [CI]: grid.handler });
    const ctx = { config: {}, clock: () => NOW, runtime: 'node' as const };
    const q = { kind: 'range' as const, area: { kind: 'national' as const }, mix: false };
    const points = await runAsync(
      carbonIntensitySource.intensity(ctx, {
        ...q,
        from: Date.UTC(2024, 0, 1),
        to: Date.UTC(2024, 0, 29),
      }),
      io,
    );
    expect(points).toHaveLength(28 * 48);
    expect(points[0].start).toBe(Date.UTC(2024, 0, 1));
    expect(new Set(points.map((p) => p.start)).size).toBe(points.length);
  });
});

describe('energy × rate', () => {
  const rates = [0, 1, 2, 3].map((i) => ({
    start: i * HH,
    end: (i + 1) * HH,
    value: 100 * (i + 1),
  }));
  it('spreads a longer interval’s energy evenly over the rates it spans', () => {
    expect(energyTimesRate([{ start: 0, end: 4 * HH, kwh: 4 }], rates)).toEqual([1000]);
    expect(energyTimesRate([{ start: HH, end: 2 * HH, kwh: 2 }], rates, 0.001)).toEqual([0.4]);
  });
  it('is unknown where any part of the interval has no rate, or the energy is unknown', () => {
    const holed = rates.map((r, i) => (i === 2 ? { ...r, value: null } : r));
    expect(energyTimesRate([{ start: 0, end: 4 * HH, kwh: 4 }], holed)).toEqual([null]);
    expect(energyTimesRate([{ start: 0, end: 5 * HH, kwh: 4 }], rates)).toEqual([null]);
    expect(energyTimesRate([{ start: 0, end: HH, kwh: null }], rates)).toEqual([null]);
  });
});

describe('carbon settings', () => {
  const v = (carbon: unknown) => validateSettings({ carbon }, fieldsByProvider());
  it('accepts areas, per-meter choices and a local mock URL', () => {
    expect(
      v({
        source: 'rg10',
        baseUrl: 'http://127.0.0.1:9',
        meters: { 'Octopus:1:2': 'none', 'demo:electricity': '13' },
      }).carbon,
    ).toEqual({
      source: 'RG10',
      baseUrl: 'http://127.0.0.1:9',
      meters: { 'octopus:1:2': 'none', 'demo:electricity': '13' },
    });
    expect(v({}).carbon).toBeUndefined();
  });
  it('names the field that is wrong', () => {
    expect(() => v({ source: '18' })).toThrow(
      /^settings\.carbon\.source: expected national, a region id 1-17/,
    );
    expect(() => v({ source: 'SW1A 1AA' })).toThrow(
      'settings.carbon.source: expected only the outward part of a postcode',
    );
    expect(() => v({ region: '13' })).toThrow(
      'settings.carbon.region: expected one of the keys source, baseUrl, meters',
    );
    expect(() => v({ baseUrl: 'http://example.com' })).toThrow(
      'settings.carbon.baseUrl: expected an https:// URL',
    );
    expect(() => v({ meters: { 'demo:electricity': 'solar' } })).toThrow(
      /^settings\.carbon\.meters\.demo:electricity: expected national/,
    );
    expect(() => v({ meters: { __proto__x: '13' } })).toThrow(
      /^settings\.carbon\.meters\.__proto__x: expected a meter id/,
    );
  });
});

describe('the Compare overlay', () => {
  it('puts each period’s average-day intensity beside its profile, slot by slot', async () => {
    const { call } = setup();
    const compare = await call('COMPARE', '2024-01, 2024-07', 'demo');
    const jan = await call('CARBON', '2024-01', '2024-01', 'profile', 'national');
    const jul = await call('CARBON', '2024-07', '2024-07', 'profile', 'national');
    const t = overlayIntensity(compare, [
      { label: '2024-01', table: jan },
      { label: '2024-07', table: jul },
    ]);
    expect(t[0]).toEqual([...compare[0], '2024-01 gCO2/kWh', '2024-07 gCO2/kWh']);
    expect(t).toHaveLength(49);
    for (let i = 1; i < 49; i++) {
      expect(t[i].slice(0, compare[0].length)).toEqual(compare[i]);
      expect(t[i][compare[0].length]).toBe(jan[i][1]);
      expect(t[i][compare[0].length + 1]).toBe(jul[i][1]);
    }
  });
});
