// The aiaas mock's household: deterministic power draw (W) of each appliance, minute by
// minute, in Italian local time. A fridge that cycles all day, a washing machine and a
// dishwasher on some days (heating, washing, spinning / drying), an oven on some evenings,
// small appliances (a kettle every morning, bits and pieces through the day), standby
// always, and air conditioning on summer afternoons when a household says it has one.
import { offsetAt } from '../../../../shared/time/zone';

export const ZONE = 'Europe/Rome';
const MINUTE = 60_000;
const DAY = 86_400_000;

export const DEFAULT_APPLIANCES = [
  'fridge',
  'washingMachine',
  'dishwasher',
  'oven',
  'smallAppliances',
  'standby',
];

/** A repeatable pseudo-random number in [0, 1) for a tuple of integers. */
export function hash(...xs: number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) {
    h = Math.imul(h ^ (x | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 4294967296;
}

export interface LocalTime {
  /** Local calendar day number (days since 1970-01-01). */
  day: number;
  /** Minute of the local day, 0..1439. */
  minute: number;
  /** 0 = Monday … 6 = Sunday (pandas' dayofweek, as the habits table is assumed to use). */
  weekday: number;
  /** 1..12 */
  month: number;
}

const offsets = new Map<number, number>();
/** Rome's local time at a UTC instant (offsets cached by hour: the loops are long). */
export function local(utc: number): LocalTime {
  const hour = Math.floor(utc / 3_600_000);
  let off = offsets.get(hour);
  if (off === undefined) {
    off = offsetAt(ZONE, hour * 3_600_000);
    offsets.set(hour, off);
  }
  const wall = utc + off;
  const day = Math.floor(wall / DAY);
  const minute = Math.floor((wall - day * DAY) / MINUTE);
  const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday (3 when Monday is 0)
  const month = new Date(day * DAY).getUTCMonth() + 1;
  return { day, minute, weekday, month };
}

type Draw = (t: LocalTime, m: number, seed: number) => number;

/** A program of phases (minutes, W) starting at `start` minutes after midnight. */
function program(t: LocalTime, start: number, phases: [number, number][]): number {
  let at = t.minute - start;
  if (at < 0) return 0;
  for (const [minutes, watts] of phases) {
    if (at < minutes) return watts;
    at -= minutes;
  }
  return 0;
}

const MODELS: Record<string, Draw> = {
  fridge: (t, m, seed) => {
    const summer = t.month >= 6 && t.month <= 9 ? 5 : 0;
    return (m + Math.floor(seed * 45)) % 45 < 17 + summer
      ? 105 + Math.round(10 * hash(m >> 4, seed * 1e6))
      : 2;
  },
  washingMachine: (t, _m, seed) =>
    hash(t.day, 1, seed * 1e6) < 0.45
      ? program(t, 540 + Math.floor(hash(t.day, 2, seed * 1e6) * 360), [
          [20, 2000],
          [55, 180],
          [15, 450],
        ])
      : 0,
  dishwasher: (t, _m, seed) =>
    hash(t.day, 3, seed * 1e6) < 0.5
      ? program(t, 1260 + Math.floor(hash(t.day, 4, seed * 1e6) * 60), [
          [25, 1900],
          [45, 90],
          [25, 1800],
        ])
      : 0,
  oven: (t, _m, seed) => {
    if (hash(t.day, 5, seed * 1e6) >= 0.4) return 0;
    const at = t.minute - (1140 + Math.floor(hash(t.day, 6, seed * 1e6) * 30));
    if (at < 0 || at >= 50) return 0;
    return at < 12 || (at - 12) % 10 < 6 ? 2200 : 10; // heat up, then the thermostat cycles
  },
  smallAppliances: (t, m, seed) => {
    if (t.minute >= 430 && t.minute < 433) return 1800; // the morning kettle, 07:10
    if (t.minute >= 480 && t.minute < 1380)
      return 40 + Math.round(80 * hash(m >> 4, 7, seed * 1e6));
    return 15;
  },
  standby: (t, _m, seed) => 30 + Math.round(8 * hash(t.day, 8, seed * 1e6)),
  airConditioner: (t, m) =>
    t.month >= 6 && t.month <= 9 && t.minute >= 840 && t.minute < 1140 && m % 20 < 14 ? 900 : 0,
};

const OTHER: Draw = () => 20;

export interface Appliance {
  name: string;
  quantity: number;
}

/** Each appliance's draw (W) at the UTC minute `utc`, in the order given. */
export function draws(appliances: Appliance[], utc: number, seed: number): number[] {
  const t = local(utc);
  const m = Math.floor(utc / MINUTE);
  return appliances.map((a) => a.quantity * (MODELS[a.name] ?? OTHER)(t, m, seed));
}

/**
 * Italian time-of-use band of a local minute (ARERA): F1 weekdays 08–19, F2 weekdays
 * 07–08 and 19–23 and Saturdays 07–23, F3 nights, Sundays (national holidays ignored).
 */
export function band(t: LocalTime): 0 | 1 | 2 {
  const h = Math.floor(t.minute / 60);
  if (t.weekday === 6) return 2;
  if (t.weekday === 5) return h >= 7 && h < 23 ? 1 : 2;
  if (h >= 8 && h < 19) return 0;
  if ((h >= 7 && h < 8) || (h >= 19 && h < 23)) return 1;
  return 2;
}

/** The share of renewable power in the grid at an hour (a sunny-day curve plus weather). */
export function renewableFraction(utc: number): number {
  const t = local(utc);
  const h = t.minute / 60;
  const sun = h > 6 && h < 20 ? Math.sin((Math.PI * (h - 6)) / 14) : 0;
  const weather = 0.75 + 0.25 * hash(t.day, 9);
  return Math.round((0.08 + 0.55 * sun * weather) * 100) / 100;
}
