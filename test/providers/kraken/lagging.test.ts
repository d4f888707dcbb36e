// Kraken instances that differ from today's Octopus one, and data that is not all there:
// an older schema without meterPoint.direction (other suppliers' Krakens lag Octopus's),
// half-hours without cost statistics (smart-charging slots), and a meter exchange that
// files a meter point's readings under two smart devices.
import { describe, expect, it } from 'vitest';
import { resolveSpan } from '../../../shared/aggregate';
import { krakenError } from '../../../shared/providers/kraken/errors';
import { MS_PER_HALF_HOUR, parseDay } from '../../../shared/time/civil';
import { MOCK_POINTS, MOCK_REPLACEMENT } from './mock';
import { krakenHarness } from './harness';

const IMPORT = `kraken:${MOCK_POINTS.import.mpan}`;
const EXPORT = `kraken:${MOCK_POINTS.export.mpan}:export`;
const GAS = `kraken:gas:${MOCK_POINTS.gas.mprn}`;

function spanOf(first: string, last: string) {
  return resolveSpan('Europe/London', parseDay(first) as number, parseDay(last) as number);
}

describe('a Kraken whose schema has no ElectricityMeterPointType.direction (2024)', () => {
  it('still lists every meter, telling export from import without that field', () => {
    const h = krakenHarness({ mock: { schema: '2024' } });
    const meters = h.meters();
    expect(meters.map((m) => [m.id, m.fuel, m.direction, m.ref?.direction])).toEqual([
      [IMPORT, 'electricity', 'import', 'CONSUMPTION'],
      [EXPORT, 'electricity', 'export', 'GENERATION'],
      [GAS, 'gas', 'import', 'CONSUMPTION'],
    ]);
    // The first query was refused, the one without `direction` answered.
    const asked = h.graphqlSent().filter((s) => s.body.operationName?.startsWith('krakenMeters'));
    expect(asked.map((s) => /\bdirection\b/.test(s.body.query))).toEqual([true, false]);
    // Its meter and tariff placed the export point: no readings were needed to tell.
    expect(h.graphqlSent().some((s) => s.body.operationName === 'krakenMeasurements')).toBe(false);
  });

  it('with no other sign, tells export by its GENERATION readings (one batch of probes)', () => {
    const h = krakenHarness({ mock: { schema: '2024', exportSigns: false } });
    expect(h.meters().map((m) => [m.id, m.direction])).toEqual([
      [IMPORT, 'import'],
      [EXPORT, 'export'],
      [GAS, 'import'],
    ]);
    const probes = h
      .graphqlSent()
      .filter((s) => s.body.operationName === 'krakenMeasurements')
      .map((s) => s.body.variables);
    expect(probes.map((v) => [v.first, v.utilityFilters[0].electricityFilters])).toEqual([
      [
        1,
        {
          readingFrequencyType: 'THIRTY_MIN_INTERVAL',
          marketSupplyPointId: MOCK_POINTS.import.mpan,
          readingDirection: 'GENERATION',
        },
      ],
      [
        1,
        {
          readingFrequencyType: 'THIRTY_MIN_INTERVAL',
          marketSupplyPointId: MOCK_POINTS.export.mpan,
          readingDirection: 'GENERATION',
        },
      ],
    ]);
    // Both probes went out together, as the last batch.
    expect(h.record.batches[h.record.batches.length - 1]).toBe(2);
  });

  it('reads usage and export as on a current Kraken', () => {
    const h = krakenHarness({ mock: { schema: '2024' } });
    const day = h.call('USAGE', '2024-06-03', '2024-06-03', 'day', EXPORT);
    const s = spanOf('2024-06-03', '2024-06-03');
    const truth = h.mock.truth('export', s.from, s.to);
    expect(day[1][2]).toBeCloseTo(
      truth.reduce((a, r) => a + r.kwh, 0),
      9,
    );
  });

  it('asks a current Kraken once, with direction', () => {
    const h = krakenHarness();
    h.meters();
    const asked = h.graphqlSent().filter((s) => s.body.operationName?.startsWith('krakenMeters'));
    expect(asked).toHaveLength(1);
  });

  it('says which field a Kraken does not know, whole, not cut mid-sentence', () => {
    const e = krakenError(
      { message: 'Cannot query field "direction" on type "ElectricityMeterPointType".' },
      'the meters of A-AB12CD34',
    );
    expect(e.message).toBe(
      'Kraken does not know the field "direction" on type "ElectricityMeterPointType" (its schema is older or different from the one this add-on was written for), asked for the meters of A-AB12CD34',
    );
    const long = krakenError(
      { message: `Something went wrong ${'with a long explanation '.repeat(10)}end.` },
      'the usage of x',
    );
    expect(long.message).toMatch(
      /^Kraken answered the usage of x with an error: Something went wrong/,
    );
    expect(long.message).not.toMatch(/[a-z]…$/); // never ends inside a word
  });
});

