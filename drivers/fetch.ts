// The asynchronous driver for hosts that have fetch (Node 20, browsers, Excel's runtime):
// each batch of requests goes out at once with Promise.all. No answer (refused, DNS,
// timeout) becomes status 0 with a reason, so providers decide what that means.
import type { AsyncIO } from '../shared/flow';
import type { HttpRequest, HttpResponse } from '../shared/http';
import { MemoryCache } from './memory-cache';

export interface FetchIOOptions {
  fetch?: typeof fetch;
  /** Per-request time limit. */
  timeoutMs?: number;
  cache?: MemoryCache;
  /** Called once per batch with its size, e.g. for progress or tests. */
  onBatch?: (requests: HttpRequest[]) => void;
}

async function send(f: typeof fetch, r: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  try {
    const res = await f(r.url, {
      method: r.method,
      headers: r.headers,
      body: r.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    return { status: res.status, headers, body: await res.text() };
  } catch (e) {
    const err = e as { name?: string; message?: string; cause?: { code?: string } };
    const reason =
      err.name === 'TimeoutError' || err.name === 'AbortError'
        ? `no answer within ${Math.round(timeoutMs / 1000)} s`
        : (err.cause?.code ?? err.message ?? 'network error');
    return { status: 0, headers: {}, body: '', error: reason };
  }
}

export function fetchIO(options: FetchIOOptions = {}): AsyncIO {
  const f = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const cache = options.cache ?? new MemoryCache();
  return {
    async fetchAll(requests) {
      options.onBatch?.(requests);
      return Promise.all(requests.map((r) => send(f, r, timeoutMs)));
    },
    async cacheGet(keys) {
      return cache.get(keys);
    },
    async cachePut(entries) {
      cache.put(entries);
    },
    async cacheRemove(keys) {
      cache.remove(keys);
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
