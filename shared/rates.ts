// Energy × a per-kWh rate, interval by interval: grid carbon (gCO2/kWh) here, and any
// other half-hourly rate (a tariff's unit price) the same way. A meter's interval may be
// a half-hour, an hour or a whole day; its energy is taken as spread evenly over its
// time, so each part is weighted by the rate in force then.
import type { Interval } from './model';

/** A rate over [start, end) (UTC ms); `value: null` means it is unknown there. */
export interface Rate {
  start: number;
  end: number;
  value: number | null;
}

/**
 * For each interval, Σ kWh × share × rate × scale over the rates it overlaps, or null when
 * its energy is unknown or any part of it has no known rate (a product over part of an
 * interval is not the interval's). Intervals and rates sorted by start, without overlaps.
 */
export function energyTimesRate(
  intervals: readonly Interval[],
  rates: readonly Rate[],
  scale = 1,
): (number | null)[] {
  const out: (number | null)[] = new Array(intervals.length);
  let j = 0;
  for (let i = 0; i < intervals.length; i++) {
    const iv = intervals[i];
    while (j < rates.length && rates[j].end <= iv.start) j++;
    if (iv.kwh === null) {
      out[i] = null;
      continue;
    }
    const len = iv.end - iv.start;
    let covered = 0;
    let sum = 0;
    let known = true;
    for (let k = j; k < rates.length && rates[k].start < iv.end; k++) {
      const r = rates[k];
      const overlap = Math.min(iv.end, r.end) - Math.max(iv.start, r.start);
      if (overlap <= 0) continue;
      if (r.value === null) {
        known = false;
        break;
      }
      covered += overlap;
      sum += r.value * overlap;
    }
    out[i] = known && covered === len && len > 0 ? (iv.kwh * sum * scale) / len : null;
  }
  return out;
}
