/// <reference types="custom-functions-runtime" />
// The Excel host of the core's function table: one instance per runtime, shared by the
// custom functions, the ribbon commands and the task pane (they all run in the shared
// runtime page). It owns the settings, the two cache tiers and the network driver, and
// turns core tables and errors into what Excel shows.
import { fetchIO } from '../../drivers/fetch';
import { isMeterError } from '../../shared/errors';
import { type AsyncIO, type Flow, runAsync } from '../../shared/flow';
import { FUNCTIONS, findFunction } from '../../shared/functions/catalog';
import {
  type CompareRequest,
  type CompareResult,
  compareWithOverlay,
} from '../../shared/functions/compare-overlay';
import { nowRefreshMs } from '../../shared/functions/now';
import { type UserError, runFunction, userError } from '../../shared/functions/run';
import { checkPlan } from '../../shared/functions/plan';
import { EXCEL_NAMESPACE, type FunctionEnv, type FunctionSpec } from '../../shared/functions/spec';
import type { HttpRequest } from '../../shared/http';
import { PROVIDERS, type Provider, fieldsByProvider } from '../../shared/providers';
import { emptySettings } from '../../shared/settings';
import type { Table } from '../../shared/table';
import { normaliseArgs } from './args';
import { TieredCache } from './cache';
import { type DateStyle, type ExcelCell, toExcelCells } from './cells';
import { coalescing } from './coalesce';
import { type FetchLike, corsAwareFetch } from './cors-fetch';
import { SettingsStore } from './settings-store';
import { MAX_EXCEL_FORMULA_ROWS, TOO_BIG_INSTEAD, checkResultSize } from './result-size';
import { KeyedTurns, tokenTurnsIO } from './single-flight';
import type { KeyValueStorage } from './storage';
import { excelText } from './spelling';
import { StreamHub, type Timers } from './streams';

export interface HostOptions {
  providers?: Provider[];
  fetch?: FetchLike;
  /** The add-in server's origin, for providers without CORS headers; null: none. */
  proxyOrigin?: string | null;
  storage?: KeyValueStorage | null;
  clock?: () => number;
  /** How dates are written; asked on every call (Office may initialise late). */
  dateStyle?: () => DateStyle;
  timers?: Timers;
  /** Per-request time limit, ms. */
  timeoutMs?: number;
  /** Called with each batch of requests (progress, tests). */
  onBatch?: (requests: HttpRequest[]) => void;
}

export class FunctionHost {
  readonly providers: Provider[];
  readonly settings: SettingsStore;
  readonly cache: TieredCache;
  readonly io: AsyncIO;
  /** Whose turn it is to obtain each token (one call at a time; the rest reuse it). */
  readonly tokenTurns = new KeyedTurns();
  private readonly clock: () => number;
  private readonly dateStyle: () => DateStyle;
  private readonly streams: StreamHub<ExcelCell[][], CustomFunctions.Error>;

  constructor(options: HostOptions = {}) {
    this.providers = options.providers ?? PROVIDERS;
    this.clock = options.clock ?? (() => Date.now());
    this.dateStyle = options.dateStyle ?? (() => 'serial');
    const storage = options.storage ?? null;
    this.settings = new SettingsStore(storage, fieldsByProvider(this.providers));
    this.cache = new TieredCache(storage, this.clock);
    const base = options.fetch ?? ((url, init) => fetch(url, init));
    const net = fetchIO({
      fetch: corsAwareFetch(base, options.proxyOrigin ?? null) as unknown as typeof fetch,
      timeoutMs: options.timeoutMs ?? 30_000,
      onBatch: options.onBatch,
    });
    const cache = this.cache;
    const fetchAll = coalescing((requests) => net.fetchAll(requests));
    this.io = {
      fetchAll,
      cacheGet: (keys) => cache.get(keys),
      cachePut: (entries) => cache.put(entries),
      cacheRemove: (keys) => cache.remove(keys),
      sleep: net.sleep,
    };
    this.streams = new StreamHub(
      options.timers ?? {
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      },
    );
  }

  /** What every function runs with: the stored settings, this host's clock and providers. */
  async env(): Promise<FunctionEnv> {
    return {
      settings: await this.settings.load(),
      clock: this.clock,
      providers: this.providers,
      runtime: 'excel',
    };
  }

