// The Kraken provider against its mock, in-process: the core's synchronous driver routed
// to the mock by origin (the GraphQL API and the auth server), a cache that honours TTLs
// on the test's clock, and the request record.
import { MemoryCache } from '../../../drivers/memory-cache';
import { resolveSpan } from '../../../shared/aggregate';
import { type Flow, type SyncIO, runSync } from '../../../shared/flow';
import type { FunctionEnv } from '../../../shared/functions/spec';
import type { HttpRequest } from '../../../shared/http';
import type { Meter } from '../../../shared/model';
import { PROVIDERS } from '../../../shared/providers';
import { krakenProvider } from '../../../shared/providers/kraken';
import type { ProviderConfig } from '../../../shared/settings';
import { parseDay } from '../../../shared/time/civil';
import { type KrakenMockOptions, MOCK_ACCOUNT, MOCK_API_KEY, createMock } from './mock';
import { type MockHandler, type Recorded, syncMockIO } from '../../mocks/mock-http';
import { functionCalls, meterById } from '../function-calls';

export const API = 'https://api.octopus.energy';
export const AUTH = 'https://auth.octopus.energy';

export interface HarnessOptions {
  now?: number;
  config?: ProviderConfig;
  mock?: KrakenMockOptions;
  /** Wraps the mock's handler (e.g. to play a different server). */
  wrap?: (h: MockHandler) => MockHandler;
}

export function krakenHarness(o: HarnessOptions = {}) {
  let now = o.now ?? Date.UTC(2025, 0, 15, 12, 0, 7);
  const clock = () => now;
  const mock = createMock({ clock, ...o.mock });
  const handler = o.wrap ? o.wrap(mock.handler) : mock.handler;
  const record: Recorded = { requests: [], batches: [] };
  const base = syncMockIO({ [API]: handler, [AUTH]: handler }, record);
  const cache = new MemoryCache(clock);
  const io: SyncIO = {
    fetchAll: (requests) => base.fetchAll(requests),
    cacheGet: (keys) => cache.get(keys),
    cachePut: (entries) => cache.put(entries),
    cacheRemove: (keys) => cache.remove(keys),
    sleep: (ms) => void (now += ms),
  };
  const config: ProviderConfig = { account: MOCK_ACCOUNT, apiKey: MOCK_API_KEY, ...o.config };
  const env: FunctionEnv = {
    settings: { providers: { kraken: config } },
    clock,
    providers: PROVIDERS,
  };
  const run = <T>(flow: Flow<T>): T => runSync(flow, io);
  const { call, fail } = functionCalls(env, run);
  const ctx = () => ({ config, clock, runtime: 'node' as const });
  const meters = (): Meter[] => run(krakenProvider.listMeters(ctx()));
  const meter = (id: string): Meter => meterById(meters(), id);
  /** The provider's raw series for local days [first, last] in a zone. */
  const usage = (m: Meter, first: string, last: string, zone = 'Europe/London') =>
    run(
      krakenProvider.usage(ctx(), {
        meter: m,
        span: resolveSpan(zone, parseDay(first) as number, parseDay(last) as number),
        aggregate: 'none',
      }),
    );
  /** GraphQL requests sent, with their parsed bodies. */
  const graphqlSent = (since = 0) =>
    record.requests
      .slice(since)
      .filter((r: HttpRequest) => r.url.startsWith(API))
      .map((r) => ({ request: r, body: JSON.parse(r.body ?? '{}') }));
  return {
    mock,
    io,
    env,
    cache,
    record,
    config,
    call,
    fail,
    run,
    ctx,
    meters,
    meter,
    usage,
    graphqlSent,
    advance: (ms: number) => void (now += ms),
    now: () => now,
  };
}
