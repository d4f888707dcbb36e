// Grid carbon on a meter's usage: an Octopus meter (no carbon of its own) against the
// Octopus and Carbon Intensity API mocks, through the spreadsheet functions.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../shared/table';
import { col, harness, sum, utcOf } from '../helpers/provider-harness';
import * as ci from '../mocks/carbon-intensity';
import { fromHttpRequest } from '../mocks/mock-http';
import * as octopus from '../providers/octopus/mock';

const NOW = Date.UTC(2025, 0, 10, 12);
const OCTOPUS = 'https://api.octopus.energy';
const CI = 'https://api.carbonintensity.org.uk';
const IMPORT = `octopus:${octopus.IMPORT_MPAN}:${octopus.SMART_SERIAL}`;
const EXPORT = `octopus:${octopus.EXPORT_MPAN}:${octopus.SMART_SERIAL}`;
const GAS = `octopus:${octopus.GAS_MPRN}:${octopus.GAS_SERIAL}`;

function setup(carbon: Record<string, unknown> | undefined, options: ci.CarbonMockOptions = {}) {
  const octo = octopus.createMock({ now: () => NOW });
  const grid = ci.createMock({ now: () => NOW, ...options });
  const h = harness(
    { [OCTOPUS]: octo.handler, [CI]: grid.handler },
    { providers: { octopus: { apiKey: octo.apiKey, account: octo.account } }, carbon },
    NOW,
  );
  const carbonRequests = () =>
    h.io.record.requests.filter((r) => r.url.startsWith(CI)).map((r) => fromHttpRequest(r).path);
  return { ...h, carbonRequests };
}

const rows = (t: Table) => t.slice(1);

/** kWh by half-hour start, from a table without carbon. */
async function energy(
  start: string,
  end: string,
  meter = IMPORT,
): Promise<Map<number, number | null>> {
  const t = await setup(undefined).call('USAGE', start, end, 'none', meter);
  expect(t[0]).not.toContain('Carbon (kg)');
  return new Map(rows(t).map((r) => [utcOf(r[0]), r[2] as number | null]));
}

