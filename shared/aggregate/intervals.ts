// Interval aggregates: none (native), hour, day, week (ISO, Monday), month: a row for each
// bucket intervalBuckets fills (buckets.ts says how they are cut).
import { basisOfBits } from '../carbon/apply';
import type { Series } from '../model';
import { type Cell, type Table, dateTimeCell } from '../table';
import { type Bucket, type IntervalAggregate, intervalBuckets } from './buckets';
import { coveredTotal } from './coverage';
import type { Span } from './span';

export type { IntervalAggregate } from './buckets';

/**
 * Beside grid carbon: `actual`, `forecast` or `mixed` (a row from half-hours of both), so
 * a figure resting on a forecast never passes for a measured one. A column of its own,
 * after `Carbon (kg)`, so the headers other code reads by name stay as they were.
 */
export const CARBON_BASIS_COLUMN = 'Carbon basis';

export function intervalHeader(series: Series): string[] {
  const h = ['Start', 'End', 'kWh'];
  if (series.carbon) h.push('Carbon (kg)');
  if (series.carbon && series.carbonBasis) h.push(CARBON_BASIS_COLUMN);
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
    if (series.carbon) {
      const carbon = coveredTotal(b.carbon);
      row.push(carbon);
      // Blank with the carbon: a basis qualifies a figure, and a partial one is not shown.
      if (series.carbonBasis) row.push(carbon === null ? null : basisOfBits(b.carbonBasis));
    }
    if (series.cost) row.push(coveredTotal(b.cost));
    row.push(b.missing);
    rows.push(row);
  });
  return rows;
}
