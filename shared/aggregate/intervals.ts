// Interval aggregates: none (native), hour, day, week (ISO, Monday), month: a row for each
// bucket intervalBuckets fills (buckets.ts says how they are cut).
import type { Series } from '../model';
import { type Cell, type Table, dateTimeCell } from '../table';
import { type Bucket, type IntervalAggregate, intervalBuckets } from './buckets';
import { coveredTotal } from './coverage';
import type { Span } from './span';

export type { IntervalAggregate } from './buckets';

export function intervalHeader(series: Series): string[] {
  const h = ['Start', 'End', 'kWh'];
  if (series.carbon) h.push('Carbon (kg)');
  // The unit belongs in the header: `Cost (GBP)`, `Cost (EUR)`.
  if (series.cost) h.push(series.currency ? `Cost (${series.currency})` : 'Cost');
  h.push('Missing');
  return h;
}

export function aggregateIntervals(
  series: Series,
  span: Span,
  aggregate: IntervalAggregate,
): Table {
  const rows: Table = [intervalHeader(series)];
  intervalBuckets(series.intervals, span, aggregate, (b: Bucket) => {
    const row: Cell[] = [
      dateTimeCell(b.start, b.startOffset),
      dateTimeCell(b.end, b.endOffset),
      b.hasKwh ? b.kwh : null,
    ];
    if (series.carbon) row.push(coveredTotal(b.carbon));
    if (series.cost) row.push(coveredTotal(b.cost));
    row.push(b.missing);
    rows.push(row);
  });
  return rows;
}
