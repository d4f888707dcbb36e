// Interval aggregates: none (native), hour, day, week (ISO, Monday), month.
// Day and coarser buckets are runs of local days; an hour bucket is a wall-clock hour
// *at one UTC offset*, so a fall-back day's repeated hour is two rows (25 in all) and a
// spring-forward day has 23; nothing is lost or counted twice.
import { basisBits, basisOfBits } from '../carbon/apply';
import type { Series } from '../model';
import { MS_PER_HOUR, mondayOf, monthIndex } from '../time/civil';
import { type Cell, type Table, dateTimeCell } from '../table';
import { addCovered, coveredTotal, emptyCoverage, resetCoverage } from './coverage';
import type { Span } from './span';
import { type Piece, sweep } from './sweep';

export type IntervalAggregate = 'none' | 'hour' | 'day' | 'week' | 'month';

/** The bucket being filled; one object reused for every row. */
class Bucket {
  keyA = NaN;
  keyB = NaN;
  start = 0;
  startOffset = 0;
  end = 0;
  endOffset = 0;
  kwh = 0;
  hasKwh = false;
  /** Carbon and cost: blank unless they cover every interval counted in kWh. */
  readonly carbon = emptyCoverage();
  /** The bases (actual, forecast) of the grid carbon counted, as bits. */
  carbonBasis = 0;
  readonly cost = emptyCoverage();
  missing = 0;
  lastMissingEntry = -1;
  open = false;

  reset(keyA: number, keyB: number, start: number, startOffset: number): void {
    this.keyA = keyA;
    this.keyB = keyB;
    this.start = start;
    this.startOffset = startOffset;
    this.kwh = 0;
    this.hasKwh = false;
    resetCoverage(this.carbon);
    this.carbonBasis = 0;
    resetCoverage(this.cost);
    this.missing = 0;
    this.lastMissingEntry = -1;
    this.open = true;
  }
}

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
  const iv = series.intervals;
  const days = span.lastDay - span.firstDay + 1;
  let dayKey: Int32Array | null = null;
  if (aggregate === 'day' || aggregate === 'week' || aggregate === 'month') {
    dayKey = new Int32Array(days);
    for (let i = 0; i < days; i++) {
      const day = span.firstDay + i;
      dayKey[i] = aggregate === 'day' ? i : aggregate === 'week' ? mondayOf(day) : monthIndex(day);
    }
  }
  const b = new Bucket();
  const flush = () => {
    if (!b.open) return;
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
  };
  const gridMs = aggregate === 'hour' ? MS_PER_HOUR : 0;
  const byEntry = aggregate === 'none';
  sweep(iv, span, gridMs, (p: Piece) => {
    let keyA: number;
    let keyB = 0;
    if (dayKey !== null) keyA = dayKey[p.day];
    else if (byEntry) keyA = p.entry;
    else {
      keyA = Math.floor((p.start + p.offset) / MS_PER_HOUR);
      keyB = p.offset;
    }
    if (!b.open || b.keyA !== keyA || b.keyB !== keyB) {
      flush();
      b.reset(keyA, keyB, p.start, p.offset);
    }
    b.end = p.end;
    b.endOffset = p.endOffset;
    const e = iv[p.entry];
    if (e.kwh === null) {
      if (b.lastMissingEntry !== p.entry) {
        b.missing++;
        b.lastMissingEntry = p.entry;
      }
      return;
    }
    b.kwh += e.kwh * p.share;
    b.hasKwh = true;
    addCovered(b.carbon, e.carbonKg, p.share);
    b.carbonBasis |= basisBits(e.carbonBasis);
    addCovered(b.cost, e.cost, p.share);
  });
  flush();
  return rows;
}
