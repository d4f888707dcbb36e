/// <reference types="google-apps-script" />
// The synchronous driver for the core's flows in Apps Script: each fetch batch goes out
// through one UrlFetchApp.fetchAll, caches go to the user's CacheService, pauses to
// Utilities.sleep. It keeps to a time budget (a custom function is stopped after 30 s),
// refusing to start work that would not finish, with a message saying what to do instead.
// What a flow marks exclusive (obtaining a token) runs under a user lock, so cells
// recalculating together obtain one token between them rather than one each.
import { MeterError } from '../shared/errors';
import type { CacheEntry, SyncIO } from '../shared/flow';
import type { HttpRequest, HttpResponse } from '../shared/http';
import { urlOrigin } from '../shared/http';
import type { ChunkedCache } from './cache';
import { isPrivateHost, isWhitelisted } from './whitelist';

export interface Budget {
  /** What is running, for messages: `METER_USAGE`, `The import`. */
  label: string;
  startedAt: number;
  /** No new request batch or pause may start after this long (ms). */
  workMs: number;
  /** The host's hard limit, for the message. */
  limit: string;
  /** What the user can do instead. */
  hint: string;
}

export const CUSTOM_FUNCTION_WORK_MS = 20_000;
/** Fetching in a menu command or panel call: at most this long, less what writing needs. */
export const MENU_WORK_MS = 280_000;
/** Apps Script stops a menu command or panel call after six minutes. */
export const MENU_RUN_MS = 360_000;
/** Kept free at the end of a run: the closing toast and the answer to the panel. */
export const MENU_END_MARGIN_MS = 15_000;

export interface FetchStats {
  requests: number;
  batches: number;
}

export interface SheetsIOOptions {
  cache: ChunkedCache;
  budget: Budget;
  /** The urlFetchWhitelist in force. */
  whitelist: string[];
  now: () => number;
  /** Called after each batch (progress toasts for long imports). */
  onBatch?: (stats: FetchStats) => void;
}

export type SheetsIO = SyncIO & { stats: FetchStats; release(): void };

const LOCK_WAIT_MS = 10_000;

function outOfTime(budget: Budget, stats: FetchStats, why = ''): MeterError {
  return new MeterError(
    'unavailable',
    `${budget.label} cannot finish within the ${budget.limit}${why} ` +
      `(${stats.requests} requests in ${stats.batches} round trips so far). ${budget.hint}`,
  );
}

/** Refuses, with the reason, a URL Apps Script could not or would not fetch. */
export function checkFetchable(url: string, whitelist: string[]): void {
  const o = urlOrigin(url);
  if (!o)
    throw new MeterError(
      'config',
      // Without any user:password@ part: that is a credential.
      `cannot fetch "${url.replace(/\/\/[^/?#]*@/, '//…@').slice(0, 60)}": not an http(s) URL without user:password@`,
    );
  if (isPrivateHost(o.host))
    throw new MeterError(
      'unsupported',
      `Google Sheets runs on Google's servers and cannot reach ${o.host}, which is on your own ` +
        'computer or home network; use the meter-sheets command line or Excel on that network, ' +
        'or make the service reachable over HTTPS',
    );
  if (o.scheme !== 'https')
    throw new MeterError(
      'config',
      `Google Sheets fetches only https:// URLs, not http://${o.host}`,
    );
  if (!isWhitelisted(url, whitelist))
    throw new MeterError(
      'config',
      `https://${o.host}/ is not in this add-on's urlFetchWhitelist; add it to appsscript.json ` +
        'and deploy again (npm run deploy:gas)',
    );
}

function toFetchRequest(r: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const headers: Record<string, string> = {};
  let contentType: string | undefined;
  for (const [k, v] of Object.entries(r.headers ?? {})) {
    const lower = k.toLowerCase();
    if (lower === 'content-type') contentType = v;
    else if (lower !== 'host' && lower !== 'content-length') headers[k] = v;
  }
  const out: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
    url: r.url,
    method: r.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
    headers,
    muteHttpExceptions: true,
    followRedirects: true,
  };
  if (contentType) out.contentType = contentType;
  if (r.body !== undefined) out.payload = r.body;
  return out;
}

