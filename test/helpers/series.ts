// Builders for hand-made series in tests.
import { aggregate, completeSeries, resolveSpan, type Aggregate } from '../../shared/aggregate';
import type { Grid, Interval, Series } from '../../shared/model';
import { type Table, tableToJson } from '../../shared/table';
import { MS_PER_HALF_HOUR, parseDay } from '../../shared/time/civil';

export const HALF_HOURLY: Grid = { kind: 'fixed', stepMs: MS_PER_HALF_HOUR };

export function day(text: string): number {
  const d = parseDay(text);
  if (d === null) throw new Error(text);
  return d;
}

/** Half-hourly UTC-aligned intervals over [from, to) with kWh from `value` (undefined = not reported). */
export function halfHours(
  from: number,
  to: number,
  value: (t: number, i: number) => number | null | undefined,
): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  for (let t = from; t < to; t += MS_PER_HALF_HOUR, i++) {
    const v = value(t, i);
    if (v !== undefined) out.push({ start: t, end: t + MS_PER_HALF_HOUR, kwh: v });
  }
  return out;
}

/** Aggregates intervals the way METER_USAGE does, returning plain JSON cells. */
export function run(
  intervals: Interval[],
  zone: string,
  first: string,
  last: string,
  how: Aggregate,
  grid: Grid = HALF_HOURLY,
  extra: Partial<Series> = {},
): (string | number | boolean | null)[][] {
  return tableToJson(runTable(intervals, zone, first, last, how, grid, extra));
}

export function runTable(
  intervals: Interval[],
  zone: string,
  first: string,
  last: string,
  how: Aggregate,
  grid: Grid = HALF_HOURLY,
  extra: Partial<Series> = {},
): Table {
  const span = resolveSpan(zone, day(first), day(last));
  const series: Series = {
    carbon: false,
    cost: false,
    ...extra,
    intervals: completeSeries(intervals, span.from, span.to, grid),
  };
  return aggregate(series, span, how);
}
