// Sans-IO: providers and functions are generators that *describe* effects (a batch of
// HTTP requests, a cache read, a pause) and receive their results. Drivers execute them:
// runSync with UrlFetchApp.fetchAll in Apps Script, runAsync with fetch + Promise.all in
// Excel and Node. The same provider code therefore runs, unchanged, on every host.
import type { HttpRequest, HttpResponse } from './http';

export interface CacheEntry {
  key: string;
  value: string;
  ttlSeconds: number;
}

export type Effect =
  | { type: 'fetch'; requests: HttpRequest[] }
  | { type: 'cache-get'; keys: string[] }
  | { type: 'cache-put'; entries: CacheEntry[] }
  | { type: 'cache-remove'; keys: string[] }
  | { type: 'sleep'; ms: number }
  /**
   * What follows, up to the matching 'exclusive-end', should run for one call at a time per
   * key: it mints something every call would otherwise mint again (an access token). Hosts
   * that run many calls side by side make the others wait their turn; the rest ignore it.
   */
  | { type: 'exclusive'; key: string }
  /** The turn for `key` is over; `error` is what ended it, if it failed. */
  | { type: 'exclusive-end'; key: string; error?: unknown };

/** A computation that yields effects and finally returns T. */
export type Flow<T> = Generator<Effect, T, unknown>;

/** Send independent requests together; responses come back in the same order. */
export function* fetchBatch(requests: HttpRequest[]): Flow<HttpResponse[]> {
  if (requests.length === 0) return [];
  return (yield { type: 'fetch', requests }) as HttpResponse[];
}

export function* fetchOne(request: HttpRequest): Flow<HttpResponse> {
  return (yield* fetchBatch([request]))[0];
}

export function* cacheGet(keys: string[]): Flow<(string | null)[]> {
  if (keys.length === 0) return [];
  return (yield { type: 'cache-get', keys }) as (string | null)[];
}

export function* cachePut(entries: CacheEntry[]): Flow<void> {
  if (entries.length > 0) yield { type: 'cache-put', entries };
}

export function* cacheRemove(keys: string[]): Flow<void> {
  if (keys.length > 0) yield { type: 'cache-remove', keys };
}

export function* sleep(ms: number): Flow<void> {
  if (ms > 0) yield { type: 'sleep', ms };
}

/**
 * Runs `body` as the only call at a time that holds `key` (see the 'exclusive' effect):
 * the turn ends when body returns or throws, with the failure for the host to see.
 */
export function* exclusive<T>(key: string, body: () => Flow<T>): Flow<T> {
  yield { type: 'exclusive', key };
  let failure: unknown;
  try {
    return yield* body();
  } catch (e) {
    throw (failure = e);
  } finally {
    yield { type: 'exclusive-end', key, error: failure };
  }
}

/** A flow that needs no effects: lifts a plain value. */
// eslint-disable-next-line require-yield
export function* pure<T>(value: T): Flow<T> {
  return value;
}

/**
 * Runs flows side by side. Whenever every unfinished flow is waiting on HTTP, their
 * requests go out as ONE batch, so independent work (periods to compare, shards of a long
 * range, several meters) costs one round trip, not one each. Other effects are passed
 * through one at a time. The first flow to throw aborts the lot.
 */
export function* all<T>(flows: Flow<T>[]): Flow<T[]> {
  const results: T[] = new Array(flows.length);
  const waiting: (Effect | null)[] = new Array(flows.length).fill(null);
  const step = (i: number, input: unknown): void => {
    const r = flows[i].next(input);
    if (r.done) {
      results[i] = r.value;
      waiting[i] = null;
    } else waiting[i] = r.value;
  };
  for (let i = 0; i < flows.length; i++) step(i, undefined);
  for (;;) {
    for (let i = 0; i < flows.length; i++) {
      let effect = waiting[i];
      while (effect && effect.type !== 'fetch') {
        step(i, yield effect);
        effect = waiting[i];
      }
    }
    const spans: { flow: number; at: number; count: number }[] = [];
    const requests: HttpRequest[] = [];
    for (let i = 0; i < flows.length; i++) {
      const effect = waiting[i];
      if (effect && effect.type === 'fetch') {
        spans.push({ flow: i, at: requests.length, count: effect.requests.length });
        requests.push(...effect.requests);
      }
    }
    if (spans.length === 0) return results;
    const responses = (yield { type: 'fetch', requests }) as HttpResponse[];
    for (const s of spans) step(s.flow, responses.slice(s.at, s.at + s.count));
  }
}

/** What a synchronous host (Apps Script) provides to run flows. */
export interface SyncIO {
  fetchAll(requests: HttpRequest[]): HttpResponse[];
  cacheGet?(keys: string[]): (string | null)[];
  cachePut?(entries: CacheEntry[]): void;
  cacheRemove?(keys: string[]): void;
  sleep?(ms: number): void;
  /** Waits for the key's turn (Effect 'exclusive'); absent: every call goes at once. */
  exclusive?(key: string): void;
  exclusiveEnd?(key: string, failure?: unknown): void;
}

/** What an asynchronous host (browser, Excel, Node) provides to run flows. */
export interface AsyncIO {
  fetchAll(requests: HttpRequest[]): Promise<HttpResponse[]>;
  cacheGet?(keys: string[]): Promise<(string | null)[]>;
  cachePut?(entries: CacheEntry[]): Promise<void>;
  cacheRemove?(keys: string[]): Promise<void>;
  sleep?(ms: number): Promise<void>;
  /** Waits for the key's turn (Effect 'exclusive'); absent: every call goes at once. */
  exclusive?(key: string): Promise<void>;
  exclusiveEnd?(key: string, failure?: unknown): Promise<void>;
}

/**
 * Performs one effect with the host's IO: a value from a sync host, a promise from an async
 * one. What a host leaves out is skipped (a cache read then finds nothing); flows ignore
 * what a write, a pause or a turn returns.
 */
function perform(io: SyncIO | AsyncIO, e: Effect): unknown {
  const t = e.type;
  if (t === 'fetch') return io.fetchAll(e.requests);
  if (t === 'cache-get') return io.cacheGet ? io.cacheGet(e.keys) : e.keys.map(() => null);
  if (t === 'cache-put') return io.cachePut && io.cachePut(e.entries);
  if (t === 'cache-remove') return io.cacheRemove && io.cacheRemove(e.keys);
  if (t === 'sleep') return io.sleep && io.sleep(e.ms);
  if (t === 'exclusive') return io.exclusive && io.exclusive(e.key);
  return io.exclusiveEnd && io.exclusiveEnd(e.key, e.error);
}

export function runSync<T>(flow: Flow<T>, io: SyncIO): T {
  let input: unknown = undefined;
  for (;;) {
    const r = flow.next(input);
    if (r.done) return r.value;
    input = perform(io, r.value);
  }
}

export async function runAsync<T>(flow: Flow<T>, io: AsyncIO): Promise<T> {
  let input: unknown = undefined;
  for (;;) {
    const r = flow.next(input);
    if (r.done) return r.value;
    input = await perform(io, r.value);
  }
}
