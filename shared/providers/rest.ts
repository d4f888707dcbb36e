// What the REST providers (PowerShaper, Octopus) share beyond common.ts: a retry budget
// that fits the host, the base URL from settings, and errors that name what was wrong
// without repeating a response body (providers echo credentials back in error bodies).
import { MeterError } from '../errors';
import type { Flow } from '../flow';
import type { HttpRequest, HttpResponse } from '../http';
import { fetchWithRetry, responseError, retryPolicy } from './common';
import type { ProviderContext } from './provider';

/** GETs with bounded retries (429, 5xx, no answer) within the host's time budget. */
export function* getWithRetry(ctx: ProviderContext, requests: HttpRequest[]): Flow<HttpResponse[]> {
  return yield* fetchWithRetry(requests, retryPolicy(ctx));
}

/** The settings' base URL without a trailing slash, else the provider's default. */
export function baseUrlOf(ctx: ProviderContext, fallback: string): string {
  const v = ctx.config.baseUrl;
  return (typeof v === 'string' && v.trim() ? v.trim() : fallback).replace(/\/+$/, '');
}

/**
 * The names of the fields a Django REST framework 400 answer complains about
 * (`{"start": ["Enter a valid date."]}` → start). Only the names: never the messages.
 */
export function rejectedFields(response: HttpResponse): string[] {
  try {
    const body = JSON.parse(response.body) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body))
      return Object.keys(body)
        .filter((k) => /^[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(k) && k !== 'detail')
        .slice(0, 5);
  } catch {
    // not JSON: nothing to name
  }
  return [];
}

export interface ErrorWording {
  provider: string;
  /** What the request was for, e.g. "the meter list". */
  what: string;
  /** Said on 401/403, e.g. "copy the access token again from …". */
  authHint: string;
  /** Said on 404, when a missing resource means something specific. */
  notFound?: () => MeterError;
}

/** Throws a clear MeterError for a failed response; returns it unchanged when it is 2xx. */
export function expectOk(response: HttpResponse, wording: ErrorWording): HttpResponse {
  const s = response.status;
  if (s >= 200 && s < 300) return response;
  if (s === 401 || s === 403)
    throw new MeterError(
      'auth',
      `${wording.provider} refused the credentials for ${wording.what} (HTTP ${s}); ${wording.authHint}`,
    );
  if (s === 404 && wording.notFound) throw wording.notFound();
  if (s === 400) {
    const fields = rejectedFields(response);
    throw new MeterError(
      'provider',
      `${wording.provider} rejected the request for ${wording.what} (HTTP 400${fields.length ? ': ' + fields.join(', ') : ''})`,
    );
  }
  throw responseError(response, wording.provider, wording.what) as MeterError;
}
