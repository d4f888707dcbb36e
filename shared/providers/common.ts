// What every HTTP provider needs: turning responses into clear errors, retrying what is
// safe to retry within the host's time budget, caching access tokens, and splitting long
// ranges into shards that are fetched in one parallel batch.
import { MeterError } from '../errors';
import { type Flow, cacheGet, cachePut, cacheRemove, exclusive, fetchBatch, sleep } from '../flow';
import {
  type HttpRequest,
  type HttpResponse,
  endsMidway,
  fingerprint,
  isIdempotent,
} from '../http';
import type { ProviderContext, Runtime } from './provider';

/** Seconds to wait from a Retry-After header (delta-seconds or HTTP date), if any. */
export function retryAfterMs(response: HttpResponse, now: number): number | null {
  const v = response.headers['retry-after'];
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/**
 * A MeterError for a failed response, or null when it succeeded (2xx). Messages never
 * include the response body: providers sometimes echo credentials back in error bodies.
 */
export function responseError(
  response: HttpResponse,
  provider: string,
  what: string,
): MeterError | null {
  const s = response.status;
  if (s >= 200 && s < 300) return null;
  if (s === 0)
    return new MeterError(
      'unavailable',
      `${provider} could not be reached for ${what} (${response.error ?? 'no answer'})`,
    );
  if (s === 401 || s === 403)
    return new MeterError(
      'auth',
      `${provider} refused the credentials for ${what} (HTTP ${s}); check them in Settings`,
    );
  if (s === 404) return new MeterError('not-found', `${provider} has no ${what} (HTTP 404)`);
  if (s === 429) {
    // Said only for the delta-seconds form: an HTTP date would need a clock here.
    const seconds = /^\s*(\d+)\s*$/.exec(response.headers['retry-after'] ?? '')?.[1];
    const asked = seconds && Number(seconds) > 0 ? `, asking to wait ${Number(seconds)} s` : '';
    return new MeterError(
      'rate-limit',
      `${provider} is rate-limiting requests for ${what} (HTTP 429${asked}); try again later`,
    );
  }
  if (s >= 500)
    return new MeterError(
      'unavailable',
      `${provider} failed to answer ${what} (HTTP ${s}); try again later`,
    );
  return new MeterError('provider', `${provider} rejected the request for ${what} (HTTP ${s})`);
}

export function checkResponse(
  response: HttpResponse,
  provider: string,
  what: string,
): HttpResponse {
  const e = responseError(response, provider, what);
  if (e) throw e;
  return response;
}

export interface RetryPolicy {
  /** Further attempts after the first. */
  retries: number;
  /** First backoff; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Give up (returning the last responses) rather than finish after this instant, UTC ms. */
  deadline?: number;
  clock: () => number;
  /**
   * The provider's word on an answer, where its status says too little: true for a failure
   * inside an HTTP 200 that is worth another try (Kraken's "Too many requests"), false for
   * a 5xx that will not pass by retrying (the HomeWizard bridge's "device offline"),
   * undefined to go by the status.
   */
  retryable?: (r: HttpResponse) => boolean | undefined;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'clock'> = {
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8000,
};

/**
 * How long a function may keep trying, from its start: Apps Script stops a custom function
 * after 30 s, so a formula stops starting requests and pauses after 20 s and leaves the rest
 * to answer. Excel and Node have no hard limit; a cell still should not spin for minutes.
 */
export const BUDGET_MS: Record<Runtime, number> = {
  sheets: 20_000,
  excel: 45_000,
  node: 60_000,
};

/**
 * The retry policy for a provider's requests: bounded backoff that ends by the host's
 * deadline (the function's, when the host said when it started; else a budget from now).
 */
export function retryPolicy(
  ctx: ProviderContext,
  retryable?: RetryPolicy['retryable'],
): RetryPolicy {
  return {
    ...DEFAULT_RETRY,
    clock: ctx.clock,
    deadline: ctx.deadline ?? ctx.clock() + BUDGET_MS[ctx.runtime],
    retryable,
  };
}

/**
 * 429, 5xx (but not 501), no answer, and a 2xx cut off part-way (the connection broke
 * mid-transfer) are worth another try for idempotent requests.
 */
export function isRetryable(r: HttpResponse): boolean {
  if (r.status >= 200 && r.status < 300) return endsMidway(r);
  return r.status === 0 || r.status === 429 || (r.status >= 500 && r.status !== 501);
}

/**
 * Sends a batch; re-sends only the retryable failures of idempotent requests (GETs, and
 * those marked `idempotent`), together, after a backoff that honours Retry-After, while
 * the deadline allows. A Retry-After the deadline cannot wait out ends the retries at
 * once: the caller turns the 429 into a clear error instead of a formula that hangs.
 * Returns the final responses in order.
 */
export function* fetchWithRetry(
  requests: HttpRequest[],
  policy: RetryPolicy,
): Flow<HttpResponse[]> {
  const responses = yield* fetchBatch(requests);
  const worthRetrying = (r: HttpResponse, i: number): boolean =>
    isIdempotent(requests[i]) && (policy.retryable?.(r) ?? isRetryable(r));
  for (let attempt = 1; attempt <= policy.retries; attempt++) {
    const failed = responses.map((r, i) => (worthRetrying(r, i) ? i : -1)).filter((i) => i >= 0);
    if (failed.length === 0) break;
    const now = policy.clock();
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    const asked = Math.max(0, ...failed.map((i) => retryAfterMs(responses[i], now) ?? 0));
    const wait = Math.max(backoff, asked);
    if (asked > policy.maxDelayMs) break; // the provider wants longer than we may wait
    if (policy.deadline !== undefined && now + wait >= policy.deadline) break;
    yield* sleep(wait);
    const again = yield* fetchBatch(failed.map((i) => requests[i]));
    failed.forEach((i, k) => (responses[i] = again[k]));
  }
  return responses;
}

export interface Token {
  value: string;
  /** UTC ms after which it must not be used. */
  expiresAt: number;
}

/** Cache key for a provider's token: a fingerprint of the credentials, never the credentials. */
export function tokenKey(provider: string, credentials: unknown): string {
  return `token:${provider}:${fingerprint(JSON.stringify(credentials))}`;
}

const TOKEN_MARGIN_MS = 120_000;

function* usableToken(key: string, clock: () => number): Flow<string | null> {
  const [hit] = yield* cacheGet([key]);
  const t = hit && (JSON.parse(hit) as Token);
  return t && t.expiresAt - TOKEN_MARGIN_MS > clock() ? t.value : null;
}

/**
 * A cached access token, or a fresh one from `obtain` (cached until shortly before it
 * expires). Tokens live in the host's per-user cache, never in settings or cells. Obtaining
 * one is `exclusive`: cells recalculating together take turns, and those after the first
 * find its token in the cache instead of each signing in.
 */
export function* cachedToken(
  key: string,
  clock: () => number,
  obtain: () => Flow<Token>,
): Flow<string> {
  return (
    (yield* usableToken(key, clock)) ||
    (yield* exclusive(key, function* () {
      // Whoever had the turn before may have cached one meanwhile.
      const meanwhile = yield* usableToken(key, clock);
      if (meanwhile) return meanwhile;
      const token = yield* obtain();
      const ttlSeconds = Math.floor((token.expiresAt - TOKEN_MARGIN_MS - clock()) / 1000);
      if (ttlSeconds > 0) yield* cachePut([{ key, value: JSON.stringify(token), ttlSeconds }]);
      return token.value;
    }))
  );
}

export function* forgetToken(key: string): Flow<void> {
  yield* cacheRemove([key]);
}

/** Drops a token the service refused (401, expired) and obtains another as cachedToken does. */
export function* renewedToken(
  key: string,
  clock: () => number,
  obtain: () => Flow<Token>,
): Flow<string> {
  yield* forgetToken(key);
  return yield* cachedToken(key, clock, obtain);
}

/**
 * Splits [from, to) into consecutive shards of at most `maxMs`, each ending on a multiple
 * of `alignMs` where possible (whole days, whole half-hours), so shards tile the range.
 */
export function shardRange(
  from: number,
  to: number,
  maxMs: number,
  alignMs = 1,
): [number, number][] {
  const out: [number, number][] = [];
  for (let a = from; a < to;) {
    let b = Math.floor((a + maxMs) / alignMs) * alignMs;
    if (b <= a) b = a + maxMs;
    b = Math.min(to, b);
    out.push([a, b]);
    a = b;
  }
  return out;
}
