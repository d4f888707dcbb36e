// The buckets of an interval aggregate (none, hour, day, week, month), filled from one
// sweep and handed out one at a time: METER_USAGE makes its rows from them, METER_COST its
// cost rows, so both cut, key and count exactly alike. Day and coarser buckets are runs of
// local days; an hour bucket is a wall-clock hour *at one UTC offset*, so a fall-back
// day's repeated hour is two buckets (25 in all) and a spring-forward day has 23.
import { basisBits } from '../carbon/apply';
import type { Interval } from '../model';
import { MS_PER_HOUR, mondayOf, monthIndex } from '../time/civil';
import { type Coverage, addCovered, emptyCoverage, resetCoverage } from './coverage';
import type { Span } from './span';
import { type Piece, sweep } from './sweep';

export type IntervalAggregate = 'none' | 'hour' | 'day' | 'week' | 'month';

/** The bucket being filled; one object reused for every bucket (copy what you keep). */
export class Bucket {
  keyA = NaN;
  keyB = NaN;
  start = 0;
  startOffset = 0;
  end = 0;
  endOffset = 0;
  kwh = 0;
  hasKwh = false;
  /** Carbon and cost: blank unless they cover every interval counted in kWh. */
  readonly carbon: Coverage = emptyCoverage();
  /** The bases (actual, forecast) of the grid carbon counted, as bits. */
  carbonBasis = 0;
  readonly cost: Coverage = emptyCoverage();
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
 * Walks a complete series (see completeSeries) over the span, calling `emit` with each
 * filled bucket in time order. `costs`, when given, is each interval's cost by index in
 * place of its own `cost` field (METER_COST's per-interval prices, without copying every
 * interval to attach them).
 */
export function intervalBuckets(
  iv: Interval[],
  span: Span,
  aggregate: IntervalAggregate,
  emit: (b: Bucket) => void,
  costs: ArrayLike<number | null | undefined> | null = null,
): void {
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
      if (b.open) emit(b);
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
    addCovered(b.cost, costs === null ? e.cost : costs[p.entry], p.share);
  });
  if (b.open) emit(b);
}
