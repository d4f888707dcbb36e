// A tariff's unit rates laid out on the UTC time line over a range: sorted, non-overlapping
// stretches [start, end) at one rate. Bands are placed by local wall-clock time day by day
// (so a spring-forward day has 46 half-hours and the repeated autumn hour falls in the
// band its wall-clock time names, twice), published slots keep their UTC stamps, and a
// time no stretch covers has no known rate.
import { MS_PER_DAY, MS_PER_MINUTE, isoWeekday } from '../time/civil';
import { wallClock } from '../time/wall-clock';
import { civilDayAt } from '../time/zone';
import type { Band, Dated, UnitPricing } from './model';

export interface RateTimeline {
  start: Float64Array;
  end: Float64Array;
  rate: Float64Array;
  length: number;
}

/**
 * Typed arrays filled as stretches arrive (a year of Agile is 17,568 of them), sized up
 * front from an estimate so a year is not copied through ten doublings; grown if short.
 */
class Builder {
  start: Float64Array;
  end: Float64Array;
  rate: Float64Array;
  n = 0;

  constructor(capacity: number) {
    const size = Math.max(16, capacity);
    this.start = new Float64Array(size);
    this.end = new Float64Array(size);
    this.rate = new Float64Array(size);
  }

  push(from: number, b: number, rate: number): void {
    const n = this.n;
    // Overlaps (a duplicated slot, overlapping agreements): what came first keeps its time.
    const a = n > 0 && this.end[n - 1] > from ? this.end[n - 1] : from;
    if (!(b > a)) return;
    // Adjacent stretches at one rate are merged: a flat year is one stretch, not 17,568.
    if (n > 0 && this.end[n - 1] === a && this.rate[n - 1] === rate) {
      this.end[n - 1] = b;
      return;
    }
    if (n === this.start.length) this.grow();
    this.start[n] = a;
    this.end[n] = b;
    this.rate[n] = rate;
    this.n = n + 1;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const more = (old: Float64Array) => {
      const next = new Float64Array(size);
      next.set(old);
      return next;
    };
    this.start = more(this.start);
    this.end = more(this.end);
    this.rate = more(this.rate);
  }

  done(): RateTimeline {
    return {
      start: this.start.subarray(0, this.n),
      end: this.end.subarray(0, this.n),
      rate: this.rate.subarray(0, this.n),
      length: this.n,
    };
  }
}

/** A day's bands as [from, to) minute pieces, midnight-crossing ones split in two. */
function bandPieces(bands: Band[], weekday: number): { from: number; to: number; rate: number }[] {
  const out: { from: number; to: number; rate: number }[] = [];
  for (const b of bands) {
    if (b.days && !b.days.includes(weekday)) continue;
    if (b.from < b.to) out.push({ from: b.from, to: b.to, rate: b.rate });
    else {
      out.push({ from: b.from, to: 1440, rate: b.rate });
      out.push({ from: 0, to: b.to, rate: b.rate });
    }
  }
  return out.sort((x, y) => x.from - y.from);
}

function layBands(
  out: Builder,
  bands: Band[],
  otherwise: number,
  zone: string,
  from: number,
  to: number,
): void {
  const wall = wallClock(zone, from, to);
  const at = (day: number, minute: number) => wall(day * MS_PER_DAY + minute * MS_PER_MINUTE);
  const clip = (a: number, b: number, rate: number) =>
    out.push(Math.max(a, from), Math.min(b, to), rate);
  // A day's pieces depend only on its weekday: seven lists, not one per day.
  const byWeekday: ReturnType<typeof bandPieces>[] = [];
  for (let w = 1; w <= 7; w++) byWeekday[w] = bandPieces(bands, w);
  for (let day = civilDayAt(zone, from); ; day++) {
    const dayStart = at(day, 0);
    if (dayStart >= to) break;
    let t = dayStart;
    for (const p of byWeekday[isoWeekday(day)]) {
      const a = at(day, p.from);
      const b = at(day, p.to);
      if (a > t) clip(t, a, otherwise);
      clip(Math.max(a, t), b, p.rate);
      if (b > t) t = b;
    }
    clip(t, at(day + 1, 0), otherwise);
  }
}

function layPricing(out: Builder, p: UnitPricing, zone: string, from: number, to: number): void {
  if (p.kind === 'flat') out.push(from, to, p.rate);
  else if (p.kind === 'bands') layBands(out, p.bands, p.otherwise, zone, from, to);
  else {
    const slots = p.slots;
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i];
      if (s.to <= from || s.from >= to) continue;
      out.push(s.from > from ? s.from : from, s.to < to ? s.to : to, s.rate);
    }
  }
}

/** The unit rates in force over [from, to), each period clipped to its validity. */
export function rateTimeline(
  unit: Dated<UnitPricing>[],
  zone: string,
  from: number,
  to: number,
): RateTimeline {
  const periods = unit.slice().sort((a, b) => a.from - b.from);
  const out = new Builder(stretchesEstimate(periods, from, to));
  for (const period of periods) {
    const a = Math.max(from, period.from);
    const b = Math.min(to, period.to);
    if (b > a) layPricing(out, sortedSlots(period.value), zone, a, b);
  }
  return out.done();
}

/** About how many stretches the periods lay out over [from, to) (at most, bar merging). */
function stretchesEstimate(periods: Dated<UnitPricing>[], from: number, to: number): number {
  let n = 0;
  for (const period of periods) {
    const a = Math.max(from, period.from);
    const b = Math.min(to, period.to);
    if (!(b > a)) continue;
    const p = period.value;
    if (p.kind === 'flat') n += 1;
    else if (p.kind === 'slots') n += p.slots.length;
    // Each day: a stretch before, in and after every band piece (pieces merge, mostly).
    else n += (Math.ceil((b - a) / MS_PER_DAY) + 2) * (2 * p.bands.length + 1);
  }
  return n;
}

function sortedSlots(p: UnitPricing): UnitPricing {
  if (p.kind !== 'slots') return p;
  for (let i = 1; i < p.slots.length; i++)
    if (p.slots[i].from < p.slots[i - 1].from)
      return { kind: 'slots', slots: p.slots.slice().sort((x, y) => x.from - y.from) };
  return p;
}