function fromFetchResponse(res: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  const headers: Record<string, string> = {};
  const all = res.getAllHeaders() as Record<string, string | string[]>;
  for (const k of Object.keys(all)) {
    const v = all[k];
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return { status: res.getResponseCode(), headers, body: res.getContentText() };
}

/** Why UrlFetchApp threw, without echoing the exception (it may quote the URL). */
function noAnswerReason(e: unknown): string {
  const m = String((e as { message?: string })?.message ?? e);
  if (/timed? ?out|timeout/i.test(m)) return 'timed out';
  if (/dns|address unavailable|unknown host/i.test(m)) return 'DNS error';
  if (/ssl|certificate/i.test(m)) return 'TLS error';
  if (/bandwidth|quota|too many times/i.test(m))
    return "Apps Script's URL fetch quota is used up for today";
  return 'network error';
}

/**
 * One batch through fetchAll. `inTime` is asked before every round trip: the batch's,
 * and each of the one-by-one retries below, which can take as long again.
 */
function sendAll(requests: HttpRequest[], inTime: () => void): HttpResponse[] {
  const params = requests.map(toFetchRequest);
  inTime();
  try {
    return UrlFetchApp.fetchAll(params).map(fromFetchResponse);
  } catch {
    // fetchAll throws for the whole batch when one request gets no answer at all; find
    // out which, so each request still gets its own response (status 0 = no answer).
    return params.map((p) => {
      inTime();
      try {
        return fromFetchResponse(UrlFetchApp.fetch(p.url, p));
      } catch (e) {
        return { status: 0, headers: {}, body: '', error: noAnswerReason(e) };
      }
    });
  }
}

function userLock(): GoogleAppsScript.Lock.Lock | null {
  try {
    return LockService.getUserLock() ?? LockService.getDocumentLock();
  } catch {
    return null;
  }
}

export function sheetsIO(options: SheetsIOOptions): SheetsIO {
  const { cache, budget, now } = options;
  const stats: FetchStats = { requests: 0, batches: 0 };
  const deadline = budget.startedAt + budget.workMs;
  let lock: GoogleAppsScript.Lock.Lock | null = null;
  let lockedKey: string | null = null;

  const release = () => {
    if (lock) {
      try {
        lock.releaseLock();
      } catch {
        // already released or expired: nothing to do
      }
    }
    lock = null;
    lockedKey = null;
  };

  return {
    stats,
    release,

    fetchAll(requests) {
      for (const r of requests) checkFetchable(r.url, options.whitelist);
      const responses = sendAll(requests, () => {
        if (now() >= deadline) throw outOfTime(budget, stats);
      });
      stats.requests += requests.length;
      stats.batches += 1;
      options.onBatch?.(stats);
      return responses;
    },

    cacheGet(keys) {
      return cache.get(keys);
    },

    cachePut(entries: CacheEntry[]) {
      cache.put(entries);
    },

    exclusive(key) {
      if (lock) return; // this call holds a turn already
      // Another cell may be doing the same: wait for it (the flow then looks in the cache).
      const l = userLock();
      const wait = Math.min(LOCK_WAIT_MS, deadline - now());
      if (l && wait > 0 && l.tryLock(wait)) {
        lock = l;
        lockedKey = key;
      }
    },

    exclusiveEnd(key) {
      if (lockedKey === key) release();
    },

    cacheRemove(keys) {
      cache.remove(keys);
    },

    sleep(ms) {
      if (now() + ms > deadline)
        throw outOfTime(
          budget,
          stats,
          `: a retry would first have to wait ${Math.ceil(ms / 1000)} s`,
        );
      Utilities.sleep(ms);
    },
  };
}
