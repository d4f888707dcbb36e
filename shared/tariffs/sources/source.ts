// What a price source is: one folder under sources/ that turns the text of a `tariff`
// argument into a Tariff (fetching published rates as effects when it must), and may list
// the tariffs it knows for METER_TARIFFS. The registry (sources/index.ts) asks each in turn.
import type { Flow } from '../../flow';
import type { Direction, Fuel, Meter } from '../../model';
import type { Runtime } from '../../providers/provider';
import type { Settings } from '../../settings';
import type { Table } from '../../table';
import type { Tariff } from '../model';

export interface TariffContext {
  settings: Settings;
  /** Now, UTC ms. */
  clock(): number;
  /** The zone days are counted in. */
  zone: string;
  /** The range to be priced, UTC ms: sources fetch published rates for it alone. */
  from: number;
  to: number;
  /** The meter's fuel and direction, for a product code that names neither. */
  fuel: Fuel;
  direction: Direction;
  /** The meter being priced, when there is one (the account's own tariffs need it). */
  meter?: Meter;
  /** The host, and when it needs the answer by: for the retry budget. */
  runtime: Runtime;
  deadline?: number;
}

export interface PriceSource {
  id: string;
  /**
   * The provider whose accounts it reads (the account's own tariffs): a build without that
   * provider (METER_SHEETS_PROVIDERS) leaves the source out. Unset: every build has it.
   */
  provider?: string;
  /** Hosts it fetches prices from by default (Apps Script urlFetchWhitelist, proxy allow-list). */
  hosts: string[];
  /** Whether the text names one of this source's tariffs (no effects: a syntax check). */
  claims(text: string, ctx: TariffContext): boolean;
  tariff(text: string, ctx: TariffContext): Flow<Tariff>;
  /** The tariffs it offers, for METER_TARIFFS: a header row and one row per tariff. */
  list?(filter: string | null, region: string | null, ctx: TariffContext): Flow<Table>;
}

/** The currency typed-in and saved tariffs are in: settings, else GBP. */
export function settingsCurrency(settings: Settings): string {
  return settings.currency ?? 'GBP';
}
