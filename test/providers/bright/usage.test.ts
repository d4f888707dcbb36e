// Bright meters and usage against the mock: discovery, every aggregate, gas, cost, missing
// data (Bright's zeros), DST days, and how a long range is fetched (one parallel batch).
import { describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../../shared/time/civil';
import { RECENT_MS } from '../../../shared/providers/bright/usage';
import { brightHarness } from './harness';
import { RESOURCES, type HalfHourTruth } from './mock';

const ELEC = `bright:${RESOURCES.electricity}`;
const GAS = `bright:${RESOURCES.gas}`;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** What Bright itself answers for a half-hour: 0 where the reading is not there. */
const asBright = (r: HalfHourTruth) => r.kwh ?? 0;

describe('Bright meter discovery', () => {
  it('lists the electricity and gas consumption resources, each with its cost resource', () => {
    const h = brightHarness();
    const meters = h.meters();
    expect(meters.map((m) => [m.id, m.fuel, m.direction])).toEqual([
      [ELEC, 'electricity', 'import'],
      [GAS, 'gas', 'import'],
    ]);
    expect(meters.map((m) => m.ref?.cost)).toEqual([RESOURCES.electricityCost, RESOURCES.gasCost]);
    expect(meters[0].label).toBe('Electricity (DCC Sourced), half-hourly, with cost');
  });

  it('shows them in METER_METERS and defaults to electricity', () => {
    const h = brightHarness();
    const rows = h.call('METERS');
    expect(rows.filter((r) => r[1] === 'bright').map((r) => r[0])).toEqual([ELEC, GAS]);
    const day = h.call('USAGE', '2024-06-03', '2024-06-03', 'day', 'bright');
    const truth = h.mock.truth('electricity', ...spanBounds(h, '2024-06-03', '2024-06-03'));
    expect(day[1][2]).toBeCloseTo(sum(truth.map(asBright)), 9);
  });

  it('names a meter that does not exist, listing the ones that do', () => {
    const h = brightHarness();
    expect(h.fail('USAGE', '2024-06-03', '', '', 'bright:nope')).toEqual({
      kind: 'not-found',
      message: `meter: no meter "bright:nope"; Bright has ${ELEC}, ${GAS}`,
    });
  });

  it('has no Cost where Bright lists no cost resource', () => {
    const h = brightHarness({ mock: { cost: false } });
    expect(h.meters()[0].ref?.cost).toBeUndefined();
    const rows = h.call('USAGE', '2024-06-03', '2024-06-04', 'day', ELEC);
    expect(rows[0]).toEqual(['Start', 'End', 'kWh', 'Missing']);
  });
});

function spanBounds(h: ReturnType<typeof brightHarness>, a: string, b: string): [number, number] {
  const s = h.spanOf(a, b);
  return [s.from, s.to];
}

describe('Bright usage', () => {
  it('returns every half-hour with its cost in pounds (Bright reports pence)', () => {
    const h = brightHarness();
    const series = h.usage(h.meter(ELEC), '2024-06-01', '2024-06-07');
    const truth = h.mock.truth('electricity', ...spanBounds(h, '2024-06-01', '2024-06-07'));
    expect(series.intervals.map((i) => [i.start, i.end, i.kwh])).toEqual(
      truth.map((r) => [r.start, r.end, asBright(r)]),
    );
    series.intervals.forEach((iv, i) =>
      expect(iv.cost).toBeCloseTo((truth[i].pence ?? 0) / 100, 9),
    );
    expect(series.cost).toBe(true);
    expect(series.currency).toBe('GBP');
  });

  it('conserves energy and cost in every aggregate', () => {
    const h = brightHarness();
    const truth = h.mock.truth('electricity', ...spanBounds(h, '2024-03-01', '2024-04-30'));
    const totalKwh = sum(truth.map(asBright));
    const totalCost = sum(truth.map((r) => (r.pence ?? 0) / 100));
    for (const agg of ['none', 'hour', 'day', 'week', 'month']) {
      const rows = h.call('USAGE', '2024-03-01', '2024-04-30', agg, ELEC);
      expect(rows[0]).toEqual(['Start', 'End', 'kWh', 'Cost (GBP)', 'Missing']);
      const body = rows.slice(1);
      expect(sum(body.map((r) => (r[2] as number | null) ?? 0)), agg).toBeCloseTo(totalKwh, 6);
      expect(sum(body.map((r) => (r[3] as number | null) ?? 0)), agg).toBeCloseTo(totalCost, 6);
      // A past range: Bright's zeros are readings, nothing is Missing.
      expect(sum(body.map((r) => r[4] as number)), agg).toBe(0);
    }
    for (const agg of ['profile', 'weekday-profile', 'weekend-profile']) {
      const rows = h.call('USAGE', '2024-03-01', '2024-04-30', agg, ELEC);
      expect(rows).toHaveLength(49);
      const weighted = sum(
        rows.slice(1).map((r) => ((r[1] as number | null) ?? 0) * (r[2] as number)),
      );
      if (agg === 'profile') expect(weighted).toBeCloseTo(totalKwh, 6);
    }
  });

  it('reads gas in kWh, as Bright converts it, with its own cost', () => {
    const h = brightHarness();
    const series = h.usage(h.meter(GAS), '2024-01-08', '2024-01-14');
    const truth = h.mock.truth('gas', ...spanBounds(h, '2024-01-08', '2024-01-14'));
    expect(series.intervals.map((i) => i.kwh)).toEqual(truth.map(asBright));
    expect(sum(truth.map(asBright))).toBeGreaterThan(200);
    series.intervals.forEach((iv, i) =>
      expect(iv.cost).toBeCloseTo((truth[i].pence ?? 0) / 100, 9),
    );
  });

  it('gives 46 half-hours on the spring-forward day and 50 on the fall-back day', () => {
    const h = brightHarness();
    for (const [day, n] of [
      ['2024-03-31', 46],
      ['2024-10-27', 50],
    ] as const) {
      const rows = h.call('USAGE', day, day, 'none', ELEC).slice(1);
      expect(rows).toHaveLength(n);
      const truth = h.mock.truth('electricity', ...spanBounds(h, day, day));
      expect(rows.map((r) => r[2])).toEqual(truth.map(asBright));
    }
    const fallBack = h.call('USAGE', '2024-10-27', '2024-10-27', 'none', ELEC).slice(1);
    expect(fallBack.slice(2, 6).map((r) => r[0])).toEqual([
      '2024-10-27T01:00:00+01:00',
      '2024-10-27T01:30:00+01:00',
      '2024-10-27T01:00:00+00:00',
      '2024-10-27T01:30:00+00:00',
    ]);
  });
});

describe("Bright's zeros for data not received yet", () => {
  it('counts the zeros after the last reading of a recent range as Missing, not 0', () => {
    const now = Date.UTC(2025, 0, 15, 12, 0, 7);
    const h = brightHarness({ now, mock: { lagMs: 6 * 3_600_000 } });
    const rows = h.call('USAGE', '2025-01-14', '2025-01-15', 'none', ELEC).slice(1);
    expect(rows).toHaveLength(96);
    const truth = h.mock.truth('electricity', Date.UTC(2025, 0, 14), Date.UTC(2025, 0, 16));
    const lastReading = truth.map((r) => r.kwh !== null && r.kwh > 0).lastIndexOf(true);
    // Half-hours that ended less than six hours ago have not reached Bright.
    expect(truth[lastReading].end).toBeLessThanOrEqual(now - 6 * 3_600_000);
    expect(lastReading).toBeGreaterThan(48);
    rows.forEach((r, i) => {
      if (i <= lastReading) expect(r[2], String(i)).toBe(truth[i].kwh ?? 0);
      else expect([r[2], r[3], r[4]], String(i)).toEqual([null, null, 1]);
    });
    const day = h.call('USAGE', '2025-01-15', '2025-01-15', 'day', ELEC);
    expect(day[1][4]).toBe(48 - (lastReading - 47));
  });

  it('takes the zeros of an older range as readings (Bright cannot tell them apart)', () => {
    const now = Date.UTC(2025, 0, 15, 12, 0, 7);
    const h = brightHarness({ now });
    const old = new Date(now - RECENT_MS - 2 * MS_PER_DAY).toISOString().slice(0, 10);
    const rows = h.call('USAGE', old, old, 'none', ELEC).slice(1);
    expect(rows.every((r) => typeof r[2] === 'number' && r[4] === 0)).toBe(true);
  });

  it('asks Glowmarkt to catch up from the DCC once for a recent range, not on every recalculation', () => {
    const now = Date.UTC(2025, 0, 15, 12, 0, 7);
    const h = brightHarness({ now });
    h.call('USAGE', '2025-01-15', '2025-01-15', 'day', ELEC);
    h.call('USAGE', '2025-01-14', '2025-01-15', 'hour', ELEC);
    expect(h.mock.state.catchups).toEqual([RESOURCES.electricity]);
    h.advance(31 * 60_000);
    h.call('USAGE', '2025-01-15', '2025-01-15', 'day', ELEC);
    expect(h.mock.state.catchups).toHaveLength(2);
    h.call('USAGE', '2024-12-01', '2024-12-02', 'day', ELEC);
    expect(h.mock.state.catchups).toHaveLength(2);
  });

  it('asks nothing for the future', () => {
    const h = brightHarness({ now: Date.UTC(2025, 0, 15, 12, 0, 7) });
    h.call('METERS');
    const n = h.record.requests.length;
    const later = h.call('USAGE', '2025-02-01', '2025-02-03', 'day', ELEC);
    expect(later.slice(1).every((r) => r[2] === null && r[r.length - 1] === 48)).toBe(true);
    expect(h.record.requests.length).toBe(n);
  });
});

describe('Bright: a long range', () => {
  it('is cut into 10-day windows (the PT30M cap), all sent in one batch with their cost', () => {
    const h = brightHarness();
    h.call('METERS'); // signs in and lists meters
    const batches = h.record.batches.length;
    const requests = h.record.requests.length;
    const rows = h.call('USAGE', '2024-01-01', '2024-12-31', 'month', ELEC);
    expect(rows).toHaveLength(13);
    expect(h.record.batches.slice(batches)).toEqual([74]); // 37 windows of kWh, 37 of cost
    const sent = h.mock.state.readings.filter((r) => r.resourceId === RESOURCES.electricity);
    expect(sent).toHaveLength(37);
    for (const r of sent) {
      expect(r.period).toBe('PT30M');
      expect(Date.parse(r.to + 'Z') - Date.parse(r.from + 'Z')).toBeLessThan(10 * MS_PER_DAY);
    }
    // The windows tile the year: each starts where the previous ended.
    for (let i = 1; i < sent.length; i++)
      expect(Date.parse(sent[i].from + 'Z')).toBe(Date.parse(sent[i - 1].to + 'Z') + 1000);
    expect(h.record.requests.length - requests).toBe(74);
    const truth = h.mock.truth('electricity', ...spanBounds(h, '2024-01-01', '2024-12-31'));
    expect(sum(rows.slice(1).map((r) => r[2] as number))).toBeCloseTo(sum(truth.map(asBright)), 6);
  });

  it('is refused by the mock when one request spans more than the cap', () => {
    const h = brightHarness();
    h.call('METERS');
    const token = h.record.requests.find((r) => r.url.endsWith('/virtualentity'))?.headers?.token;
    const res = h.mock.handler({
      method: 'GET',
      path: `/api/v0-1/resource/${RESOURCES.electricity}/readings?from=2024-01-01T00:00:00&to=2024-01-11T00:30:00&period=PT30M&function=sum&offset=0`,
      query: {
        from: '2024-01-01T00:00:00',
        to: '2024-01-11T00:30:00',
        period: 'PT30M',
        function: 'sum',
        offset: '0',
      },
      headers: { applicationid: 'b0f1b774-a586-4f72-9edd-27ead8aa7a8d', token: token ?? '' },
      body: '',
    });
    expect((res as { status: number }).status).toBe(400);
  });
});
