// Hand-checked prices: each expected figure is worked out in the comment beside it, not
// computed by the code under test.
import { describe, expect, it } from 'vitest';
import { resolveSpan } from '../../shared/aggregate';
import type { Interval } from '../../shared/model';
import { parseInline } from '../../shared/tariffs/inline';
import { ALWAYS, type Tariff } from '../../shared/tariffs/model';
import { priceSeries, standingCharges } from '../../shared/tariffs/price';
import { costTable } from '../../shared/tariffs/table';
import { type Cell, tableToJson } from '../../shared/table';
import { MS_PER_DAY, MS_PER_HALF_HOUR, daysFromCivil } from '../../shared/time/civil';

const LONDON = 'Europe/London';
const HH = MS_PER_HALF_HOUR;

function halfHours(
  from: number,
  to: number,
  kwh: (t: number) => number | null = () => 1,
): Interval[] {
  const out: Interval[] = [];
  for (let t = from; t < to; t += HH) out.push({ start: t, end: t + HH, kwh: kwh(t) });
  return out;
}

function dayCosts(
  tariff: Tariff,
  y: number,
  m: number,
  d: number,
  days = 1,
  kwh?: (t: number) => number | null,
) {
  const first = daysFromCivil(y, m, d);
  const span = resolveSpan(LONDON, first, first + days - 1);
  const series = { intervals: halfHours(span.from, span.to, kwh), carbon: false, cost: false };
  const priced = priceSeries(series.intervals, tariff, LONDON, span.from, span.to);
  const table = costTable(series, span, 'day', priced, tariff.currency);
  return { table, priced, series, span };
}

const close = (a: Cell, b: number) => expect(a as number).toBeCloseTo(b, 9);

/** An Agile-like tariff: the i-th half-hour (UTC) from `from` costs 0.10 + 0.01 × i. */
function agileLike(from: number, count: number, standing = 0): Tariff {
  const slots = [];
  for (let i = 0; i < count; i++)
    slots.push({ from: from + i * HH, to: from + (i + 1) * HH, rate: 0.1 + 0.01 * i });
  return {
    name: 'agile-like',
    label: 'test',
    currency: 'GBP',
    unit: [{ ...ALWAYS, value: { kind: 'slots', slots } }],
    standing: [{ ...ALWAYS, value: standing }],
  };
}

describe('dynamic rates on DST days', () => {
  it('spring forward: 46 half-hours, each at its own rate', () => {
    // 2024-03-31 London starts 00:00Z and ends 23:00Z: 46 half-hours at 1 kWh.
    // Σ (0.10 + 0.01 i), i = 0..45 = 4.60 + 0.01 × 1035 = 14.95; standing 0.5.
    const start = Date.UTC(2024, 2, 31);
    const { table, priced } = dayCosts(agileLike(start, 46, 0.5), 2024, 3, 31);
    expect(priced.cost).toHaveLength(46);
    expect(table[0]).toEqual([
      'Start',
      'End',
      'kWh',
      'Energy cost (GBP)',
      'Standing charge (GBP)',
      'Cost (GBP)',
      'Unpriced',
      'Missing',
    ]);
    close(table[1][2], 46);
    close(table[1][3], 14.95);
    close(table[1][4], 0.5);
    close(table[1][5], 15.45);
    expect(table[1][6]).toBe(0);
  });

  it('fall back: 50 half-hours, the repeated hour priced twice at its own rates', () => {
    // 2024-10-27 London starts 2024-10-26T23:00Z and ends 2024-10-28T00:00Z: 50 half-hours.
    // Σ (0.10 + 0.01 i), i = 0..49 = 5.00 + 0.01 × 1225 = 17.25.
    const start = Date.UTC(2024, 9, 26, 23);
    const { table, priced } = dayCosts(agileLike(start, 50), 2024, 10, 27);
    expect(priced.cost).toHaveLength(50);
    close(table[1][3], 17.25);
    // The two 01:00–01:30 local half-hours (UTC 00:00 and 01:00) are i = 2 and i = 4.
    close(priced.cost[2] as number, 0.12);
    close(priced.cost[4] as number, 0.14);
  });

  it('a week on Agile over the spring change sums its days', () => {
    // 2024-03-25 .. 2024-03-31: six days of 48 half-hours and one of 46 = 334 half-hours,
    // i = 0..333 from 2024-03-25T00:00Z (GMT all week). Σ = 33.40 + 0.01 × 55611 = 589.51.
    const start = Date.UTC(2024, 2, 25);
    const { table } = dayCosts(agileLike(start, 334, 0.45), 2024, 3, 25, 7);
    expect(table).toHaveLength(8);
    let energy = 0;
    let standing = 0;
    for (const row of table.slice(1)) {
      energy += row[3] as number;
      standing += row[4] as number;
    }
    expect(energy).toBeCloseTo(589.51, 9);
    expect(standing).toBeCloseTo(7 * 0.45, 9);
    // Day 1: i = 0..47: 4.80 + 0.01 × 1128 = 16.08.
    close(table[1][3], 16.08);
  });

  it('an interval whose rate is not published yet is reported and its day left blank', () => {
    // Rates for the first 20 half-hours of 2024-01-10 only.
    const start = Date.UTC(2024, 0, 10);
    const { table, priced } = dayCosts(agileLike(start, 20), 2024, 1, 10);
    expect(priced.cost.filter((c) => Number.isNaN(c))).toHaveLength(28);
    const [row] = tableToJson(table).slice(1);
    expect(row[3]).toBeNull();
    expect(row[5]).toBeNull();
    expect(row[6]).toBe(28);
  });

  it('missing consumption is Missing with no cost, never zero', () => {
    const start = Date.UTC(2024, 0, 10);
    const gap = (t: number) => (t >= start + 10 * HH && t < start + 12 * HH ? null : 1);
    const { table, priced } = dayCosts(agileLike(start, 48), 2024, 1, 10, 1, gap);
    expect(priced.cost[10]).toBeNull();
    expect(priced.cost[11]).toBeNull();
    // Σ over i ≠ 10, 11: 16.08 − (0.20 + 0.21) = 15.67.
    close(table[1][3], 15.67);
    expect(table[1][7]).toBe(2);
  });
});

