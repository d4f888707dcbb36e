// The energy data model every provider maps onto and every host reads from.
import type { CivilDay } from './time/civil';

/** A provider's id in settings, meter ids and the CLI's --provider: `demo`, `powershaper`, … */
export type ProviderId = string;

/** `provider:local-id`, e.g. `demo:electricity` or `octopus:1200012345678:21L4381234`. */
export type MeterId = string;

export type Fuel = 'electricity' | 'gas' | 'water' | 'heat';
export type Direction = 'import' | 'export';

/**
 * Energy over [start, end) in UTC milliseconds. `kwh: null` means the interval was expected
 * but the provider has no data for it: it is counted as Missing, never as zero.
 */
export interface Interval {
  start: number;
  end: number;
  kwh: number | null;
  carbonKg?: number | null;
  /** Where carbon came from a grid intensity: whether measured, forecast, or both. */
  carbonBasis?: CarbonBasis | null;
  cost?: number | null;
}

/**
 * What a carbon figure rests on: the grid's measured (actual) intensity, its forecast, or
 * both (an interval or row spanning half-hours of each).
 */
export type CarbonBasis = 'actual' | 'forecast' | 'mixed';

/** A native half-hour: the unit most UK smart meters and their APIs report in. */
export type HalfHour = Interval;

/**
 * The expected rhythm of a meter's native data, used to find missing intervals:
 * fixed steps aligned to the Unix epoch (half-hours, hours…) or whole local days.
 */
export type Grid = { kind: 'fixed'; stepMs: number } | { kind: 'local-day'; zone: string };

export interface Meter {
  id: MeterId;
  provider: ProviderId;
  fuel: Fuel;
  direction: Direction;
  /** First and last local day with data, when the provider says. */
  firstDay: CivilDay | null;
  lastDay: CivilDay | null;
  /** Human description, e.g. "Electricity import (MPAN …1234)". Never a secret. */
  label: string;
  grid: Grid;
  /**
   * The IANA zone the meter's household lives in (Europe/London for British providers, the
   * HomeWizard bridge's --timezone). Functions count days in it when neither their argument
   * nor Settings name a zone.
   */
  homeZone?: string;
  /** Provider-private identifiers (consent uuid, MPAN/serial, device id…). */
  ref?: Record<string, string>;
}

/** A meter's intervals over a requested range, sorted by start, as the provider gave them. */
export interface Series {
  intervals: Interval[];
  /** Whether the provider reports carbon and/or cost for this meter. */
  carbon: boolean;
  /**
   * Carbon came from a grid intensity source, not the provider: every interval says its
   * basis (actual or forecast), and usage tables show it beside the carbon.
   */
  carbonBasis?: boolean;
  cost: boolean;
  currency?: string;
}

/** The latest reading, for METER_NOW. */
export interface NowReading {
  /** UTC ms of the reading. */
  time: number;
  /** Instantaneous demand in W; negative when exporting. */
  demandW: number | null;
  /** Cumulative register readings, when the provider has them. */
  counters: { label: string; value: number; unit: string }[];
  /**
   * How old the reading is, in seconds, and the state of the device behind it, when a
   * provider relays readings it did not take itself (the HomeWizard bridge): a reading
   * kept while the device is failing must say so, not pass for a fresh one.
   */
  ageSeconds?: number;
  state?: string;
}