  private spec(id: string): FunctionSpec {
    const spec = findFunction(id);
    if (!spec) throw new Error(`unknown function ${id}`);
    return spec;
  }

  /** Runs one call's flow; concurrent calls obtain each token once between them. */
  async run<T>(flow: Flow<T>): Promise<T> {
    const io = tokenTurnsIO(this.io, this.tokenTurns);
    try {
      return await runAsync(flow, io);
    } finally {
      io.release(); // a turn the flow could not end itself (the host's IO failed under it)
    }
  }

  /**
   * The Compare pane's comparison, with the grid intensity overlaid when asked (profiles
   * and intensity in one batch). Here, not in the pane, so the pane bundles no core.
   */
  async compare(request: CompareRequest): Promise<CompareResult> {
    return this.run(compareWithOverlay(request, await this.env()));
  }

  /** A function's core table (dates as date cells): what the task pane works with. */
  async table(id: string, args: unknown[]): Promise<Table> {
    const spec = this.spec(id);
    const env = await this.env();
    return this.run(runFunction(spec.id, normaliseArgs(spec.params, args), env));
  }

  /**
   * A custom function call from a cell: a spilled array, or a CustomFunctions.Error. What
   * one formula returns is capped to what Excel on the web accepts (result-size.ts).
   */
  async call(id: string, args: unknown[]): Promise<ExcelCell[][]> {
    try {
      const spec = this.spec(id);
      const name = `${EXCEL_NAMESPACE}.${spec.id}`;
      const normalised = normaliseArgs(spec.params, args);
      const env = await this.env();
      checkPlan(name, spec, normalised, env, MAX_EXCEL_FORMULA_ROWS, TOO_BIG_INSTEAD);
      const table = await this.run(runFunction(spec.id, normalised, env));
      return checkResultSize(name, toExcelCells(table, this.dateStyle()));
    } catch (e) {
      throw await this.excelError(e);
    }
  }

  /** A streaming function: fresh results at the provider's pace until Excel cancels it. */
  stream(
    id: string,
    args: unknown[],
    invocation: CustomFunctions.StreamingInvocation<ExcelCell[][]>,
  ): void {
    const spec = this.spec(id);
    const normalised = normaliseArgs(spec.params, args);
    const meterAt = spec.params.findIndex((p) => p.name === 'meter');
    const key = JSON.stringify([spec.id, normalised]);
    this.streams.subscribe(key, invocation, () => ({
      // Straight to the function, not through the result cache: a stream is fresh by definition.
      read: async () => {
        try {
          const env = await this.env();
          const { table } = await this.run(spec.run(normalised, env));
          return checkResultSize(
            `${EXCEL_NAMESPACE}.${spec.id}`,
            toExcelCells(table, this.dateStyle()),
          );
        } catch (e) {
          throw await this.excelError(e);
        }
      },
      refreshMs: async () =>
        this.run(nowRefreshMs(meterAt < 0 ? null : normalised[meterAt], await this.env())),
      isFinal: (e) => (e as { code?: string }).code === CustomFunctions.ErrorCode.invalidValue,
    }));
  }

  /** Streams currently polling a provider. */
  get activeStreams(): number {
    return this.streams.size;
  }

  /** Forget every cached answer (ribbon Refresh, settings saved). */
  async refresh(): Promise<void> {
    this.settings.invalidate();
    await this.cache.clear();
  }

  /** Any error as the user may see it in Excel: kind and a message with every secret redacted. */
  async describeError(e: unknown): Promise<UserError> {
    let env: FunctionEnv;
    try {
      env = await this.env();
    } catch {
      env = { settings: emptySettings(), clock: this.clock, providers: this.providers };
    }
    if (!isMeterError(e) && e instanceof Error && /^unknown function /.test(e.message))
      return { kind: 'argument', message: e.message };
    const u = userError(e, env);
    return { ...u, message: excelText(u.message, FUNCTIONS) };
  }

  /** #VALUE! for a bad argument, #N/A for the rest, each with the readable message. */
  private async excelError(e: unknown): Promise<CustomFunctions.Error> {
    const u = await this.describeError(e);
    const code =
      u.kind === 'argument'
        ? CustomFunctions.ErrorCode.invalidValue
        : CustomFunctions.ErrorCode.notAvailable;
    return new CustomFunctions.Error(code, u.message);
  }
}
