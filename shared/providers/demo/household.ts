// A synthetic UK household, deterministic from the date alone (no randomness at run time,
// no account): a gas-heated semi with an EV and rooftop solar, living in Europe/London.
// Every number is a pure function of the half-hour or the day, so any range from 2020 on
// can be generated in any order, and tests and screenshots are stable.
import {
  type CivilDay,
  MS_PER_DAY,
  MS_PER_HALF_HOUR,
  civilFromDays,
  daysFromCivil,
  isoWeekday,
} from '../../time/civil';

export const HOUSEHOLD_ZONE = 'Europe/London';
export const FIRST_DAY: CivilDay = daysFromCivil(2020, 1, 1);

/** A 32-bit integer hash of up to three integers (splitmix/murmur finaliser). */
function hash(a: number, b: number, c: number): number {
  let h =
    Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^
    Math.imul(b + 0x632be5ab, 0xc2b2ae35) ^
    Math.imul(c + 0x27d4eb2f, 0x165667b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A deterministic number in [0, 1). */
export function unit(a: number, b: number, c = 0): number {
  return hash(a, b, c) / 4294967296;
}

const SALT = {
  noise: 1,
  ev: 2,
  wash: 3,
  sun: 4,
  flicker: 5,
  temp: 6,
  gap: 7,
  gapLen: 8,
  gasGap: 9,
  late: 10,
};

/** 1 in mid-January, 0 in mid-July. */
export function winterness(day: CivilDay): number {
  const c = civilFromDays(day);
  const doy = day - daysFromCivil(c.year, 1, 1);
  return (1 + Math.cos((2 * Math.PI * (doy - 15)) / 365.25)) / 2;
}

function bump(x: number, centre: number, width: number): number {
  const z = (x - centre) / width;
  return Math.exp(-0.5 * z * z);
}

/**
 * Household demand in kWh for the half-hour starting at local clock `hour` (0–23.5) of
 * local `day`, before solar. `tUtc` seeds the half-hour's own noise.
 */
export function loadKwh(day: CivilDay, hour: number, tUtc: number): number {
  const w = winterness(day);
  const weekend = isoWeekday(day) >= 6;
  const halfHour = Math.floor(tUtc / MS_PER_HALF_HOUR);
  let kwh = 0.11 + 0.03 * w; // fridge, freezer, router, standby
  kwh += 0.22 * bump(hour, weekend ? 9 : 7.25, 0.8); // showers, kettle, toaster
  kwh += 0.05 * bump(hour, 13, 1.5);
  kwh += (0.42 + 0.12 * w) * bump(hour, 18.25, 1.1); // cooking
  const sunset = 16 + 5.3 * (1 - w);
  if (hour >= sunset - 0.5 && hour < 23) kwh += 0.05 + 0.06 * w; // lights, TV
  if ((hour >= 6 && hour < 9) || (hour >= 16 && hour < 22)) kwh += 0.04 * w; // boiler pump and fan
  if (unit(day, SALT.wash) < 0.35 && hour >= 10 && hour < 11.5) kwh += 0.55; // washing machine
  // EV charging in the cheap overnight window, on about two nights a week.
  if (unit(day, SALT.ev) < 0.28 && hour >= 1 && hour < 4) kwh += 3.5;
  return kwh * (0.85 + 0.3 * unit(halfHour, SALT.noise));
}

/** Rooftop solar generation in kWh for the half-hour starting at UTC instant t. */
export function solarKwh(day: CivilDay, tUtc: number): number {
  const w = winterness(day);
  const utcHour = (((tUtc % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 3_600_000 + 0.25; // mid-interval
  const dayLength = 12.2 + 4.4 * (1 - 2 * w);
  const sunrise = 12 - dayLength / 2;
  const x = (utcHour - sunrise) / dayLength;
  if (x <= 0 || x >= 1) return 0;
  const peakKw = 0.3 + 3.3 * (1 - w);
  const sky = 0.08 + 0.92 * Math.pow(unit(day, SALT.sun), 0.7); // overcast to clear
  const flicker = 0.8 + 0.2 * unit(Math.floor(tUtc / MS_PER_HALF_HOUR), SALT.flicker);
  return 0.5 * peakKw * Math.pow(Math.sin(Math.PI * x), 1.3) * sky * flicker;
}

/** Grid carbon intensity (kg CO2 per kWh) for the half-hour. */
export function carbonIntensity(day: CivilDay, hour: number, tUtc: number): number {
  const w = winterness(day);
  let k = 0.17 + 0.08 * w + 0.05 * bump(hour, 17.5, 1.5) - 0.05 * (1 - w) * bump(hour, 13, 2.5);
  k += 0.04 * (unit(Math.floor(tUtc / MS_PER_HALF_HOUR), SALT.late) - 0.5);
  return k;
}

/** Time-of-use import tariff (GBP per kWh) at local clock `hour`. */
export function importRate(hour: number): number {
  if (hour >= 0.5 && hour < 5.5) return 0.085;
  if (hour >= 16 && hour < 19) return 0.35;
  return 0.245;
}

export const GAS_CARBON_KG_PER_KWH = 0.183;
export const GAS_RATE_GBP_PER_KWH = 0.0624;

/** Daily gas (kWh) for central heating and hot water on local `day`. */
export function gasKwh(day: CivilDay): number {
  const w = winterness(day);
  const meanTemp = 17 - 13 * w + 6 * (unit(day, SALT.temp) - 0.5);
  return 7 + Math.max(0, 15.5 - meanTemp) * 3.2 * (isoWeekday(day) >= 6 ? 1.1 : 1);
}

/**
 * Whether the half-hour starting at t is lost in transit (the meter recorded it, the data
 * never arrived): three outages of 30 minutes to 3 hours in every calendar month.
 */
export function isElectricityGap(tUtc: number): boolean {
  const d = new Date(tUtc);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const monthStart = Date.UTC(y, m, 1);
  const slots = ((Date.UTC(y, m + 1, 1) - monthStart) / MS_PER_HALF_HOUR) | 0;
  const key = y * 12 + m;
  for (let i = 0; i < 3; i++) {
    const start = monthStart + Math.floor(unit(key, SALT.gap, i) * slots) * MS_PER_HALF_HOUR;
    const len = (1 + Math.floor(unit(key, SALT.gapLen, i) * 6)) * MS_PER_HALF_HOUR;
    if (tUtc >= start && tUtc < start + len) return true;
  }
  return false;
}

/** About one day a month of gas data never arrives. */
export function isGasGap(day: CivilDay): boolean {
  return unit(day, SALT.gasGap) < 0.033;
}

/** Wh-resolution, like a real meter's register. */
export function toMeterKwh(kwh: number): number {
  return Math.round(kwh * 1000) / 1000;
}
