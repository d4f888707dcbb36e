// The one pass every aggregate is built on. It walks a complete series and cuts each
// interval wherever a bucket could change: the span's ends, local midnights, UTC-offset
// transitions and (optionally) a wall-clock grid such as every local half-hour. Each piece
// carries its share of the interval's energy (by time), so summing pieces conserves energy
// whatever the zone: even Pacific/Chatham, where UTC half-hours straddle local ones.
import type { Interval } from '../model';
import type { Span } from './span';

export interface Piece {
  /** Index of the interval in the series. */
  entry: number;
  start: number;
  end: number;
  /** Fraction of the interval's energy in this piece. */
  share: number;
  /** Local day index within the span (0 = span.firstDay). */
  day: number;
  /** UTC offset (ms) in force over the piece. */
  offset: number;
  /** UTC offset (ms) in force at the piece's end instant. */
  endOffset: number;
}

export function sweep(
  series: Interval[],
  span: Span,
  wallGridMs: number,
  visit: (p: Piece) => void,
): void {
  const B = span.boundaries;
  const segs = span.segments;
  const from = span.from;
  const to = span.to;
  const piece: Piece = { entry: 0, start: 0, end: 0, share: 0, day: 0, offset: 0, endOffset: 0 };
  let d = 0;
  let s = 0;
  let dayEnd = B[1];
  let seg = segs[0];
  // The next wall-clock grid line as a UTC instant; recomputed only when passed or when
  // the offset changes, not for every piece.
  let gridNext = -Infinity;
  for (let k = 0; k < series.length; k++) {
    const e = series[k];
    if (e.end <= from) continue;
    if (e.start >= to) break;
    const len = e.end - e.start;
    let t = e.start > from ? e.start : from;
    const stop = e.end < to ? e.end : to;
    while (t < stop) {
      while (dayEnd <= t) dayEnd = B[++d + 1];
      if (seg.to <= t) {
        while (segs[s].to <= t) s++;
        seg = segs[s];
        gridNext = -Infinity;
      }
      let cut = stop < dayEnd ? stop : dayEnd;
      if (seg.to < cut) cut = seg.to;
      if (wallGridMs > 0) {
        if (gridNext <= t)
          gridNext = (Math.floor((t + seg.offset) / wallGridMs) + 1) * wallGridMs - seg.offset;
        if (gridNext < cut) cut = gridNext;
      }
      piece.entry = k;
      piece.start = t;
      piece.end = cut;
      piece.share = (cut - t) / len;
      piece.day = d;
      piece.offset = seg.offset;
      piece.endOffset = cut >= seg.to && s + 1 < segs.length ? segs[s + 1].offset : seg.offset;
      visit(piece);
      t = cut;
    }
  }
}