describe('half-hours that come without cost statistics', () => {
  // Smart-charging slots on 3 June 2024, 01:00–04:00 UTC: kWh but no cost.
  const slot = (t: number) => t >= Date.UTC(2024, 5, 3, 1) && t < Date.UTC(2024, 5, 3, 4);

  it("leave the day's cost blank (Missing is 0), while the other days keep theirs", () => {
    const h = krakenHarness({ mock: { unpriced: slot } });
    const rows = h.call('USAGE', '2024-06-02', '2024-06-04', 'day', IMPORT);
    expect(rows[0]).toEqual(['Start', 'End', 'kWh', 'Cost (GBP)', 'Missing']);
    expect(rows[2][2]).toEqual(expect.any(Number));
    expect(rows[2][3]).toBeNull();
    expect(typeof rows[1][3]).toBe('number');
    expect(typeof rows[3][3]).toBe('number');
    const none = h.call('USAGE', '2024-06-03', '2024-06-03', 'none', IMPORT).slice(1);
    const unpriced = none.filter((r) => r[2] !== null && r[3] === null);
    // 01:00–04:00 UTC is 02:00–05:00 BST: six half-hours (less any transmission gaps).
    expect(unpriced.length).toBeGreaterThan(0);
    expect(unpriced.length).toBeLessThanOrEqual(6);
    expect(unpriced.every((r) => r[4] === 0)).toBe(true);
  });
});

describe('a meter exchange: one meter point, readings under two smart devices', () => {
  const exchange = '2024-06-03T10:00:00Z';

  it('lists the new meter, and reads the meter point across the exchange with nothing missing', () => {
    const h = krakenHarness({ mock: { meterExchangeAt: exchange } });
    const meter = h.meter(IMPORT);
    expect(meter.ref?.deviceId).toBe(MOCK_REPLACEMENT.deviceId);
    const s = spanOf('2024-06-02', '2024-06-04');
    const truth = h.mock.truth('import', s.from, s.to);
    const series = h.usage(meter, '2024-06-02', '2024-06-04');
    expect(series.intervals.map((i) => [i.start, i.kwh])).toEqual(
      truth.map((r) => [r.start, r.kwh]),
    );
    const day = h.call('USAGE', '2024-06-03', '2024-06-03', 'day', IMPORT);
    const expected = (s.to - s.from) / MS_PER_HALF_HOUR / 3;
    const reported = truth.filter(
      (r) => r.start >= s.boundaries[1] && r.start < s.boundaries[2],
    ).length;
    expect(day[1][4]).toBe(expected - reported);
  });

  it('filters readings by supply point and direction, never by device', () => {
    const h = krakenHarness({ mock: { meterExchangeAt: exchange } });
    h.usage(h.meter(EXPORT), '2024-06-03', '2024-06-03');
    const sent = h.graphqlSent().filter((s) => s.body.operationName === 'krakenMeasurements');
    expect(sent.length).toBeGreaterThan(0);
    for (const s of sent)
      expect(s.body.variables.utilityFilters).toEqual([
        {
          electricityFilters: {
            readingFrequencyType: 'THIRTY_MIN_INTERVAL',
            marketSupplyPointId: MOCK_POINTS.export.mpan,
            readingDirection: 'GENERATION',
          },
        },
      ]);
  });
});
