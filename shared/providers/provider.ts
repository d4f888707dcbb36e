// The contract every provider module fulfils. A provider only *describes* HTTP (via Flow);
// it never performs I/O, so the same module runs in Apps Script, Excel and Node.
import type { Aggregate } from '../aggregate';
import type { Span } from '../aggregate/span';
import type { Flow } from '../flow';
import type { Meter, NowReading, ProviderId, Series } from '../model';
import type { ProviderConfig, SettingField } from '../settings';

/** Where the functions are running: Google's servers (Sheets), Excel's runtime, or Node. */
export type Runtime = 'sheets' | 'excel' | 'node';

export interface ProviderContext {
  /** This provider's validated settings section (may be empty). */
  config: ProviderConfig;
  /** Current time, UTC ms (injected so tests can move it). */
  clock(): number;
  /** The host, for limits that depend on it (Sheets cannot reach a home network). */
  runtime: Runtime;
  /**
   * When the host needs the answer by (UTC ms): no retry or pause may run past it. Unset:
   * the runtime's budget from each request's start (common.ts BUDGET_MS).
   */
  deadline?: number;
}

export interface UsageQuery {
  meter: Meter;
  span: Span;
  /** What the caller will aggregate to: a hint for providers that can fetch coarser data. */
  aggregate: Aggregate;
}

export interface Provider {
  id: ProviderId;
  /** Display name, e.g. "PowerShaper Monitor". */
  label: string;
  /** Settings fields (credentials, base URL…), drawn by the settings UIs and validated. */
  fields: SettingField[];
  /**
   * Reports carbon of its own for its electricity meters (PowerShaper, the demo): a grid
   * carbon source then applies only when the user names one for the meter.
   */
  reportsCarbon?: boolean;
  /** Where to learn how to set it up (linked from its section of the settings forms). */
  docsUrl?: string;
  /**
   * Hosts that can never reach it (Sheets runs on Google's servers, not on your home
   * network): the settings forms there leave it out.
   */
  unavailableIn?: Runtime[];
  /** Hosts the provider talks to by default (Apps Script urlFetchWhitelist, proxy allow-list). */
  hosts: string[];
  listMeters(ctx: ProviderContext): Flow<Meter[]>;
  /** The meter's intervals over the span; gaps may be left out (the core fills them as Missing). */
  usage(ctx: ProviderContext, query: UsageQuery): Flow<Series>;
  now?(ctx: ProviderContext, meter: Meter): Flow<NowReading>;
  /** How often a streaming METER.NOW may refresh for this provider, ms. */
  nowRefreshMs?: number;
}
