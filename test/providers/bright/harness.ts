// The Bright provider against its mock, in-process: the core's synchronous driver routed
// to the mock by origin, a cache that honours TTLs on the test's clock, the request record.
import { MemoryCache } from '../../../drivers/memory-cache';
import { resolveSpan } from '../../../shared/aggregate';
import { type CacheEntry, type Flow, type SyncIO, runSync } from '../../../shared/flow';
import type { FunctionEnv } from '../../../shared/functions/spec';
import type { Meter } from '../../../shared/model';
import { PROVIDERS } from '../../../shared/providers';
import { brightProvider } from '../../../shared/providers/bright';
import type { ProviderConfig } from '../../../shared/settings';
import { parseDay } from '../../../shared/time/civil';
import { type MockHandler, type Recorded, syncMockIO } from '../../mocks/mock-http';
import { BRIGHT_PASSWORD, BRIGHT_USERNAME, type BrightMockOptions, createMock } from './mock';
import { functionCalls, meterById } from '../function-calls';

export const API = 'https://api.glowmarkt.com';

export interface HarnessOptions {
  now?: number;
  config?: ProviderConfig;
  mock?: BrightMockOptions;
  wrap?: (h: MockHandler) => MockHandler;
}

export function brightHarness(o: HarnessOptions = {}) {
  let now = o.now ?? Date.UTC(2025, 0, 15, 12, 0, 7);
  const clock = () => now;
  const mock = createMock({ clock, ...o.mock });
  const handler = o.wrap ? o.wrap(mock.handler) : mock.handler;
  const record: Recorded = { requests: [], batches: [] };
  const base = syncMockIO({ [API]: handler }, record);
  const cache = new MemoryCache(clock);
  /** Every entry the provider and the core cached, for leak checks. */
  const puts: CacheEntry[] = [];
  const io: SyncIO = {
    fetchAll: (requests) => base.fetchAll(requests),
    cacheGet: (keys) => cache.get(keys),
    cachePut: (entries) => (puts.push(...entries), cache.put(entries)),
    cacheRemove: (keys) => cache.remove(keys),
    sleep: (ms) => void (now += ms),
  };
  const config: ProviderConfig = {
    username: BRIGHT_USERNAME,
    password: BRIGHT_PASSWORD,
    ...o.config,
  };
  const env: FunctionEnv = {
    settings: { providers: { bright: config } },
    clock,
    providers: PROVIDERS,
  };
  const run = <T>(flow: Flow<T>): T => runSync(flow, io);
  const { call, fail } = functionCalls(env, run);
  const ctx = () => ({ config, clock, runtime: 'node' as const });
  const meters = (): Meter[] => run(brightProvider.listMeters(ctx()));
  const meter = (id: string): Meter => meterById(meters(), id);
  const spanOf = (first: string, last: string, zone = 'Europe/London') =>
    resolveSpan(zone, parseDay(first) as number, parseDay(last) as number);
  const usage = (m: Meter, first: string, last: string, zone = 'Europe/London') =>
    run(
      brightProvider.usage(ctx(), { meter: m, span: spanOf(first, last, zone), aggregate: 'none' }),
    );
  return {
    mock,
    io,
    env,
    cache,
    puts,
    record,
    config,
    call,
    fail,
    run,
    ctx,
    meters,
    meter,
    spanOf,
    usage,
    advance: (ms: number) => void (now += ms),
    now: () => now,
  };
}
