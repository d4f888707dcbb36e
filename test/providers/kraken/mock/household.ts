// What the Kraken mock's meters recorded: the demo household (shared/providers/demo/household.ts)
// seen through Kraken's eyes. Half-hourly import and export on one smart electricity
// meter, half-hourly gas, costs in pence excluding VAT as Kraken's statistics carry them,
// and the household's transmission gaps (never reported, as Kraken leaves them out).
import {
  GAS_RATE_GBP_PER_KWH,
  HOUSEHOLD_ZONE,
  gasKwh,
  importRate,
  isElectricityGap,
  isGasGap,
  loadKwh,
  solarKwh,
  toMeterKwh,
  unit,
} from '../../../../shared/providers/demo/household';
import { MS_PER_DAY, MS_PER_HALF_HOUR } from '../../../../shared/time/civil';
import { offsetSegments } from '../../../../shared/time/zone';

export type PointKind = 'import' | 'export' | 'gas';

export interface HalfHourReading {
  start: number;
  end: number;
  kwh: number;
  /** The energy's own cost (import, gas) or value (export), pence excl. VAT, 2 decimals. */
  energyPence: number;
  /** This half-hour's share of the daily standing charge, pence excl. VAT. */
  standingPence: number;
  /** Rate band, as a CONSUMPTION_COST statistic's label. */
  band: string;
}

export const VAT = 1.05;
export const STANDING_PENCE_PER_DAY: Record<PointKind, number> = {
  import: 50.81,
  export: 0,
  gas: 29.93,
};
export const EXPORT_PENCE_PER_KWH = 15;

/** Gas through the day: heating mornings and evenings, hot water, a pilot of nothing. */
const GAS_SHAPE: number[] = (() => {
  const w: number[] = [];
  for (let slot = 0; slot < 48; slot++) {
    const h = slot / 2;
    let v = 0.05;
    if (h >= 6 && h < 9) v += 1.6;
    if (h >= 16.5 && h < 22) v += 1.1;
    if (h >= 7 && h < 7.5) v += 0.8; // showers
    w.push(v);
  }
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
})();

const pence = (x: number) => Math.round(x * 100) / 100;

function band(hour: number): string {
  const rate = importRate(hour);
  return rate < 0.1 ? 'Off-peak' : rate > 0.3 ? 'Peak' : 'Day';
}

/** Every reported half-hour of a meter point in [from, to) within [firstMs, untilMs). */
export function halfHourReadings(
  kind: PointKind,
  from: number,
  to: number,
  firstMs: number,
  untilMs: number,
): HalfHourReading[] {
  const a = Math.max(Math.ceil(from / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR, firstMs);
  const b = Math.min(to, untilMs);
  const out: HalfHourReading[] = [];
  if (a >= b) return out;
  const segs = offsetSegments(HOUSEHOLD_ZONE, a, b);
  let s = 0;
  for (let t = a; t + MS_PER_HALF_HOUR <= b; t += MS_PER_HALF_HOUR) {
    while (segs[s].to <= t) s++;
    const wall = t + segs[s].offset;
    const day = Math.floor(wall / MS_PER_DAY);
    const hour = (wall - day * MS_PER_DAY) / 3_600_000;
    const standingPence = pence(STANDING_PENCE_PER_DAY[kind] / 48);
    if (kind === 'gas') {
      if (isGasGap(day)) continue;
      const kwh = toMeterKwh(gasKwh(day) * GAS_SHAPE[Math.floor(hour * 2)]);
      out.push({
        start: t,
        end: t + MS_PER_HALF_HOUR,
        kwh,
        energyPence: pence((kwh * GAS_RATE_GBP_PER_KWH * 100) / VAT),
        standingPence,
        band: 'Standard',
      });
      continue;
    }
    if (isElectricityGap(t)) continue;
    const load = loadKwh(day, hour, t);
    const solar = solarKwh(day, t);
    const selfUse = Math.min(load, solar);
    if (kind === 'import') {
      const kwh = toMeterKwh(load - selfUse);
      out.push({
        start: t,
        end: t + MS_PER_HALF_HOUR,
        kwh,
        energyPence: pence((kwh * importRate(hour) * 100) / VAT),
        standingPence,
        band: band(hour),
      });
    } else {
      const kwh = toMeterKwh(solar - selfUse);
      out.push({
        start: t,
        end: t + MS_PER_HALF_HOUR,
        kwh,
        energyPence: pence(kwh * EXPORT_PENCE_PER_KWH),
        standingPence,
        band: 'Export',
      });
    }
  }
  return out;
}

/** Instantaneous net demand (W, negative when exporting) at t, as a Home Mini reads it. */
export function demandAt(t: number): number {
  const halfHour = Math.floor(t / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
  const [seg] = offsetSegments(HOUSEHOLD_ZONE, halfHour, halfHour + 1);
  const wall = halfHour + seg.offset;
  const day = Math.floor(wall / MS_PER_DAY);
  const hour = (wall - day * MS_PER_DAY) / 3_600_000;
  const load = loadKwh(day, hour, halfHour);
  const solar = solarKwh(day, halfHour);
  const jitter = 0.9 + 0.2 * unit(Math.floor(t / 10_000), 11);
  return Math.round((load - solar) * 2000 * jitter);
}

/** Import energy (kWh, unrounded) of the half-hour starting at t: for the register. */
export function importKwhAt(halfHour: number): number {
  const [seg] = offsetSegments(HOUSEHOLD_ZONE, halfHour, halfHour + 1);
  const wall = halfHour + seg.offset;
  const day = Math.floor(wall / MS_PER_DAY);
  const hour = (wall - day * MS_PER_DAY) / 3_600_000;
  const load = loadKwh(day, hour, halfHour);
  return load - Math.min(load, solarKwh(day, halfHour));
}
