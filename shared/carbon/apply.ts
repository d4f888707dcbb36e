// Grid carbon for a meter's intervals: kWh × gCO2/kWh for each native interval, null where
// the intensity (or the energy) is unknown, so aggregates count it rather than add zero.
import type { Direction, Series } from '../model';
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
  return {
    ...series,
    carbon: true,
    intervals: series.intervals.map((iv, i) => ({ ...iv, carbonKg: kg[i] })),
  };
}
