// Grid carbon for a meter's intervals: kWh × gCO2/kWh for each native interval, null where
// the intensity (or the energy) is unknown, so aggregates count it rather than add zero.
// Each interval also says what its carbon rests on: measured (actual) intensity, the
// forecast, or both when it spans half-hours of each (an hourly or daily interval).
import type { CarbonBasis, Direction, Interval, Series } from '../model';
import { type Rate, energyTimesRate } from '../rates';
import type { IntensityPoint } from './source';

/**
 * Exported energy displaces grid generation: its carbon is the carbon avoided, shown
 * negative so that import and export rows add up to a household's net carbon.
 */
export function carbonSign(direction: Direction): number {
  return direction === 'export' ? -1 : 1;
}

export function intensityRates(points: readonly IntensityPoint[]): Rate[] {
  return points.map((p) => ({ start: p.start, end: p.end, value: p.gPerKwh }));
}

/** Bits of a basis, so that bases combine by OR: actual | forecast = mixed. */
export const BASIS_ACTUAL = 1;
export const BASIS_FORECAST = 2;

export function basisBits(basis: CarbonBasis | null | undefined): number {
  return basis === 'actual'
    ? BASIS_ACTUAL
    : basis === 'forecast'
      ? BASIS_FORECAST
      : basis === 'mixed'
        ? BASIS_ACTUAL | BASIS_FORECAST
        : 0;
}

export function basisOfBits(bits: number): CarbonBasis | null {
  if (bits === BASIS_ACTUAL) return 'actual';
  if (bits === BASIS_FORECAST) return 'forecast';
  return bits ? 'mixed' : null;
}

/**
 * The basis of each interval's carbon: of the points it overlaps (a figure the source gave
 * without saying is taken as forecast, never as measured). Null where `kg` is null: no
 * carbon, nothing to qualify. Intervals and points sorted by start.
 */
export function intensityBasis(
  intervals: readonly Interval[],
  points: readonly IntensityPoint[],
  kg: readonly (number | null)[],
): (CarbonBasis | null)[] {
  const out: (CarbonBasis | null)[] = new Array(intervals.length);
  let j = 0;
  for (let i = 0; i < intervals.length; i++) {
    const iv = intervals[i];
    while (j < points.length && points[j].end <= iv.start) j++;
    if (kg[i] === null) {
      out[i] = null;
      continue;
    }
    let bits = 0;
    for (let k = j; k < points.length && points[k].start < iv.end; k++)
      if (points[k].end > iv.start && points[k].gPerKwh !== null)
        bits |= points[k].basis === 'actual' ? BASIS_ACTUAL : BASIS_FORECAST;
    out[i] = basisOfBits(bits);
  }
  return out;
}

/** The series with `carbonKg` on every interval from the intensity (replacing any other). */
export function applyIntensity(
  series: Series,
  points: readonly IntensityPoint[],
  direction: Direction,
): Series {
  const kg = energyTimesRate(
    series.intervals,
    intensityRates(points),
    carbonSign(direction) / 1000,
  );
  const basis = intensityBasis(series.intervals, points, kg);
  return {
    ...series,
    carbon: true,
    carbonBasis: true,
    intervals: series.intervals.map((iv, i) => ({
      ...iv,
      carbonKg: kg[i],
      carbonBasis: basis[i],
    })),
  };
}
