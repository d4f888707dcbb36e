// Energy is conserved by every aggregate, in every zone, whatever the data's grid and gaps.
// The expected totals are computed independently of the sweep: from each interval's
// overlap with each local day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGGREGATES, type Aggregate, isProfile } from '../../shared/aggregate';
import type { Grid, Interval } from '../../shared/model';
import { MS_PER_MINUTE, daysFromCivil, isoWeekday } from '../../shared/time/civil';
import { dayBoundaries } from '../../shared/time/zone';
import { formatDay } from '../../shared/time/civil';
import { run } from '../helpers/series';

const ZONES = [
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'Asia/Tokyo',
  'UTC',
];
const FIRST = daysFromCivil(2019, 1, 1);
const LAST = daysFromCivil(2026, 12, 31);

interface Case {
  zone: string;
  first: number;
  days: number;
  how: Aggregate;
  stepMinutes: number;
  values: (number | null | undefined)[];
}

function cases(
  hows: readonly Aggregate[] = AGGREGATES,
  zones: readonly string[] = ZONES,
  steps: readonly number[] = [15, 30, 60, 1440],
): fc.Arbitrary<Case> {
  return fc
    .record({
      zone: fc.constantFrom(...zones),
      first: fc.integer({ min: FIRST, max: LAST }),
      days: fc.integer({ min: 1, max: 40 }),
      how: fc.constantFrom(...hows),
      stepMinutes: fc.constantFrom(...steps),
      seed: fc.array(
        fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 0, max: 5000 }) },
          { weight: 1, arbitrary: fc.constant(-1) },
          { weight: 1, arbitrary: fc.constant(-2) },
        ),
        { minLength: 1, maxLength: 97 },
      ),
    })
    .map(({ seed, ...rest }) => ({
      ...rest,
      // Repeat the seed pattern over the range: kWh with meter (Wh) resolution, -1 = null, -2 = not reported.
      values: seed.map((v) => (v === -1 ? null : v === -2 ? undefined : v / 1000)),
    }));
}

function build(c: Case): { intervals: Interval[]; grid: Grid; from: number; to: number } {
  const bounds = dayBoundaries(c.zone, c.first, c.first + c.days - 1);
  const from = bounds[0];
  const to = bounds[bounds.length - 1];
  const intervals: Interval[] = [];
  const grid: Grid =
    c.stepMinutes === 1440
      ? { kind: 'local-day', zone: 'Europe/London' }
      : { kind: 'fixed', stepMs: c.stepMinutes * MS_PER_MINUTE };
  let edges: number[];
  if (grid.kind === 'fixed') {
    edges = [];
    for (
      let t = Math.floor(from / grid.stepMs) * grid.stepMs;
      t <= to + grid.stepMs;
      t += grid.stepMs
    )
      edges.push(t);
  } else {
    const lb = dayBoundaries('Europe/London', c.first - 2, c.first + c.days + 1);
    edges = lb;
  }
  for (let i = 0; i + 1 < edges.length; i++) {
    const v = c.values[i % c.values.length];
    if (v !== undefined) intervals.push({ start: edges[i], end: edges[i + 1], kwh: v });
  }
  return { intervals, grid, from, to };
}

/** Expected energy per local day, from overlaps alone. */
function energyByDay(c: Case, intervals: Interval[]): number[] {
  const bounds = dayBoundaries(c.zone, c.first, c.first + c.days - 1);
  const out: number[] = [];
  for (let d = 0; d < c.days; d++) {
    let sum = 0;
    for (const iv of intervals) {
      if (iv.kwh === null) continue;
      const overlap = Math.min(iv.end, bounds[d + 1]) - Math.max(iv.start, bounds[d]);
      if (overlap > 0) sum += (iv.kwh * overlap) / (iv.end - iv.start);
    }
    out.push(sum);
  }
  return out;
}

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('conservation of energy (property)', () => {
  it('every aggregate keeps every kWh, in every zone', () => {
    fc.assert(
      fc.property(cases(), (c) => {
        const { intervals, grid } = build(c);
        const rows = run(
          intervals,
          c.zone,
          formatDay(c.first),
          formatDay(c.first + c.days - 1),
          c.how,
          grid,
        );
        const byDay = energyByDay(c, intervals);
        if (isProfile(c.how)) {
          const wanted = byDay.filter((_, d) => {
            const weekend = isoWeekday(c.first + d) >= 6;
            return c.how === 'profile' || (c.how === 'weekend-profile') === weekend;
          });
          expect(rows).toHaveLength(49);
          const total = rows
            .slice(1)
            .reduce((s, r) => s + (r[1] === null ? 0 : (r[1] as number) * (r[2] as number)), 0);
          close(
            total,
            wanted.reduce((a, b) => a + b, 0),
          );
          for (const r of rows.slice(1)) expect(r[2] as number).toBeLessThanOrEqual(wanted.length);
        } else {
          const total = rows.slice(1).reduce((s, r) => s + ((r[2] as number | null) ?? 0), 0);
          close(
            total,
            byDay.reduce((a, b) => a + b, 0),
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('interval rows tile the range: each starts where the last ended, no gap, no overlap', () => {
    fc.assert(
      fc.property(cases(['none', 'hour', 'day', 'week', 'month']), (c) => {
        const { intervals, grid, from, to } = build(c);
        const rows = run(
          intervals,
          c.zone,
          formatDay(c.first),
          formatDay(c.first + c.days - 1),
          c.how,
          grid,
        );
        const instants = rows
          .slice(1)
          .map((r) => [Date.parse(r[0] as string), Date.parse(r[1] as string)]);
        expect(instants[0][0]).toBe(from);
        expect(instants[instants.length - 1][1]).toBe(to);
        for (let i = 1; i < instants.length; i++) expect(instants[i][0]).toBe(instants[i - 1][1]);
        for (const [a, b] of instants) expect(b).toBeGreaterThan(a);
      }),
      { numRuns: 300 },
    );
  });

  it('day rows have the real length of each local day: 46, 48 or 50 half-hours around DST', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Sydney'),
        fc.integer({ min: FIRST, max: LAST }),
        (zone, d) => {
          const rows = run([], zone, formatDay(d), formatDay(d), 'none');
          expect([46, 48, 50]).toContain(rows.length - 1);
          const [a, b] = dayBoundaries(zone, d, d);
          expect(rows.length - 1).toBe((b - a) / 1_800_000);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('Missing counts every unreported or null interval, and a missing interval never reads as zero', () => {
    fc.assert(
      fc.property(
        cases(
          ['none'],
          ZONES.filter((z) => z !== 'Pacific/Chatham'),
          [30],
        ),
        (c) => {
          const { intervals, grid } = build(c);
          const rows = run(
            intervals,
            c.zone,
            formatDay(c.first),
            formatDay(c.first + c.days - 1),
            'none',
            grid,
          );
          for (const r of rows.slice(1)) expect(r[3] === 1).toBe(r[2] === null);
          const reported = new Map(intervals.map((iv) => [iv.start, iv.kwh]));
          for (const r of rows.slice(1)) {
            const v = reported.get(Date.parse(r[0] as string));
            expect(r[2]).toBe(v === undefined ? null : v);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
