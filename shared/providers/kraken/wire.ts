// GraphQL over HTTP as Kraken speaks it: a POST of {query, variables, operationName}, the
// token in a bare `Authorization: <token>` header (Kraken's documented form; no "Bearer"
// or "JWT" prefix), and an answer that is HTTP 200 whether or not it worked.
// Each operation's query and the reading of its data sit beside the flow that sends it
// (meters.ts, measurements.ts, telemetry.ts; the token mint in auth.ts).
import { MeterError } from '../../errors';
import { type HttpRequest, type HttpResponse, unreadableMessage } from '../../http';
import { responseError } from '../common';
import {
  EXPIRED_TOKEN_CODES,
  type GraphqlErrorEntry,
  TOO_MANY_REQUESTS,
  errorCodeOf,
  krakenError,
  mainError,
} from './errors';

export interface GraphqlOperation {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  /** What it fetches, for error messages: "the meters of A-1234ABCD". */
  what: string;
  /**
   * Whether sending it twice is harmless. Default: queries are, mutations are not (a token
   * mint says so itself: a second token spoils nothing).
   */
  idempotent?: boolean;
}

export function graphqlRequest(url: string, op: GraphqlOperation, token?: string): HttpRequest {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
  if (token) headers.Authorization = token;
  return {
    method: 'POST',
    url,
    headers,
    idempotent: op.idempotent ?? !/^\s*mutation\b/.test(op.query),
    body: JSON.stringify({
      operationName: op.operationName,
      query: op.query,
      variables: op.variables,
    }),
  };
}

/** Kraken's own "slow down" and "internal error" codes: worth another try, like a 429 or 503. */
const RETRYABLE_CODES = [TOO_MANY_REQUESTS, 'KT-CT-7899'];

/** Whether an HTTP 200 carries an error that a later try may not get (see RETRYABLE_CODES). */
export function isRetryableAnswer(response: HttpResponse): boolean {
  // Cheap test first: most answers are data, some of them large.
  if (!RETRYABLE_CODES.some((code) => response.body.includes(code))) return false;
  const outcome = classify(response, '');
  return outcome.kind === 'error' && RETRYABLE_CODES.includes(outcome.code);
}

export type Outcome =
  | { kind: 'data'; data: Record<string, unknown> }
  | { kind: 'expired'; error: MeterError }
  | { kind: 'error'; error: MeterError; code: string };

/**
 * What a response means. An `errors` array always wins over `data`: Kraken returns partial
 * data (some fields null) next to errors, and treating that as the answer would turn a
 * failure into silently missing meters or readings.
 */
export function classify(response: HttpResponse, what: string): Outcome {
  let body: { data?: unknown; errors?: unknown } | null = null;
  try {
    body = JSON.parse(response.body) as { data?: unknown; errors?: unknown };
  } catch {
    body = null;
  }
  if (body && typeof body === 'object' && Array.isArray(body.errors) && body.errors.length > 0) {
    const entries = body.errors as GraphqlErrorEntry[];
    const main = mainError(entries);
    const error = krakenError(main, what);
    if (EXPIRED_TOKEN_CODES.includes(errorCodeOf(main))) return { kind: 'expired', error };
    return { kind: 'error', error, code: errorCodeOf(main) };
  }
  const failed = responseError(response, 'Kraken', what);
  if (failed) return { kind: 'error', error: failed, code: '' };
  if (body === null)
    return {
      kind: 'error',
      error: new MeterError('provider', unreadableMessage(response, `Kraken (${what})`)),
      code: '',
    };
  if (!body.data || typeof body.data !== 'object')
    return {
      kind: 'error',
      error: new MeterError('provider', `Kraken answered ${what} without data`),
      code: '',
    };
  return { kind: 'data', data: body.data as Record<string, unknown> };
}
