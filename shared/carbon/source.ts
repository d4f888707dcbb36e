// The contract of a carbon source: like a provider, it only describes HTTP (Flow), so the
// same module runs in Apps Script, Excel and Node. A source answers half-hourly intensity
// for an area over a UTC range, or the forecast ahead from an instant.
import type { Flow } from '../flow';
import type { ProviderContext } from '../providers/provider';
import type { Area } from './area';

/** The fuels of the generation mix, in the order tables show them. */
export const FUELS = [
  'biomass',
  'coal',
  'imports',
  'gas',
  'nuclear',
  'other',
  'hydro',
  'solar',
  'wind',
] as const;
export type Fuel = (typeof FUELS)[number];

/** Measured after the fact (national only), or forecast. */
export type Basis = 'actual' | 'forecast';

/**
 * One half-hour of grid carbon intensity, [start, end) in UTC ms. `gPerKwh: null` means
 * the source has no figure for it: carbon over that half-hour is unknown, never zero.
 */
export interface IntensityPoint {
  start: number;
  end: number;
  gPerKwh: number | null;
  basis: Basis | null;
  /** The source's band: very low, low, moderate, high, very high. */
  index: string | null;
  /** Percent of generation by fuel, when asked for and the source has it. */
  mix: Partial<Record<Fuel, number>> | null;
}

export type IntensityQuery =
  | { kind: 'range'; area: Area; from: number; to: number; mix: boolean }
  /** The forecast for the next 48 hours from `from`. */
  | { kind: 'ahead'; area: Area; from: number; mix: boolean };

/** The context a source runs in: a provider context whose config holds `baseUrl`. */
export type CarbonContext = ProviderContext;

export interface CarbonSource {
  id: string;
  label: string;
  /** Credit shown wherever its figures are described (licence terms). */
  attribution: string;
  /** Hosts it talks to by default (Apps Script urlFetchWhitelist, proxy allow-list). */
  hosts: string[];
  /** Whether this source answers for the area. */
  serves(area: Area): boolean;
  /** Half-hours sorted by start; half-hours it has no figure for may be left out. */
  intensity(ctx: CarbonContext, query: IntensityQuery): Flow<IntensityPoint[]>;
}

/** The forecast window ahead, as the API's fw48h. */
export const AHEAD_MS = 48 * 3_600_000;