describe('grid carbon on usage', () => {
  it('fetches a year of regional intensity with the usage, in one batch of 14-day windows', async () => {
    const { call, io, carbonRequests } = setup({ source: '13' });
    await call('METERS');
    const before = io.record.batches.length;
    const t = await call('USAGE', '2024-01-01', '2024-12-31', 'none', IMPORT);
    // The year's one Octopus request and 27 windows (366 days) go out together.
    expect(io.record.batches.slice(before)).toEqual([28]);
    const paths = carbonRequests();
    expect(paths).toHaveLength(27);
    expect(paths[0]).toBe('/regional/intensity/2024-01-01T00:00Z/2024-01-15T00:00Z/regionid/13');
    expect(paths[26]).toBe('/regional/intensity/2024-12-30T00:00Z/2025-01-01T00:00Z/regionid/13');
    const kwh = await energy('2024-01-01', '2024-12-31');
    const c = col(t, 'Carbon (kg)');
    expect(rows(t)).toHaveLength(17568);
    for (const r of rows(t)) {
      const e = kwh.get(utcOf(r[0]));
      if (e === null || e === undefined) expect(r[c]).toBeNull();
      else expect(r[c]).toBeCloseTo((e * ci.forecastAt(utcOf(r[0]), 13)) / 1000, 9);
    }
  });

  it('conserves carbon across every aggregate', async () => {
    const { call } = setup({ source: 'national' });
    const total = async (how: string) => {
      const t = await call('USAGE', '2024-01-01', '2024-06-30', how, IMPORT);
      return sum(rows(t).map((r) => r[col(t, 'Carbon (kg)')]));
    };
    const native = await total('none');
    expect(native).toBeGreaterThan(100);
    for (const how of ['hour', 'day', 'week', 'month'])
      expect(await total(how)).toBeCloseTo(native, 6);
  });

  it('counts DST days right: 46 and 50 half-hours, 23 and 25 hours, the day their sum', async () => {
    const { call } = setup({ source: '3' });
    for (const [day, halfHours] of [
      ['2024-03-31', 46],
      ['2024-10-27', 50],
    ] as const) {
      const native = await call('USAGE', day, day, 'none', IMPORT);
      const hours = await call('USAGE', day, day, 'hour', IMPORT);
      const whole = await call('USAGE', day, day, 'day', IMPORT);
      const c = col(native, 'Carbon (kg)');
      expect(rows(native)).toHaveLength(halfHours);
      expect(rows(hours)).toHaveLength(halfHours / 2);
      const kwh = await energy(day, day);
      for (const r of rows(native))
        expect(r[c]).toBeCloseTo(
          ((kwh.get(utcOf(r[0])) as number) * ci.forecastAt(utcOf(r[0]), 3)) / 1000,
          9,
        );
      const s = sum(rows(native).map((r) => r[c]));
      expect(sum(rows(hours).map((r) => r[c]))).toBeCloseTo(s, 9);
      expect(rows(whole)[0][c]).toBeCloseTo(s, 9);
    }
  });

  it('uses the national actual where measured, else the forecast', async () => {
    const noActual: [number, number] = [Date.UTC(2024, 5, 1, 10), Date.UTC(2024, 5, 1, 12)];
    const { call } = setup({ source: 'national' }, { noActual: [noActual] });
    const t = await call('USAGE', '2024-06-01', '2024-06-01', 'none', IMPORT);
    const kwh = await energy('2024-06-01', '2024-06-01');
    const c = col(t, 'Carbon (kg)');
    for (const r of rows(t)) {
      const at = utcOf(r[0]);
      const g = at >= noActual[0] && at < noActual[1] ? ci.forecastAt(at, 0) : ci.actualAt(at);
      expect(r[c]).toBeCloseTo(((kwh.get(at) as number) * g) / 1000, 9);
    }
  });

  it('says per row and per day whether the carbon rests on actual or forecast intensity', async () => {
    // Measured until 12:00 UTC on 1 June, forecast from then on (as before the API catches up).
    const noActual: [number, number] = [Date.UTC(2024, 5, 1, 12), Date.UTC(2024, 5, 3)];
    const { call } = setup({ source: 'national' }, { noActual: [noActual] });
    const t = await call('USAGE', '2024-06-01', '2024-06-02', 'none', IMPORT);
    const c = col(t, 'Carbon (kg)');
    expect(t[0]).toEqual(['Start', 'End', 'kWh', 'Carbon (kg)', 'Carbon basis', 'Missing']);
    for (const r of rows(t)) {
      if (r[c] === null) expect(r[c + 1]).toBeNull();
      else expect(r[c + 1]).toBe(utcOf(r[0]) < noActual[0] ? 'actual' : 'forecast');
    }
    expect(new Set(rows(t).map((r) => r[c + 1]))).toEqual(new Set(['actual', 'forecast']));
    const days = await call('USAGE', '2024-06-01', '2024-06-02', 'day', IMPORT);
    expect(rows(days).map((r) => r[c + 1])).toEqual(['mixed', 'forecast']);
    expect(sum(rows(days).map((r) => r[c]))).toBeCloseTo(sum(rows(t).map((r) => r[c])), 9);
    // Regional intensity is only ever forecast.
    const regional = await setup({ source: '13' }).call(
      'USAGE',
      '2024-06-01',
      '2024-06-01',
      'day',
      IMPORT,
    );
    expect(rows(regional)[0][col(regional, 'Carbon basis')]).toBe('forecast');
  });

  it('leaves carbon unknown (null, never zero) where the intensity is missing', async () => {
    const gap: [number, number] = [Date.UTC(2024, 5, 1, 10), Date.UTC(2024, 5, 1, 11, 30)];
    const { call } = setup({ source: '13' }, { gaps: [gap] });
    const t = await call('USAGE', '2024-06-01', '2024-06-01', 'none', IMPORT);
    const c = col(t, 'Carbon (kg)');
    const inGap = rows(t).filter((r) => utcOf(r[0]) >= gap[0] && utcOf(r[0]) < gap[1]);
    expect(inGap).toHaveLength(3);
    for (const r of inGap) {
      expect(typeof r[2]).toBe('number'); // the energy is there
      expect(r[c]).toBeNull();
    }
    expect(rows(t).filter((r) => r[c] === null)).toHaveLength(3);
  });

  it('gives an export meter the carbon its export avoided, negative', async () => {
    const { call } = setup({ source: '13' });
    const t = await call('USAGE', '2024-06-01', '2024-06-01', 'day', EXPORT);
    const kwh = await energy('2024-06-01', '2024-06-01', EXPORT);
    let expected = 0;
    for (const [at, e] of kwh) expected += ((e ?? 0) * ci.forecastAt(at, 13)) / 1000;
    expect(expected).toBeGreaterThan(0);
    expect(rows(t)[0][col(t, 'Carbon (kg)')]).toBeCloseTo(-expected, 9);
  });

  it('leaves gas alone and asks the grid nothing for it', async () => {
    const { call, carbonRequests } = setup({ source: '13' });
    const t = await call('USAGE', '2024-06-01', '2024-06-01', 'day', GAS);
    expect(t[0]).not.toContain('Carbon (kg)');
    expect(carbonRequests()).toEqual([]);
  });

  it('takes a per-meter choice over the default: none drops the column', async () => {
    const { call, carbonRequests } = setup({ source: '13', meters: { [IMPORT]: 'none' } });
    const t = await call('USAGE', '2024-06-01', '2024-06-01', 'day', IMPORT);
    expect(t[0]).toEqual(['Start', 'End', 'kWh', 'Missing']);
    expect(carbonRequests()).toEqual([]);
  });

  it('looks a postcode up, and says clearly when the lookup fails (never falls back to national)', async () => {
    const ok = setup({ source: 'rg10' });
    const t = await ok.call('USAGE', '2024-06-01', '2024-06-01', 'none', IMPORT);
    expect(ok.carbonRequests()).toEqual([
      '/regional/intensity/2024-05-31T23:00Z/2024-06-01T23:00Z/postcode/RG10',
    ]);
    const kwh = await energy('2024-06-01', '2024-06-01');
    const r = rows(t)[5];
    expect(r[col(t, 'Carbon (kg)')]).toBeCloseTo(
      ((kwh.get(utcOf(r[0])) as number) * ci.forecastAt(utcOf(r[0]), ci.POSTCODES.RG10)) / 1000,
      9,
    );
    const down = setup({ source: 'RG10' }, { postcodesDown: true });
    const e = await down.fail('USAGE', '2024-06-01', '2024-06-01', 'none', IMPORT);
    expect(e.kind).toBe('not-found');
    expect(e.message).toBe(
      'Carbon Intensity API could not place postcode area RG10 (HTTP 400: Please enter a valid postcode); set a region id 1-17 instead (13 = London; the list is in docs/carbon.md)',
    );
    expect(down.carbonRequests().some((p) => p.startsWith('/intensity/'))).toBe(false);
  });
});

describe('grid carbon and providers with carbon of their own', () => {
  it('keeps the demo meter’s own carbon unless the meter is named, then uses the demo grid offline', async () => {
    const plain = harness({}, {}, NOW);
    const withDefault = harness({}, { carbon: { source: '13' } }, NOW);
    const own = await plain.call('USAGE', '2024-06-01', '2024-06-01', 'none', 'demo:electricity');
    expect(
      await withDefault.call('USAGE', '2024-06-01', '2024-06-01', 'none', 'demo:electricity'),
    ).toEqual(own);
    const named = harness({}, { carbon: { meters: { 'demo:electricity': 'national' } } }, NOW);
    const grid = await named.call('USAGE', '2024-06-01', '2024-06-01', 'none', 'demo:electricity');
    const c = col(grid, 'Carbon (kg)');
    expect(rows(grid).map((r) => r[2])).toEqual(rows(own).map((r) => r[2]));
    expect(rows(grid).map((r) => r[c])).not.toEqual(rows(own).map((r) => r[c]));
    expect(rows(grid).every((r) => typeof r[c] === 'number' || r[2] === null)).toBe(true);
    expect(named.io.record.requests).toEqual([]);
  });
});