describe('time-of-use bands by local wall-clock time', () => {
  const go = () => parseInline('00:30-05:30 0.085, 0.30 + 0.60/day', 'GBP') as Tariff;

  it('prices a winter day: 10 half-hours in the band', () => {
    // 10 × 0.085 + 38 × 0.30 = 0.85 + 11.40 = 12.25; + 0.60 = 12.85.
    const { table } = dayCosts(go(), 2024, 1, 15);
    close(table[1][3], 12.25);
    close(table[1][5], 12.85);
  });

  it('spring forward: 00:30–05:30 local lasts 4 hours', () => {
    // 8 × 0.085 + 38 × 0.30 = 0.68 + 11.40 = 12.08.
    close(dayCosts(go(), 2024, 3, 31).table[1][3], 12.08);
  });

  it('fall back: 00:30–05:30 local lasts 6 hours', () => {
    // 12 × 0.085 + 38 × 0.30 = 1.02 + 11.40 = 12.42.
    close(dayCosts(go(), 2024, 10, 27).table[1][3], 12.42);
  });

  it('three bands (Cosy style) and a midnight-crossing night (Economy 7)', () => {
    // 04-07 (6 hh) and 13-16 (6) at 0.13, 16-19 (6) at 0.40, 30 hh at 0.27:
    // 1.56 + 2.40 + 8.10 = 12.06.
    const cosy = parseInline(
      '04:00-07:00 0.13, 13:00-16:00 0.13, 16:00-19:00 0.40, 0.27',
      'GBP',
    ) as Tariff;
    close(dayCosts(cosy, 2024, 2, 1).table[1][3], 12.06);
    // 23:00-07:00 crosses midnight: 00-07 (14 hh) and 23-24 (2 hh) = 16 × 0.10 + 32 × 0.30 = 11.20.
    const e7 = parseInline('23:00-07:00 0.10, 0.30', 'GBP') as Tariff;
    close(dayCosts(e7, 2024, 2, 1).table[1][3], 11.2);
  });

  it("Italy's F1/F2/F3 by weekday: a Wednesday, a Saturday and a Sunday", () => {
    const f = parseInline(
      'Mon-Fri 08:00-19:00 0.30, Mon-Fri 07:00-08:00 0.25, Mon-Fri 19:00-23:00 0.25, Sat 07:00-23:00 0.25, 0.20',
      'EUR',
    ) as Tariff;
    // Wednesday 2024-02-07: F1 22 hh × 0.30 = 6.60, F2 10 hh × 0.25 = 2.50, F3 16 hh × 0.20 = 3.20 → 12.30.
    const wed = dayCosts(f, 2024, 2, 7);
    close(wed.table[1][3], 12.3);
    expect(wed.table[0][3]).toBe('Energy cost (EUR)');
    // Saturday 2024-02-10: F2 32 hh × 0.25 = 8.00, F3 16 × 0.20 = 3.20 → 11.20.
    close(dayCosts(f, 2024, 2, 10).table[1][3], 11.2);
    // Sunday 2024-02-11: all F3: 48 × 0.20 = 9.60.
    close(dayCosts(f, 2024, 2, 11).table[1][3], 9.6);
  });
});

