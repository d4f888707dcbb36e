// The demo household (shared/providers/demo/household.ts) as a provider's servers would hold it: per
// UTC half-hour, metered import and export, half-hourly gas, grid carbon and the gaps where
// data never arrived. Deterministic, so mocks and tests agree without storing anything.
import {
  GAS_CARBON_KG_PER_KWH,
  HOUSEHOLD_ZONE,
  carbonIntensity,
  gasKwh,
  isElectricityGap,
  isGasGap,
  loadKwh,
  solarKwh,
  toMeterKwh,
} from '../../shared/providers/demo/household';
import { type CivilDay, MS_PER_DAY, MS_PER_HALF_HOUR } from '../../shared/time/civil';
import { dayBoundaries, offsetAt } from '../../shared/time/zone';

export const HH = MS_PER_HALF_HOUR;
export const ZONE = HOUSEHOLD_ZONE;

export interface HalfHourData {
  importKwh: number;
  exportKwh: number;
  /** kg CO2 of the import. */
  carbonKg: number;
  gasKwh: number;
  gasCarbonKg: number;
  /** The electricity (import and export) reading for this half-hour never arrived. */
  electricityGap: boolean;
  /** The gas reading for this half-hour's day never arrived. */
  gasGap: boolean;
}

function localDayAndHour(t: number): { day: CivilDay; hour: number } {
  const wall = t + offsetAt(ZONE, t);
  const day = Math.floor(wall / MS_PER_DAY);
  return { day, hour: (wall - day * MS_PER_DAY) / 3_600_000 };
}

/** Heating and hot water: mornings and evenings, a little all day. */
function gasWeight(hour: number): number {
  if (hour >= 5.5 && hour < 9) return 2;
  if (hour >= 16.5 && hour < 22) return 1.5;
  return 0.15;
}

const dayWeights = new Map<CivilDay, number>();

/** Sum of a local day's half-hour weights (46, 48 or 50 half-hours). */
function dayWeight(day: CivilDay): number {
  let w = dayWeights.get(day);
  if (w === undefined) {
    const [a, b] = dayBoundaries(ZONE, day, day);
    w = 0;
    for (let t = a; t < b; t += HH) w += gasWeight(localDayAndHour(t).hour);
    dayWeights.set(day, w);
  }
  return w;
}

// Mocks scan whole histories to count results for every page: remember each half-hour.
const memo = new Map<number, HalfHourData>();

/** The household in the half-hour starting at UTC instant t (a multiple of 30 minutes). */
export function halfHourAt(t: number): HalfHourData {
  const key = t / HH; // a small integer: the fastest kind of Map key
  let h = memo.get(key);
  if (!h) memo.set(key, (h = computeHalfHour(t)));
  return h;
}

function computeHalfHour(t: number): HalfHourData {
  const { day, hour } = localDayAndHour(t);
  const load = loadKwh(day, hour, t);
  const solar = solarKwh(day, t);
  const self = Math.min(load, solar);
  const importKwh = toMeterKwh(load - self);
  const gas = toMeterKwh((gasKwh(day) * gasWeight(hour)) / dayWeight(day));
  return {
    importKwh,
    exportKwh: toMeterKwh(solar - self),
    carbonKg: Math.round(importKwh * carbonIntensity(day, hour, t) * 1e4) / 1e4,
    gasKwh: gas,
    gasCarbonKg: Math.round(gas * GAS_CARBON_KG_PER_KWH * 1e4) / 1e4,
    electricityGap: isElectricityGap(t),
    gasGap: isGasGap(day),
  };
}

/** Data reaches the servers a day late: everything before today's UTC midnight is there. */
export function dataEnd(now: number): number {
  return Math.floor(now / MS_PER_DAY) * MS_PER_DAY;
}
