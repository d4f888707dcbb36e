// Intensity tables for METER_CARBON: half-hours as the source gave them, or time-weighted
// means over hours, local days, weeks, months, or the average day. An intensity is a rate,
// not an amount, so a bucket's figure is its mean over the time that has one; half-hours
// without a figure are counted in Missing, and a bucket with none is blank. Buckets are cut
// by the same sweep as energy, so DST days have 46 or 50 half-hours (23 or 25 hours).
import type { Interval } from '../model';
import type { Span } from '../aggregate/span';
import { type Piece, sweep } from '../aggregate/sweep';
import { PROFILE_SLOTS, slotLabels } from '../aggregate/profile';
import type { Aggregate } from '../aggregate';
import { type Cell, type Table, dateTimeCell } from '../table';
import {
  MS_PER_DAY,
  MS_PER_HALF_HOUR,
  MS_PER_HOUR,
  isoWeekday,
  mondayOf,
  monthIndex,
} from '../time/civil';
import { BASIS_ACTUAL, BASIS_FORECAST, basisOfBits } from './apply';
import { FUELS, type IntensityPoint } from './source';

export const INTENSITY_COLUMN = 'Intensity (gCO2/kWh)';

/** The half-hour grid over [from, to), each slot the source's point or an empty one. */
export function gridPoints(
  points: readonly IntensityPoint[],
  from: number,
  to: number,
): IntensityPoint[] {
  const a = Math.floor(from / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
  const b = Math.ceil(to / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
  const out: IntensityPoint[] = [];
  let j = 0;
  for (let t = a; t < b; t += MS_PER_HALF_HOUR) {
    while (j < points.length && points[j].start < t) j++;
    out.push(
      j < points.length && points[j].start === t
        ? points[j]
        : {
            start: t,
            end: t + MS_PER_HALF_HOUR,
            gPerKwh: null,
            basis: null,
            index: null,
            mix: null,
          },
    );
  }
  return out;
}

/** Running sums for one row. */
class Acc {
  gTime = 0;
  time = 0;
  basis = 0;
  missing = 0;
  lastMissing = -1;
  mixTime = 0;
  mix = new Float64Array(FUELS.length);
  index = new Map<string, number>();
  days = 0;
  lastDay = -1;

  add(p: IntensityPoint, entry: number, ms: number, day: number): void {
    if (p.gPerKwh === null) {
      if (this.lastMissing !== entry) {
        this.missing++;
        this.lastMissing = entry;
      }
      return;
    }
    this.gTime += p.gPerKwh * ms;
    this.time += ms;
    this.basis |= p.basis === 'actual' ? BASIS_ACTUAL : BASIS_FORECAST;
    if (p.index) this.index.set(p.index, (this.index.get(p.index) ?? 0) + ms);
    if (p.mix) {
      this.mixTime += ms;
      FUELS.forEach((f, i) => (this.mix[i] += (p.mix?.[f] ?? 0) * ms));
    }
    if (this.lastDay !== day) {
      this.days++;
      this.lastDay = day;
    }
  }

  cells(withMix: boolean): Cell[] {
    let index: string | null = null;
    let most = 0;
    for (const [name, ms] of this.index)
      if (ms > most) {
        most = ms;
        index = name;
      }
    const row: Cell[] = [
      this.time > 0 ? this.gTime / this.time : null,
      index,
      basisOfBits(this.basis),
    ];
    if (withMix)
      for (let i = 0; i < FUELS.length; i++)
        row.push(this.mixTime > 0 ? this.mix[i] / this.mixTime : null);
    return row;
  }
}

function mixHeader(withMix: boolean): string[] {
  return withMix ? FUELS.map((f) => `${f[0].toUpperCase()}${f.slice(1)} %`) : [];
}

function asIntervals(points: readonly IntensityPoint[]): Interval[] {
  return points.map((p) => ({ start: p.start, end: p.end, kwh: p.gPerKwh }));
}

/**
 * The intensity table for gap-filled points (see gridPoints) over the span. Only buckets
 * the points reach are shown (the 48 hours ahead need not fill whole days).
 */
export function aggregateIntensity(
  points: readonly IntensityPoint[],
  span: Span,
  how: Aggregate,
  withMix: boolean,
): Table {
  if (how === 'profile' || how === 'weekday-profile' || how === 'weekend-profile')
    return intensityProfile(points, span, how, withMix);
  const rows: Table = [
    ['Start', 'End', INTENSITY_COLUMN, 'Index', 'Basis', ...mixHeader(withMix), 'Missing'],
  ];
  const dayKey = (day: number): number => {
    const d = span.firstDay + day;
    return how === 'day' ? d : how === 'week' ? mondayOf(d) : monthIndex(d);
  };
  let acc: Acc | null = null;
  let keyA = NaN;
  let keyB = NaN;
  let start = 0;
  let startOffset = 0;
  let end = 0;
  let endOffset = 0;
  const flush = () => {
    if (acc)
      rows.push([
        dateTimeCell(start, startOffset),
        dateTimeCell(end, endOffset),
        ...acc.cells(withMix),
        acc.missing,
      ]);
  };
  sweep(asIntervals(points), span, how === 'hour' ? MS_PER_HOUR : 0, (p: Piece) => {
    let a: number;
    let b = 0;
    if (how === 'none') a = p.entry;
    else if (how === 'hour') {
      a = Math.floor((p.start + p.offset) / MS_PER_HOUR);
      b = p.offset;
    } else a = dayKey(p.day);
    if (!acc || a !== keyA || b !== keyB) {
      flush();
      acc = new Acc();
      keyA = a;
      keyB = b;
      start = p.start;
      startOffset = p.offset;
    }
    end = p.end;
    endOffset = p.endOffset;
    acc.add(points[p.entry], p.entry, p.end - p.start, p.day);
  });
  flush();
  return rows;
}

function intensityProfile(
  points: readonly IntensityPoint[],
  span: Span,
  how: 'profile' | 'weekday-profile' | 'weekend-profile',
  withMix: boolean,
): Table {
  const slots = Array.from({ length: PROFILE_SLOTS }, () => new Acc());
  sweep(asIntervals(points), span, MS_PER_HALF_HOUR, (p) => {
    const weekend = isoWeekday(span.firstDay + p.day) >= 6;
    if (how !== 'profile' && (how === 'weekend-profile') !== weekend) return;
    const wall = p.start + p.offset;
    const slot = Math.floor((((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_HALF_HOUR);
    slots[slot].add(points[p.entry], p.entry, p.end - p.start, p.day);
  });
  const labels = slotLabels();
  const rows: Table = [
    ['Time', INTENSITY_COLUMN, 'Index', 'Basis', ...mixHeader(withMix), 'Days', 'Missing'],
  ];
  slots.forEach((acc, i) => rows.push([labels[i], ...acc.cells(withMix), acc.days, acc.missing]));
  return rows;
}