describe('dated tariffs', () => {
  it('a two-rate tariff changing on a given day prices each day with its own tariff', () => {
    // Change at the start of 2024-06-15 London (BST): 2024-06-14T23:00Z.
    const change = Date.UTC(2024, 5, 14, 23);
    const bands = (night: number, day: number) => ({
      kind: 'bands' as const,
      bands: [{ from: 30, to: 450, rate: night }],
      otherwise: day,
    });
    const tariff: Tariff = {
      name: 'two-rate',
      label: 'test',
      currency: 'GBP',
      unit: [
        { from: -Infinity, to: change, value: bands(0.1, 0.3) },
        { from: change, to: Infinity, value: bands(0.12, 0.35) },
      ],
      standing: [
        { from: -Infinity, to: change, value: 0.5 },
        { from: change, to: Infinity, value: 0.6 },
      ],
    };
    const { table } = dayCosts(tariff, 2024, 6, 14, 2);
    // 14 June: 14 × 0.10 + 34 × 0.30 = 11.60 + 0.50 = 12.10.
    close(table[1][3], 11.6);
    close(table[1][5], 12.1);
    // 15 June: 14 × 0.12 + 34 × 0.35 = 1.68 + 11.90 = 13.58 + 0.60 = 14.18.
    close(table[2][3], 13.58);
    close(table[2][5], 14.18);
  });

  it('a day with no tariff in force is unpriced, not free', () => {
    const tariff: Tariff = {
      name: 'ends',
      label: 'test',
      currency: 'GBP',
      unit: [{ from: -Infinity, to: Date.UTC(2024, 0, 2), value: { kind: 'flat', rate: 0.2 } }],
      standing: [{ from: -Infinity, to: Date.UTC(2024, 0, 2), value: 0.5 }],
    };
    const rows = tableToJson(dayCosts(tariff, 2024, 1, 1, 2).table);
    expect(rows[1].slice(3, 7)).toEqual([9.6, 0.5, 10.1, 0].map((v) => expect.closeTo(v, 9)));
    expect(rows[2].slice(3, 7)).toEqual([null, null, null, 48]);
  });
});

describe('standing charges', () => {
  it('are charged once per local day, partial days at the ends included', () => {
    // 2024-01-01T12:00Z .. 2024-01-03T06:00Z touches 1, 2 and 3 January.
    const from = Date.UTC(2024, 0, 1, 12);
    const to = Date.UTC(2024, 0, 3, 6);
    const charges = standingCharges([{ ...ALWAYS, value: 0.6 }], LONDON, from, to);
    expect(charges.map((c) => c.at)).toEqual([from, Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)]);
    expect(charges.map((c) => c.amount)).toEqual([0.6, 0.6, 0.6]);
  });

  it('are charged once on a 23- and a 25-hour day, and per local day in other zones', () => {
    const spring = resolveSpan(LONDON, daysFromCivil(2024, 3, 31), daysFromCivil(2024, 3, 31));
    expect(standingCharges([{ ...ALWAYS, value: 1 }], LONDON, spring.from, spring.to)).toHaveLength(
      1,
    );
    const nz = resolveSpan(
      'Pacific/Auckland',
      daysFromCivil(2024, 4, 6),
      daysFromCivil(2024, 4, 8),
    );
    expect(
      standingCharges([{ ...ALWAYS, value: 1 }], 'Pacific/Auckland', nz.from, nz.to),
    ).toHaveLength(3);
  });

  it('follow the charge in force when each day starts', () => {
    const change = Date.UTC(2024, 0, 2, 12); // midday on the 2nd
    const charges = standingCharges(
      [
        { from: -Infinity, to: change, value: 0.5 },
        { from: change, to: Infinity, value: 0.7 },
      ],
      'UTC',
      Date.UTC(2024, 0, 1),
      Date.UTC(2024, 0, 4),
    );
    expect(charges.map((c) => c.amount)).toEqual([0.5, 0.5, 0.7]);
  });
});

describe('export and gas', () => {
  it('an export tariff pays: its energy cost is negative', () => {
    // 48 half-hours × 0.5 kWh × 0.15 = 3.60 earned; no standing charge.
    const exp: Tariff = {
      name: 'export',
      label: 'test',
      currency: 'GBP',
      export: true,
      unit: [{ ...ALWAYS, value: { kind: 'flat', rate: 0.15 } }],
      standing: [{ ...ALWAYS, value: 0 }],
    };
    const { table } = dayCosts(exp, 2024, 5, 1, 1, () => 0.5);
    close(table[1][3], -3.6);
    close(table[1][5], -3.6);
  });

  it('a daily gas meter: one interval a local day at a flat rate', () => {
    // 30 kWh × 0.062 = 1.86; + 0.31 = 2.17 each day.
    const gas = parseInline('0.062 + 0.31/day', 'GBP') as Tariff;
    const span = resolveSpan(LONDON, daysFromCivil(2024, 3, 30), daysFromCivil(2024, 4, 1));
    const intervals = span.boundaries
      .slice(0, -1)
      .map((b, i) => ({ start: b, end: span.boundaries[i + 1], kwh: 30 }));
    const series = { intervals, carbon: false, cost: false };
    const priced = priceSeries(intervals, gas, LONDON, span.from, span.to);
    const table = costTable(series, span, 'none', priced, 'GBP');
    expect(table).toHaveLength(4);
    for (const row of table.slice(1)) close(row[5], 2.17);
    expect((table[2][1] as { utc: number }).utc - (table[2][0] as { utc: number }).utc).toBe(
      MS_PER_DAY - 3600_000,
    );
  });
});
