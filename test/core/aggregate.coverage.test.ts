// Cost and carbon are blank in any row where they do not cover every interval counted in
// kWh (shared/aggregate/coverage.ts): golden rows by hand, then a property over all zones
// and interval aggregates, checked against overlaps computed without the sweep.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Interval } from '../../shared/model';
import { MS_PER_DAY, daysFromCivil, formatDay } from '../../shared/time/civil';
import { dayBoundaries } from '../../shared/time/zone';
import { halfHours, run } from '../helpers/series';

const MON = Date.UTC(2024, 0, 1);
const EXTRAS = { carbon: true, cost: true };

/** Monday: 1 kWh per half-hour, 0.3 cost and 0.2 kg each, except as `tweak` says. */
function monday(tweak: (iv: Interval, i: number) => Interval | undefined): Interval[] {
  const out: Interval[] = [];
  halfHours(MON, MON + MS_PER_DAY, () => 1).forEach((iv, i) => {
    const t = tweak({ ...iv, cost: 0.3, carbonKg: 0.2 }, i);
    if (t) out.push(t);
  });
  return out;
}

describe('cost and carbon cover the whole row or are blank (golden, UTC)', () => {
  it('a day with unpriced half-hours (smart-charging slots) has no day cost, though Missing is 0', () => {
    const data = monday((iv, i) => (i >= 2 && i <= 4 ? { ...iv, cost: undefined } : iv));
    const day = run(data, 'UTC', '2024-01-01', '2024-01-01', 'day', undefined, EXTRAS);
    expect(day[0]).toEqual(['Start', 'End', 'kWh', 'Carbon (kg)', 'Cost', 'Missing']);
    expect(day[1][2]).toBe(48);
    expect(day[1][3]).toBeCloseTo(9.6, 12); // carbon still covers every half-hour
    expect(day[1][4]).toBeNull();
    expect(day[1][5]).toBe(0);
    const hours = run(data, 'UTC', '2024-01-01', '2024-01-01', 'hour', undefined, EXTRAS);
    expect(hours[1][4]).toBeCloseTo(0.6, 12); // 00:00–01:00 fully priced
    expect(hours[2][4]).toBeNull(); // 01:00–02:00: 01:00 unpriced
    expect(hours[3][4]).toBeNull(); // 02:00–03:00: both unpriced
    const none = run(data, 'UTC', '2024-01-01', '2024-01-01', 'none', undefined, EXTRAS);
    expect(none[2][4]).toBe(0.3);
    expect(none[3][4]).toBeNull();
    expect(none[3][2]).toBe(1);
  });

  it('a null cost is as unpriced as an absent one; so is carbon', () => {
    const data = monday((iv, i) => (i === 10 ? { ...iv, cost: null, carbonKg: null } : iv));
    const day = run(data, 'UTC', '2024-01-01', '2024-01-01', 'day', undefined, EXTRAS);
    expect(day[1].slice(2)).toEqual([48, null, null, 0]);
  });

  it('a missing half-hour is counted in Missing, not in kWh, so it does not blank the cost', () => {
    const data = monday((iv, i) => (i === 7 ? undefined : i === 8 ? { ...iv, kwh: null } : iv));
    const day = run(data, 'UTC', '2024-01-01', '2024-01-01', 'day', undefined, EXTRAS);
    expect(day[1][2]).toBe(46);
    expect(day[1][4]).toBeCloseTo(13.8, 12);
    expect(day[1][5]).toBe(2);
  });

  it('a row with no energy at all has no cost either', () => {
    const day = run([], 'UTC', '2024-01-01', '2024-01-01', 'day', undefined, EXTRAS);
    expect(day[1].slice(2)).toEqual([null, null, null, 48]);
  });

  it('a week is blank when one of its days is; the other days keep theirs', () => {
    const data = halfHours(MON, MON + 3 * MS_PER_DAY, () => 1).map((iv, i) => ({
      ...iv,
      cost: i === 60 ? undefined : 0.5,
    }));
    const days = run(data, 'UTC', '2024-01-01', '2024-01-03', 'day', undefined, { cost: true });
    expect(days.slice(1).map((r) => r[3])).toEqual([24, null, 24]);
    const week = run(data, 'UTC', '2024-01-01', '2024-01-03', 'week', undefined, { cost: true });
    expect(week[1].slice(2)).toEqual([144, null, 0]);
  });
});

const ZONES = ['Europe/London', 'America/New_York', 'Pacific/Chatham', 'Asia/Kolkata', 'UTC'];

describe('cost coverage (property)', () => {
  it('each row: blank iff an interval counted in its kWh lacks a cost, else the overlap-weighted sum', () => {
    fc.assert(
      fc.property(
        fc.record({
          zone: fc.constantFrom(...ZONES),
          first: fc.integer({ min: daysFromCivil(2019, 1, 1), max: daysFromCivil(2026, 12, 31) }),
          days: fc.integer({ min: 1, max: 10 }),
          how: fc.constantFrom(
            'none' as const,
            'hour' as const,
            'day' as const,
            'week' as const,
            'month' as const,
          ),
          // kWh (or -1 = null, -2 = not reported) and cost (or -1 = none) per half-hour, repeated.
          seed: fc.array(
            fc.tuple(
              fc.oneof(
                { weight: 8, arbitrary: fc.integer({ min: 0, max: 3000 }) },
                { weight: 1, arbitrary: fc.constantFrom(-1, -2) },
              ),
              fc.oneof(
                { weight: 6, arbitrary: fc.integer({ min: -500, max: 500 }) },
                { weight: 1, arbitrary: fc.constant(-1000) },
              ),
            ),
            { minLength: 1, maxLength: 200 },
          ),
        }),
        ({ zone, first, days, how, seed }) => {
          const bounds = dayBoundaries(zone, first, first + days - 1);
          const from = Math.floor(bounds[0] / 1_800_000) * 1_800_000;
          const intervals = halfHours(from, bounds[bounds.length - 1] + 1_800_000, () => 0)
            .map((iv, i) => {
              const [k, c] = seed[i % seed.length];
              if (k === -2) return undefined;
              const out: Interval = { ...iv, kwh: k === -1 ? null : k / 1000 };
              if (c !== -1000) out.cost = c / 100;
              return out;
            })
            .filter((iv): iv is Interval => iv !== undefined);
          const rows = run(
            intervals,
            zone,
            formatDay(first),
            formatDay(first + days - 1),
            how,
            undefined,
            {
              cost: true,
            },
          );
          let total = 0;
          for (const r of rows.slice(1)) {
            const a = Date.parse(r[0] as string);
            const b = Date.parse(r[1] as string);
            let sum = 0;
            let counted = 0;
            let unpriced = 0;
            for (const iv of intervals) {
              const overlap = Math.min(iv.end, b) - Math.max(iv.start, a);
              if (overlap <= 0 || iv.kwh === null) continue;
              counted++;
              if (iv.cost === undefined) unpriced++;
              else sum += ((iv.cost as number) * overlap) / (iv.end - iv.start);
            }
            if (counted === 0 || unpriced > 0) expect(r[3]).toBeNull();
            else {
              expect(typeof r[3]).toBe('number');
              expect(Math.abs((r[3] as number) - sum)).toBeLessThanOrEqual(
                1e-9 * Math.max(1, Math.abs(sum)),
              );
              total += sum;
            }
          }
          expect(Number.isFinite(total)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
