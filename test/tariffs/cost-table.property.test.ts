// costTable walks the usage buckets once, reading each interval's cost by index. This
// checks it against the plain way it was first written: copy every interval with its cost,
// aggregate that like METER_USAGE, then walk the rows again for standing charges and
// Unpriced. Random zones (DST days, :30 and :45 offsets), meters that report half-hours,
// hours or whole days with gaps, tariffs whose rates and standing charges change (or stop
// being known) part-way, import and export, every interval aggregate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, completeSeries, resolveSpan, type Span } from '../../shared/aggregate';
import type { IntervalAggregate } from '../../shared/aggregate/intervals';
import type { Grid, Interval, Series } from '../../shared/model';
import { type Cell, type Table, isDateTimeCell } from '../../shared/table';
import type { Tariff } from '../../shared/tariffs/model';
import { type Priced, priceSeries } from '../../shared/tariffs/price';
import { costHeader, costTable } from '../../shared/tariffs/table';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, daysFromCivil } from '../../shared/time/civil';

const HH = 30 * MS_PER_MINUTE;

/** The first version of costTable, kept as the reference. */
function referenceCostTable(
  series: Series,
  span: Span,
  how: IntervalAggregate,
  priced: Priced,
  currency: string,
): Table {
  const known = (v: Cell) => (typeof v === 'number' && !Number.isNaN(v) ? v : null);
  const intervals: Interval[] = series.intervals.map((iv, i) => ({
    start: iv.start,
    end: iv.end,
    kwh: iv.kwh,
    cost: priced.cost[i],
  }));
  const base = aggregate({ intervals, carbon: false, cost: true }, span, how);
  const rows: Table = [costHeader(currency)];
  let s = 0;
  let k = 0;
  for (let r = 1; r < base.length; r++) {
    const [start, end, kwh, energyCell, missing] = base[r];
    const to = isDateTimeCell(end) ? end.utc : Infinity;
    let standing = 0;
    let standingKnown = true;
    for (; s < priced.standing.length && priced.standing[s].at < to; s++) {
      standing += priced.standing[s].amount;
      if (Number.isNaN(priced.standing[s].amount)) standingKnown = false;
    }
    let unpriced = 0;
    for (; k < intervals.length && intervals[k].start < to; k++) {
      const c = intervals[k].cost;
      if (c !== null && c !== undefined && Number.isNaN(c)) unpriced++;
    }
    const energy = known(energyCell);
    const standingCell = standingKnown ? standing : null;
    rows.push([
      start,
      end,
      kwh,
      energy,
      standingCell,
      energy !== null && standingCell !== null ? energy + standingCell : null,
      unpriced,
      missing,
    ]);
  }
  return rows;
}

const ZONES = [
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'UTC',
];
/** Days with a clock change in some of the zones above, to start near. */
const DST_DAYS = [
  daysFromCivil(2024, 3, 10),
  daysFromCivil(2024, 3, 31),
  daysFromCivil(2024, 4, 7),
  daysFromCivil(2024, 9, 29),
  daysFromCivil(2024, 10, 6),
  daysFromCivil(2024, 10, 27),
  daysFromCivil(2024, 11, 3),
];
const AGGREGATES: IntervalAggregate[] = ['none', 'hour', 'day', 'week', 'month'];

const caseArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  first: fc.oneof(
    fc.tuple(fc.constantFrom(...DST_DAYS), fc.integer({ min: -3, max: 1 })).map(([d, k]) => d + k),
    fc.integer({ min: daysFromCivil(2023, 1, 1), max: daysFromCivil(2025, 12, 1) }),
  ),
  days: fc.integer({ min: 1, max: 40 }),
  grid: fc.constantFrom('half-hour' as const, 'hour' as const, 'day' as const),
  // kWh per interval, cycling: -1 not reported, -2 reported as null.
  kwh: fc.array(fc.integer({ min: -2, max: 2000 }), { minLength: 1, maxLength: 30 }),
  // Where (as a fraction of the range) the unit rate and the standing charge change.
  rateChange: fc.double({ min: 0, max: 1, noNaN: true }),
  standingChange: fc.double({ min: 0, max: 1, noNaN: true }),
  slotGaps: fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 4 }),
  standingGap: fc.boolean(),
  exportMeter: fc.boolean(),
  how: fc.constantFrom(...AGGREGATES),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function meterSeries(c: Case, span: Span): { intervals: Interval[]; grid: Grid } {
  const raw: Interval[] = [];
  const push = (start: number, end: number, i: number) => {
    const k = c.kwh[i % c.kwh.length];
    if (k !== -1) raw.push({ start, end, kwh: k === -2 ? null : k / 1000 });
  };
  let grid: Grid;
  if (c.grid === 'day') {
    grid = { kind: 'local-day', zone: span.zone };
    for (let i = 0; i + 1 < span.boundaries.length; i++)
      push(span.boundaries[i], span.boundaries[i + 1], i);
  } else {
    const step = c.grid === 'hour' ? MS_PER_HOUR : HH;
    grid = { kind: 'fixed', stepMs: step };
    // Fixed steps are aligned to the epoch, so in :30/:45 zones they straddle midnight.
    let i = 0;
    for (let t = Math.floor(span.from / step) * step; t < span.to; t += step, i++)
      push(t, t + step, i);
  }
  return { intervals: completeSeries(raw, span.from, span.to, grid), grid };
}

function tariff(c: Case, span: Span): Tariff {
  const at = (f: number) => span.from + Math.round((f * (span.to - span.from)) / HH) * HH;
  const change = at(c.rateChange);
  const slots = [];
  for (let t = span.from - MS_PER_DAY, i = 0; t < span.to + MS_PER_DAY; t += HH, i++)
    if (!c.slotGaps.includes(i))
      slots.push({ from: t, to: t + HH, rate: ((Math.floor(t / HH) * 7919) % 97) / 100 - 0.1 });
  const standingAt = at(c.standingChange);
  return {
    name: 't',
    label: 't',
    currency: 'GBP',
    unit: [
      { from: -Infinity, to: change, value: { kind: 'flat', rate: 0.245 } },
      { from: change, to: Infinity, value: { kind: 'slots', slots } },
    ],
    standing: c.standingGap
      ? [{ from: -Infinity, to: standingAt, value: 0.6 }]
      : [
          { from: -Infinity, to: standingAt, value: 0.6 },
          { from: standingAt, to: Infinity, value: 0.45 },
        ],
  };
}

describe('cost table', () => {
  it('equals the aggregate-then-walk reference on random meters, tariffs and zones', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const span = resolveSpan(c.zone, c.first, c.first + c.days - 1);
        const { intervals } = meterSeries(c, span);
        const series: Series = { intervals, carbon: false, cost: false };
        const priced = priceSeries(
          intervals,
          tariff(c, span),
          c.zone,
          span.from,
          span.to,
          c.exportMeter,
        );
        expect(costTable(series, span, c.how, priced, 'GBP')).toEqual(
          referenceCostTable(series, span, c.how, priced, 'GBP'),
        );
      }),
      { numRuns: 150 },
    );
  });
});
