// Makes a provider's intervals into a gap-free, overlap-free timeline over the span: every
// expected native interval the provider did not report becomes an explicit missing one
// (kwh: null). That is how Missing is counted, and why no gap ever reads as zero.
import type { Grid, Interval } from '../model';
import { civilDayAt, dayBoundaries } from '../time/zone';

function gridCuts(grid: Grid, a: number, b: number): number[] {
  if (grid.kind === 'fixed') {
    const cuts: number[] = [];
    for (let k = Math.floor(a / grid.stepMs) + 1; k * grid.stepMs < b; k++)
      cuts.push(k * grid.stepMs);
    return cuts;
  }
  const first = civilDayAt(grid.zone, a);
  const last = civilDayAt(grid.zone, b);
  return dayBoundaries(grid.zone, first, last).filter((t) => t > a && t < b);
}

function pushMissing(out: Interval[], grid: Grid, a: number, b: number): void {
  let t = a;
  for (const cut of gridCuts(grid, a, b)) {
    out.push({ start: t, end: cut, kwh: null });
    t = cut;
  }
  out.push({ start: t, end: b, kwh: null });
}

function scaled(iv: Interval, from: number): Interval {
  const share = (iv.end - from) / (iv.end - iv.start);
  const scale = (v: number | null | undefined) => (v === null || v === undefined ? v : v * share);
  return {
    start: from,
    end: iv.end,
    kwh: scale(iv.kwh) as number | null,
    carbonKg: scale(iv.carbonKg),
    cost: scale(iv.cost),
  };
}

/**
 * Sorted, non-overlapping intervals covering [from, to) exactly once. Duplicates (same
 * interval twice, e.g. from overlapping pages) are dropped; a partial overlap keeps the
 * later interval's uncovered part, scaled by time.
 */
export function completeSeries(
  intervals: Interval[],
  from: number,
  to: number,
  grid: Grid,
): Interval[] {
  let sorted = intervals;
  for (let i = 1; i < intervals.length; i++) {
    if (intervals[i].start < intervals[i - 1].start) {
      sorted = intervals.slice().sort((x, y) => x.start - y.start);
      break;
    }
  }
  const out: Interval[] = [];
  let t = from;
  for (const raw of sorted) {
    if (!(raw.end > raw.start) || raw.end <= t) continue;
    if (raw.start >= to) break;
    const iv = raw.kwh !== null && !Number.isFinite(raw.kwh) ? { ...raw, kwh: null } : raw;
    if (iv.start > t) pushMissing(out, grid, t, iv.start);
    out.push(iv.start < t ? scaled(iv, t) : iv);
    t = iv.end;
  }
  if (t < to) pushMissing(out, grid, t, to);
  return out;
}
