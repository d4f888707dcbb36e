// Kraken meters and usage against the mock: discovery, every aggregate, export, gas,
// missing half-hours, DST days, and how a long range is fetched (one parallel batch).
import { describe, expect, it } from 'vitest';
import { resolveSpan } from '../../../shared/aggregate';
import { MS_PER_HALF_HOUR, parseDay } from '../../../shared/time/civil';
import { MOCK_POINTS } from './mock';
import type { HalfHourReading, PointKind } from './mock/household';
import { json } from '../../mocks/mock-http';
import { krakenHarness } from './harness';

const IMPORT = `kraken:${MOCK_POINTS.import.mpan}`;
const EXPORT = `kraken:${MOCK_POINTS.export.mpan}:export`;
const GAS = `kraken:gas:${MOCK_POINTS.gas.mprn}`;

function spanOf(first: string, last: string, zone = 'Europe/London') {
  return resolveSpan(zone, parseDay(first) as number, parseDay(last) as number);
}

function truthFor(
  h: ReturnType<typeof krakenHarness>,
  kind: PointKind,
  first: string,
  last: string,
  zone?: string,
) {
  const s = spanOf(first, last, zone);
  return { span: s, readings: h.mock.truth(kind, s.from, s.to) };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const costOf = (r: HalfHourReading, kind: PointKind) =>
  ((kind === 'export' ? -1 : 1) * r.energyPence) / 100;

describe('Kraken meter discovery', () => {
  it('lists the active import, export and gas meter points with their smart devices', () => {
    const h = krakenHarness();
    const meters = h.meters();
    expect(meters.map((m) => [m.id, m.fuel, m.direction])).toEqual([
      [IMPORT, 'electricity', 'import'],
      [EXPORT, 'electricity', 'export'],
      [GAS, 'gas', 'import'],
    ]);
    expect(meters.map((m) => m.ref?.deviceId)).toEqual([
      MOCK_POINTS.import.deviceId,
      MOCK_POINTS.export.deviceId,
      MOCK_POINTS.gas.deviceId,
    ]);
    // The supply the household left (an ended agreement) is not a meter you can query.
    expect(meters.some((m) => m.id.includes(MOCK_POINTS.old.mpan))).toBe(false);
  });

  it('shows them in METER_METERS beside the demo meters, and defaults to the import meter', () => {
    const h = krakenHarness();
    const rows = h.call('METERS');
    expect(rows.filter((r) => r[1] === 'kraken').map((r) => r[0])).toEqual([IMPORT, EXPORT, GAS]);
    expect(rows.find((r) => r[0] === EXPORT)?.[6]).toBe(
      'Electricity export (MPAN …6543), half-hourly, smart meter',
    );
    const day = h.call('USAGE', '2024-06-03', '2024-06-03', 'day', 'kraken');
    const { readings } = truthFor(h, 'import', '2024-06-03', '2024-06-03');
    expect(day[1][2]).toBeCloseTo(sum(readings.map((r) => r.kwh)), 9);
  });

  it('names a meter that does not exist, listing the ones that do', () => {
    const h = krakenHarness();
    expect(h.fail('USAGE', '2024-06-03', '', '', 'kraken:1900000000000')).toEqual({
      kind: 'not-found',
      message: `meter: no meter "kraken:1900000000000"; Kraken has ${IMPORT}, ${EXPORT}, ${GAS}`,
    });
  });
});

describe('Kraken usage', () => {
  it('returns every half-hour the meter reported, with its energy cost and no standing charge', () => {
    const h = krakenHarness();
    const series = h.usage(h.meter(IMPORT), '2024-06-01', '2024-06-07');
    const { readings } = truthFor(h, 'import', '2024-06-01', '2024-06-07');
    expect(readings.length).toBeGreaterThan(300);
    expect(series.intervals.map((i) => [i.start, i.end, i.kwh])).toEqual(
      readings.map((r) => [r.start, r.end, r.kwh]),
    );
    series.intervals.forEach((iv, i) =>
      expect(iv.cost).toBeCloseTo(costOf(readings[i], 'import'), 9),
    );
    expect(series.cost).toBe(true);
    expect(series.currency).toBe('GBP');
    // The mock's half-hours also carry a share of the standing charge: it must not be in Cost.
    const standing = sum(readings.map((r) => r.standingPence)) / 100;
    expect(standing).toBeGreaterThan(1);
    expect(sum(series.intervals.map((i) => i.cost ?? 0))).toBeCloseTo(
      sum(readings.map((r) => r.energyPence)) / 100,
      6,
    );
  });

  it('conserves energy, cost and Missing in every aggregate', () => {
    const h = krakenHarness();
    const { span, readings } = truthFor(h, 'import', '2024-03-01', '2024-04-30');
    const expected = (span.to - span.from) / MS_PER_HALF_HOUR;
    const totalKwh = sum(readings.map((r) => r.kwh));
    const totalCost = sum(readings.map((r) => costOf(r, 'import')));
    const missing = expected - readings.length;
    expect(missing).toBeGreaterThan(0); // the household's transmission gaps
    for (const agg of ['none', 'hour', 'day', 'week', 'month']) {
      const rows = h.call('USAGE', '2024-03-01', '2024-04-30', agg, IMPORT);
      expect(rows[0]).toEqual(['Start', 'End', 'kWh', 'Cost (GBP)', 'Missing']);
      const body = rows.slice(1);
      expect(sum(body.map((r) => (r[2] as number | null) ?? 0)), agg).toBeCloseTo(totalKwh, 6);
      expect(sum(body.map((r) => (r[3] as number | null) ?? 0)), agg).toBeCloseTo(totalCost, 6);
      expect(sum(body.map((r) => r[4] as number)), agg).toBe(missing);
    }
    expect(h.call('USAGE', '2024-03-01', '2024-04-30', 'day', IMPORT)).toHaveLength(1 + 61);
    for (const agg of ['profile', 'weekday-profile', 'weekend-profile']) {
      const rows = h.call('USAGE', '2024-03-01', '2024-04-30', agg, IMPORT);
      expect(rows[0]).toEqual(['Time', 'kWh', 'Days', 'Missing']);
      expect(rows).toHaveLength(49);
      const weighted = sum(
        rows.slice(1).map((r) => ((r[1] as number | null) ?? 0) * (r[2] as number)),
      );
      if (agg === 'profile') expect(weighted).toBeCloseTo(totalKwh, 6);
      else expect(weighted).toBeLessThan(totalKwh);
    }
    const wd = h.call('USAGE', '2024-03-01', '2024-04-30', 'weekday-profile', IMPORT).slice(1);
    const we = h.call('USAGE', '2024-03-01', '2024-04-30', 'weekend-profile', IMPORT).slice(1);
    const part = (rows: unknown[][]) =>
      sum(rows.map((r) => ((r[1] as number | null) ?? 0) * (r[2] as number)));
    expect(part(wd) + part(we)).toBeCloseTo(totalKwh, 6);
  });

  it('reads export with readingDirection GENERATION, its value as a negative cost', () => {
    const h = krakenHarness();
    const before = h.graphqlSent().length;
    const series = h.usage(h.meter(EXPORT), '2024-07-01', '2024-07-07');
    const { readings } = truthFor(h, 'export', '2024-07-01', '2024-07-07');
    expect(sum(readings.map((r) => r.kwh))).toBeGreaterThan(50); // a sunny July week
    expect(series.intervals.map((i) => i.kwh)).toEqual(readings.map((r) => r.kwh));
    series.intervals.forEach((iv, i) =>
      expect(iv.cost).toBeCloseTo(costOf(readings[i], 'export'), 9),
    );
    const sent = h.graphqlSent(before).filter((s) => s.body.operationName === 'krakenMeasurements');
    expect(sent.map((s) => s.body.variables.utilityFilters)).toEqual([
      [
        {
          electricityFilters: {
            readingFrequencyType: 'THIRTY_MIN_INTERVAL',
            marketSupplyPointId: MOCK_POINTS.export.mpan,
            readingDirection: 'GENERATION',
          },
        },
      ],
    ]);
  });

  it('reads gas by MPRN, and converts m³ with the calorific value when a Kraken reports volume', () => {
    const h = krakenHarness();
    const kwh = h.usage(h.meter(GAS), '2024-01-08', '2024-01-14');
    const { readings } = truthFor(h, 'gas', '2024-01-08', '2024-01-14');
    expect(kwh.intervals.map((i) => i.kwh)).toEqual(readings.map((r) => r.kwh));
    expect(sum(readings.map((r) => r.kwh))).toBeGreaterThan(200);

    const m3 = krakenHarness({ mock: { gasUnit: 'm3' } });
    const converted = m3.usage(m3.meter(GAS), '2024-01-08', '2024-01-14');
    // m³ come with six decimals: about 1e-5 kWh of rounding.
    converted.intervals.forEach((iv, i) => expect(iv.kwh).toBeCloseTo(readings[i].kwh, 4));
    const cv = krakenHarness({ mock: { gasUnit: 'm3' }, config: { calorificValue: 38 } });
    const other = cv.usage(cv.meter(GAS), '2024-01-08', '2024-01-08');
    expect(other.intervals[20].kwh).toBeCloseTo((readings[20].kwh * 38) / 40, 4);
  });

  it('counts the half-hours Kraken never reported as Missing, never as zero', () => {
    const h = krakenHarness();
    const { span, readings } = truthFor(h, 'import', '2024-05-01', '2024-05-31');
    const reported = new Set(readings.map((r) => r.start));
    const gaps: number[] = [];
    for (let t = span.from; t < span.to; t += MS_PER_HALF_HOUR) if (!reported.has(t)) gaps.push(t);
    expect(gaps.length).toBeGreaterThan(2);
    const rows = h.call('USAGE', '2024-05-01', '2024-05-31', 'none', IMPORT).slice(1);
    expect(rows).toHaveLength((span.to - span.from) / MS_PER_HALF_HOUR);
    const empty = rows.filter((r) => r[2] === null);
    expect(empty).toHaveLength(gaps.length);
    expect(empty.every((r) => r[4] === 1 && r[3] === null)).toBe(true);
    // A whole missing gas day is 48 missing half-hours in that day's row.
    const gas = h.call('USAGE', '2024-01-01', '2024-12-31', 'day', GAS).slice(1);
    const missingDays = gas.filter((r) => r[2] === null);
    expect(missingDays.length).toBeGreaterThan(3);
    expect(missingDays.every((r) => (r[4] as number) >= 46)).toBe(true);
  });

  it('gives 46 half-hours on the spring-forward day and 50 on the fall-back day, in order', () => {
    const h = krakenHarness();
    for (const [day, n] of [
      ['2024-03-31', 46],
      ['2024-10-27', 50],
    ] as const) {
      const rows = h.call('USAGE', day, day, 'none', IMPORT).slice(1);
      expect(rows).toHaveLength(n);
      const { readings } = truthFor(h, 'import', day, day);
      const byStart = new Map(readings.map((r) => [r.start, r.kwh]));
      const span = spanOf(day, day);
      rows.forEach((r, i) =>
        expect(r[2]).toBe(byStart.get(span.from + i * MS_PER_HALF_HOUR) ?? null),
      );
    }
    const fallBack = h.call('USAGE', '2024-10-27', '2024-10-27', 'none', IMPORT).slice(1);
    expect(fallBack.slice(2, 6).map((r) => r[0])).toEqual([
      '2024-10-27T01:00:00+01:00',
      '2024-10-27T01:30:00+01:00',
      '2024-10-27T01:00:00+00:00',
      '2024-10-27T01:30:00+00:00',
    ]);
    expect(h.call('USAGE', '2024-10-27', '2024-10-27', 'hour', IMPORT)).toHaveLength(1 + 25);
  });

  it('always sends the zone the days are counted in, with offsets on every instant', () => {
    const h = krakenHarness();
    const rows = h.call('USAGE', '2024-03-10', '2024-03-10', 'none', IMPORT, 'America/New_York');
    expect(rows).toHaveLength(1 + 46); // New York springs forward that day
    const sent = h.graphqlSent().filter((s) => s.body.operationName === 'krakenMeasurements');
    expect(sent.at(-1)?.body.variables).toMatchObject({
      timezone: 'America/New_York',
      startAt: '2024-03-10T00:00:00-05:00',
      endAt: '2024-03-11T00:00:00-04:00',
      first: 1000,
    });
    const { readings } = truthFor(h, 'import', '2024-03-10', '2024-03-10', 'America/New_York');
    expect(sum(rows.slice(1).map((r) => (r[2] as number | null) ?? 0))).toBeCloseTo(
      sum(readings.map((r) => r.kwh)),
      9,
    );
  });

  it('shares out the half-hours a local day starts inside (Pacific/Chatham, UTC+12:45)', () => {
    const h = krakenHarness();
    const rows = h.call('USAGE', '2024-06-03', '2024-06-03', 'day', IMPORT, 'Pacific/Chatham');
    const span = spanOf('2024-06-03', '2024-06-03', 'Pacific/Chatham');
    const whole = (t: number) => Math.floor(t / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
    const readings = h.mock.truth('import', whole(span.from), whole(span.to) + MS_PER_HALF_HOUR);
    expect(readings).toHaveLength(49); // no gap that day: 47 whole half-hours and two halves
    const share = (r: HalfHourReading) =>
      (Math.min(r.end, span.to) - Math.max(r.start, span.from)) / MS_PER_HALF_HOUR;
    expect(rows[1][2]).toBeCloseTo(sum(readings.map((r) => r.kwh * share(r))), 9);
    expect(rows[1][4]).toBe(0);
  });

  it('asks nothing for the future: today is fetched up to now, later days not at all', () => {
    const h = krakenHarness({ now: Date.UTC(2025, 0, 15, 12, 0, 7) });
    const today = h.call('USAGE', '2025-01-15', '2025-01-15', 'none', IMPORT).slice(1);
    expect(today).toHaveLength(48);
    expect(today.slice(24).every((r) => r[2] === null && r[4] === 1)).toBe(true);
    const sent = h.graphqlSent().filter((s) => s.body.operationName === 'krakenMeasurements');
    expect(sent.at(-1)?.body.variables.endAt).toBe('2025-01-15T12:30:00+00:00');
    const n = h.graphqlSent().length;
    const later = h.call('USAGE', '2025-02-01', '2025-02-03', 'day', IMPORT);
    // Nothing was fetched, so nothing says there are costs: no Cost column.
    expect(later[0]).toEqual(['Start', 'End', 'kWh', 'Missing']);
    expect(later.slice(1).every((r) => r[2] === null && r[3] === 48)).toBe(true);
    expect(h.graphqlSent().length).toBe(n);
  });
});

describe('fetching a long range', () => {
  it('sends a year as ONE batch of page-sized sub-ranges that tile it, never a cursor chain', () => {
    const h = krakenHarness();
    const m = h.meter(IMPORT);
    const batchesBefore = h.record.batches.length;
    const before = h.graphqlSent().length;
    const series = h.usage(m, '2024-01-01', '2024-12-31');
    const batches = h.record.batches.slice(batchesBefore);
    const sent = h.graphqlSent(before);
    const shards = Math.ceil((366 * 48) / 960);
    expect(batches).toEqual([shards]); // the token and meters were already cached
    expect(sent).toHaveLength(shards);
    const vars = sent.map((s) => s.body.variables);
    expect(
      vars.every((v) => v.first <= 1000 && v.after === undefined && v.timezone === 'Europe/London'),
    ).toBe(true);
    expect(vars[0].startAt).toBe('2024-01-01T00:00:00+00:00');
    expect(vars.at(-1).endAt).toBe('2025-01-01T00:00:00+00:00');
    for (let i = 1; i < vars.length; i++) expect(vars[i].startAt).toBe(vars[i - 1].endAt);
    const { readings } = truthFor(h, 'import', '2024-01-01', '2024-12-31');
    expect(series.intervals.map((i) => i.start)).toEqual(readings.map((r) => r.start));
  });

  it('fetches the periods of METER_COMPARE together, in one batch', () => {
    const h = krakenHarness();
    h.meters();
    h.call('METERS'); // token and meter list cached, as after any first call
    const batches = h.record.batches.length;
    const rows = h.call('COMPARE', '2024-01, 2024-07', IMPORT);
    expect(rows[0]).toEqual(['Time', '2024-01', '2024-07']);
    expect(h.record.batches.slice(batches)).toEqual([2 + 2]); // two 20-day sub-ranges each
  });

  it('still follows a sub-range that reports more pages, all such together', () => {
    // A Kraken that silently pages at 500, whatever `first` asks for.
    const h = krakenHarness({
      wrap: (inner) => (req) => {
        if (!req.path.startsWith('/v1/graphql')) return inner(req);
        const body = JSON.parse(req.body);
        if (body.operationName !== 'krakenMeasurements') return inner(req);
        body.variables.first = Math.min(body.variables.first, 500);
        return inner({ ...req, body: JSON.stringify(body) });
      },
    });
    const m = h.meter(IMPORT);
    const batchesBefore = h.record.batches.length;
    const before = h.graphqlSent().length;
    const series = h.usage(m, '2024-01-01', '2024-02-29');
    const shards = Math.ceil((60 * 48) / 960);
    expect(h.record.batches.slice(batchesBefore)).toEqual([shards, shards]);
    const follow = h
      .graphqlSent(before)
      .slice(shards)
      .map((s) => s.body.variables.after);
    expect(
      follow.every(
        (c) =>
          typeof c === 'string' && Buffer.from(c, 'base64').toString() === 'arrayconnection:499',
      ),
    ).toBe(true);
    const { readings } = truthFor(h, 'import', '2024-01-01', '2024-02-29');
    expect(series.intervals.map((i) => i.kwh)).toEqual(readings.map((r) => r.kwh));
  });

  it('treats an errors[] in any one sub-range as a failure, not as missing data', () => {
    const h = krakenHarness();
    const m = h.meter(IMPORT);
    // Retried three times; an internal error that persists fails the whole range.
    for (let i = 0; i < 50; i++)
      h.mock.failField('measurements', 'KT-CT-7899', 'An internal error occurred.');
    let error: unknown;
    try {
      h.usage(m, '2024-01-01', '2024-03-31');
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toBe(
      `Kraken had an internal error; try again later (KT-CT-7899, the usage of ${IMPORT})`,
    );
  });

  it('refuses an answer that is not JSON, naming what it was', () => {
    const h = krakenHarness({
      wrap: (inner) => (req) =>
        JSON.parse(req.body || '{}').operationName === 'krakenMeasurements'
          ? {
              status: 502,
              headers: { 'content-type': 'text/html' },
              body: '<html>Bad gateway</html>',
            }
          : inner(req),
    });
    expect(h.fail('USAGE', '2024-01-01', '2024-01-01', 'day', IMPORT)).toEqual({
      kind: 'unavailable',
      message: `Kraken failed to answer the usage of ${IMPORT} (HTTP 502); try again later`,
    });
    const malformed = krakenHarness({
      wrap: (inner) => (req) =>
        JSON.parse(req.body || '{}').operationName === 'krakenMeasurements'
          ? json(200, { data: null })
          : inner(req),
    });
    expect(malformed.fail('USAGE', '2024-01-01', '2024-01-01', 'day', IMPORT).message).toBe(
      `Kraken answered the usage of ${IMPORT} without data`,
    );
  });
});
