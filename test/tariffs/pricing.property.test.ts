// For any tariff, zone and range: the day rows add up to the total, and every interval's
// cost is its kWh × the rate a naive wall-clock look-up finds (days with a clock change
// are left to the golden tests, where the look-up by wall time is ambiguous).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeSeries, resolveSpan } from '../../shared/aggregate';
import type { Interval } from '../../shared/model';
import { ALWAYS, type Band, type Tariff, type UnitPricing } from '../../shared/tariffs/model';
import { priceSeries } from '../../shared/tariffs/price';
import { costTable, costTotals } from '../../shared/tariffs/table';
import { MS_PER_DAY, MS_PER_MINUTE, daysFromCivil, isoWeekday } from '../../shared/time/civil';
import { offsetAt } from '../../shared/time/zone';

const ZONES = [
  'Europe/London',
  'Europe/Rome',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'UTC',
];
const HH = 30 * MS_PER_MINUTE;

const band = fc
  .record({
    from: fc.integer({ min: 0, max: 47 }),
    len: fc.integer({ min: 1, max: 20 }),
    rate: fc.integer({ min: -5, max: 60 }).map((p) => p / 100),
    weekdays: fc.boolean(),
  })
  .map(({ from, len, rate, weekdays }): Band => {
    const b: Band = { from: from * 30, to: Math.min(1440, (from + len) * 30), rate };
    if (weekdays) b.days = [1, 2, 3, 4, 5];
    return b;
  });

function disjoint(bands: Band[]): Band[] {
  const out: Band[] = [];
  for (const b of bands) if (!out.some((x) => b.from < x.to && x.from < b.to)) out.push(b);
  return out;
}

interface Case {
  zone: string;
  first: number;
  days: number;
  pricing: 'flat' | 'bands' | 'slots';
  bands: Band[];
  rate: number;
  slotGaps: number[];
  standing: number;
  kwhSeed: number[];
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  zone: fc.constantFrom(...ZONES),
  first: fc.integer({ min: daysFromCivil(2022, 1, 1), max: daysFromCivil(2025, 12, 20) }),
  days: fc.integer({ min: 1, max: 9 }),
  pricing: fc.constantFrom('flat' as const, 'bands' as const, 'slots' as const),
  bands: fc.array(band, { maxLength: 4 }).map(disjoint),
  rate: fc.integer({ min: 0, max: 50 }).map((p) => p / 100),
  slotGaps: fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 5 }),
  standing: fc.integer({ min: 0, max: 80 }).map((p) => p / 100),
  kwhSeed: fc.array(fc.option(fc.integer({ min: 0, max: 3000 }), { nil: -1 }), {
    minLength: 1,
    maxLength: 50,
  }),
});

function slotRate(t: number): number {
  return ((Math.floor(t / HH) * 7919) % 97) / 100 - 0.1;
}

function build(c: Case, from: number, to: number): Tariff {
  let unit: UnitPricing;
  if (c.pricing === 'flat') unit = { kind: 'flat', rate: c.rate };
  else if (c.pricing === 'bands') unit = { kind: 'bands', bands: c.bands, otherwise: c.rate };
  else {
    const slots = [];
    for (let t = from - MS_PER_DAY, i = 0; t < to + MS_PER_DAY; t += HH, i++)
      if (!c.slotGaps.includes(i)) slots.push({ from: t, to: t + HH, rate: slotRate(t) });
    unit = { kind: 'slots', slots };
  }
  return {
    name: 't',
    label: 't',
    currency: 'GBP',
    unit: [{ ...ALWAYS, value: unit }],
    standing: [{ ...ALWAYS, value: c.standing }],
  };
}

/** The rate at t found the slow, obvious way; null when none is known. */
function naiveRate(c: Case, tariff: Tariff, zone: string, t: number): number | null {
  if (c.pricing === 'flat') return c.rate;
  const unit = tariff.unit[0].value;
  if (unit.kind === 'slots') {
    const slot = unit.slots.find((x) => x.from <= t && t < x.to);
    return slot ? slot.rate : null;
  }
  const wall = t + offsetAt(zone, t);
  const day = Math.floor(wall / MS_PER_DAY);
  const minute = (wall - day * MS_PER_DAY) / MS_PER_MINUTE;
  const b = c.bands.find(
    (x) => (!x.days || x.days.includes(isoWeekday(day))) && minute >= x.from && minute < x.to,
  );
  return b ? b.rate : c.rate;
}

function series(c: Case, from: number, to: number): Interval[] {
  const raw: Interval[] = [];
  let i = 0;
  for (let t = from; t < to; t += HH, i++) {
    const k = c.kwhSeed[i % c.kwhSeed.length];
    raw.push({ start: t, end: t + HH, kwh: k < 0 ? null : k / 1000 });
  }
  return completeSeries(raw, from, to, { kind: 'fixed', stepMs: HH });
}

describe('pricing properties', () => {
  it('day rows add up to the totals, and each interval costs kWh × its rate', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const span = resolveSpan(c.zone, c.first, c.first + c.days - 1);
        const tariff = build(c, span.from, span.to);
        const intervals = series(c, span.from, span.to);
        const s = { intervals, carbon: false, cost: false };
        const priced = priceSeries(intervals, tariff, c.zone, span.from, span.to);
        const totals = costTotals(s, priced);
        const table = costTable(s, span, 'day', priced, 'GBP');
        expect(table.length - 1).toBe(c.days);
        let energy = 0;
        let standing = 0;
        let unpriced = 0;
        let missing = 0;
        let blank = false;
        for (const row of table.slice(1)) {
          if (row[3] === null && row[2] !== null) blank = true;
          energy += (row[3] as number) ?? 0;
          standing += row[4] as number;
          unpriced += row[6] as number;
          missing += row[7] as number;
        }
        expect(unpriced).toBe(totals.unpriced);
        expect(missing).toBe(totals.missing);
        expect(standing).toBeCloseTo(c.standing * c.days, 9);
        expect(totals.standing).toBeCloseTo(c.standing * c.days, 9);
        if (totals.unpriced === 0) {
          expect(blank).toBe(false);
          expect(energy).toBeCloseTo(totals.energy as number, 9);
          expect(totals.total).toBeCloseTo(energy + standing, 9);
        } else {
          expect(totals.energy).toBeNull();
          expect(totals.total).toBeNull();
        }
        // Per interval, on days without a clock change.
        for (let i = 0; i < intervals.length; i++) {
          const iv = intervals[i];
          const cost = priced.cost[i];
          if (iv.kwh === null) {
            expect(cost).toBeNull();
            continue;
          }
          if (offsetAt(c.zone, iv.start - MS_PER_DAY) !== offsetAt(c.zone, iv.end + MS_PER_DAY))
            continue;
          const rate = naiveRate(c, tariff, c.zone, iv.start);
          if (rate === null) {
            expect(Number.isNaN(cost)).toBe(true);
            continue;
          }
          // A band edge inside the interval (zones with :30 offsets) shares it by time.
          if (naiveRate(c, tariff, c.zone, iv.end - 1) !== rate) continue;
          expect(cost).toBeCloseTo(iv.kwh * rate, 12);
        }
        if (c.pricing === 'slots' && c.slotGaps.length === 0) expect(totals.unpriced).toBe(0);
      }),
      { numRuns: 80 },
    );
  });
});
