// GraphQL over HTTP as Kraken speaks it: a POST of {query, variables, operationName}, the
// token in a bare `Authorization: <token>` header (Kraken's documented form; no "Bearer"
// or "JWT" prefix), and an answer that is HTTP 200 whether or not it worked.
import { MeterError } from '../../errors';
import type { HttpRequest, HttpResponse } from '../../http';
import { responseError } from '../common';
import {
  EXPIRED_TOKEN_CODES,
  type GraphqlErrorEntry,
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
    body: JSON.stringify({
      operationName: op.operationName,
      query: op.query,
      variables: op.variables,
    }),
  };
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
  if (body === null) {
    const html = /^\s*</.test(response.body);
    return {
      kind: 'error',
      error: new MeterError(
        'provider',
        `Kraken answered ${what} with ${html ? 'an HTML page' : 'malformed JSON'} instead of data`,
      ),
      code: '',
    };
  }
  if (!body.data || typeof body.data !== 'object')
    return {
      kind: 'error',
      error: new MeterError('provider', `Kraken answered ${what} without data`),
      code: '',
    };
  return { kind: 'data', data: body.data as Record<string, unknown> };
}
