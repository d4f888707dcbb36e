// The pricing engine: each native interval's kWh at the rates in force over it (most
// intervals lie inside one rate stretch: kWh × rate; one that straddles stretches is
// shared by time), and a standing charge once for every local day the range touches.
// An interval with no known rate over any part of it costs NaN: reported, never 0.
import type { Interval } from '../model';
import { civilDayAt, dayBoundaries } from '../time/zone';
import type { Dated, Tariff } from './model';
import { type RateTimeline, rateTimeline } from './schedule';

export interface DayCharge {
  /** The instant the charge is booked at: the local day's start, or the range's. */
  at: number;
  /** Per-day standing charge; NaN when no standing charge is known for the day. */
  amount: number;
}

export interface Priced {
  /** Energy cost per interval: null without kWh (Missing), NaN when its rate is unknown. */
  cost: (number | null)[];
  standing: DayCharge[];
}

/** Energy costs of intervals (sorted, non-overlapping) on a rate timeline. */
export function priceOnTimeline(
  intervals: Interval[],
  rates: RateTimeline,
  sign: number,
): (number | null)[] {
  const out: (number | null)[] = new Array(intervals.length);
  const { start, end, rate, length } = rates;
  let j = 0;
  for (let i = 0; i < intervals.length; i++) {
    const iv = intervals[i];
    const kwh = iv.kwh;
    if (kwh === null) {
      out[i] = null;
      continue;
    }
    while (j < length && end[j] <= iv.start) j++;
    if (j < length && start[j] <= iv.start && end[j] >= iv.end) {
      out[i] = sign * kwh * rate[j];
      continue;
    }
    // Straddles stretches, or a gap in the rates.
    const len = iv.end - iv.start;
    let sum = 0;
    let covered = 0;
    for (let k = j; k < length && start[k] < iv.end; k++) {
      const a = start[k] > iv.start ? start[k] : iv.start;
      const b = end[k] < iv.end ? end[k] : iv.end;
      sum += kwh * ((b - a) / len) * rate[k];
      covered += b - a;
    }
    out[i] = covered < len ? NaN : sign * sum;
  }
  return out;
}

function valueAt<T>(dated: Dated<T>[], t: number): T | undefined {
  for (const d of dated) if (d.from <= t && t < d.to) return d.value;
  return undefined;
}

/**
 * One standing charge per local day that [from, to) touches, partial days at the ends
 * included, at the charge in force when the day (or the range) starts.
 */
export function standingCharges(
  standing: Dated<number>[],
  zone: string,
  from: number,
  to: number,
): DayCharge[] {
  const out: DayCharge[] = [];
  if (!(to > from)) return out;
  // Every midnight at once: one pass over the zone's offsets, not one per day.
  const starts = dayBoundaries(zone, civilDayAt(zone, from), civilDayAt(zone, to - 1));
  for (let i = 0; i + 1 < starts.length; i++) {
    const at = Math.max(from, starts[i]);
    const v = valueAt(standing, at);
    out.push({ at, amount: v === undefined ? NaN : v });
  }
  return out;
}

/**
 * Prices a complete series over [from, to) in `zone` on a tariff. Energy exported earns
 * money: its cost is negative (a tariff that does not say follows the meter's direction).
 */
export function priceSeries(
  intervals: Interval[],
  tariff: Tariff,
  zone: string,
  from: number,
  to: number,
  exportMeter = false,
): Priced {
  const sign = (tariff.export ?? exportMeter) ? -1 : 1;
  const rates = rateTimeline(tariff.unit, zone, from, to);
  return {
    cost: priceOnTimeline(intervals, rates, sign),
    // An export tariff pays for energy; a standing charge is still a charge.
    standing: standingCharges(tariff.standing, zone, from, to),
  };
}
