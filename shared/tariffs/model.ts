// The tariff model: what a unit of energy and a day of supply cost, over dated periods.
// Every price source (Octopus products, the account's agreements, EnergyZero, settings,
// inline text, the demo) produces this shape, and one engine (price.ts) prices any meter
// with it, so a comparison replays the same usage on every tariff alike.
import type { Fuel } from '../model';

/** A local wall-clock band, [from, to) in minutes after local midnight (to may be 1440). */
export interface Band {
  from: number;
  to: number;
  /** Price per kWh in major units (pounds, euros). */
  rate: number;
  /** ISO weekdays (Monday 1 … Sunday 7) the band applies on; all when absent. */
  days?: number[];
}

/** A published rate for [from, to), UTC ms: Agile half-hours, day-ahead hours. */
export interface RateSlot {
  from: number;
  to: number;
  rate: number;
}

export type UnitPricing =
  | { kind: 'flat'; rate: number }
  /** Listed bands at their rates, every other local time at `otherwise`. */
  | { kind: 'bands'; bands: Band[]; otherwise: number }
  /** Published rates; any time no slot covers is unknown, never free. */
  | { kind: 'slots'; slots: RateSlot[] };

/** A price in force over [from, to), UTC ms (±Infinity for open ends). */
export interface Dated<T> {
  from: number;
  to: number;
  value: T;
}

/** The parts of dated values that fall within [from, to), cut to it. */
export function clipDated<T>(dated: Dated<T>[], from: number, to: number): Dated<T>[] {
  const out: Dated<T>[] = [];
  for (const d of dated) {
    const a = Math.max(d.from, from);
    const b = Math.min(d.to, to);
    if (b > a) out.push({ from: a, to: b, value: d.value });
  }
  return out;
}

export interface Tariff {
  /** How the user named it: `demo-flat`, `E-1R-AGILE-24-10-01-C`, `0.245 + 0.60/day`. */
  name: string;
  /** Human description. */
  label: string;
  /** ISO 4217: GBP, EUR. */
  currency: string;
  /** Unit pricing by validity period; a time no period covers has no known rate. */
  unit: Dated<UnitPricing>[];
  /** Standing charge per local day by validity period; a day none covers is unknown. */
  standing: Dated<number>[];
  /**
   * Export tariffs pay the household: their cost is negative. Undefined (typed-in
   * tariffs): import or export as the meter is.
   */
  export?: boolean;
  /** The fuel the tariff is for, when it says (an Octopus E-/G- code). */
  fuel?: Fuel;
  /** How long a result priced with it may be cached, s (short while rates are still coming). */
  ttlSeconds?: number;
}

export const ALWAYS = { from: -Infinity, to: Infinity };

/** `Cost (GBP)`: headers carry the unit. */
export function withCurrency(label: string, currency: string): string {
  return `${label} (${currency})`;
}
