// A careless peer: wraps any provider mock so that its error answers quote the request
// back (the Authorization header, the query and the body, and the body base64-encoded, as
// some gateways put it in a request id), the way real APIs have echoed credentials in
// validation errors. The provider's own error shape is kept: the echo is appended to the
// message fields it already has (DRF `detail`, OAuth `error_description`, GraphQL
// `errors[].message`, the bridge's `error.message`), or added as `detail`.
import { Buffer } from 'node:buffer';
import type { HttpResponse } from '../../shared/http';
import { type MockHandler, type MockRequest, serveMock } from './mock-http';

const MESSAGE_KEYS = new Set([
  'detail',
  'message',
  'error_description',
  'description',
  'errorDescription',
  'title',
]);

export function quoteRequest(req: MockRequest): string {
  return (
    `you sent ${req.method} ${req.path} with Authorization: ${req.headers.authorization ?? '(none)'}` +
    `, body ${req.body || '(none)'} (request id ${Buffer.from(req.body || req.path).toString('base64')})`
  );
}

function appendEcho(value: unknown, echo: string): { value: unknown; echoed: boolean } {
  if (Array.isArray(value)) {
    let echoed = false;
    const out = value.map((v) => {
      const r = appendEcho(v, echo);
      echoed ||= r.echoed;
      return r.value;
    });
    return { value: out, echoed };
  }
  if (value === null || typeof value !== 'object') return { value, echoed: false };
  let echoed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (MESSAGE_KEYS.has(k) && typeof v === 'string') {
      out[k] = `${v} (${echo})`;
      echoed = true;
    } else {
      const r = appendEcho(v, echo);
      out[k] = r.value;
      echoed ||= r.echoed;
    }
  }
  return { value: out, echoed };
}

function echoed(req: MockRequest, res: HttpResponse, counter: { echoes: number }): HttpResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    parsed = undefined;
  }
  const graphqlErrors =
    parsed !== null &&
    typeof parsed === 'object' &&
    Array.isArray((parsed as { errors?: unknown }).errors);
  if (res.status < 400 && !graphqlErrors) return res;
  counter.echoes++;
  const echo = quoteRequest(req);
  if (parsed === undefined || parsed === null || typeof parsed !== 'object')
    return { ...res, body: `${res.body}\n${echo}` };
  // A GraphQL answer keeps its data untouched: only the errors get the echo.
  if (graphqlErrors) {
    const p = parsed as { errors: unknown[] };
    return { ...res, body: JSON.stringify({ ...p, errors: appendEcho(p.errors, echo).value }) };
  }
  const r = appendEcho(parsed, echo);
  const body = r.echoed ? r.value : { ...(r.value as object), detail: echo };
  return { ...res, body: JSON.stringify(body) };
}

/** The handler, echoing requests into its error answers; `echoes` counts them. */
export function echoing(handler: MockHandler): MockHandler & { echoes: number } {
  const counter = { echoes: 0 };
  const wrapped = ((req: MockRequest) => {
    const res = handler(req);
    return res instanceof Promise
      ? res.then((r) => echoed(req, r, counter))
      : echoed(req, res, counter);
  }) as MockHandler & { echoes: number };
  Object.defineProperty(wrapped, 'echoes', { get: () => counter.echoes });
  return wrapped;
}

/** Every route of a mock, echoing. */
export function echoingRoutes(routes: Record<string, MockHandler>): Record<string, MockHandler> {
  return Object.fromEntries(Object.entries(routes).map(([o, h]) => [o, echoing(h)]));
}

const ISSUED_KEYS = ['access_token', 'refresh_token', 'token', 'refreshToken'];

function collectIssued(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) return value.forEach((v) => collectIssued(v, into));
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value))
    if (ISSUED_KEYS.includes(k) && typeof v === 'string' && v.length >= 16) into.add(v);
    else collectIssued(v, into);
}

/**
 * Wraps every route so that the credentials a peer ISSUES (OAuth access and refresh
 * tokens, Kraken JWTs and refresh tokens) are recorded: they are secrets too, and leak
 * checks look for them beside the planted ones.
 */
export function recordingIssued(routes: Record<string, MockHandler>): {
  routes: Record<string, MockHandler>;
  issued: Set<string>;
} {
  const issued = new Set<string>();
  const record = (res: HttpResponse): HttpResponse => {
    if (res.status >= 200 && res.status < 300)
      try {
        collectIssued(JSON.parse(res.body), issued);
      } catch {
        // not JSON: nothing issued
      }
    return res;
  };
  return {
    issued,
    routes: Object.fromEntries(
      Object.entries(routes).map(([origin, h]) => [
        origin,
        ((req: MockRequest) => {
          const res = h(req);
          return res instanceof Promise ? res.then(record) : record(res);
        }) as MockHandler,
      ]),
    ),
  };
}

/**
 * A provider mock turned careless (`echoing`) and served on 127.0.0.1, recording what it
 * issues: what the host leak tests run each provider against.
 */
export async function serveEchoing(handler: MockHandler) {
  const echo = echoing(handler);
  const { routes, issued } = recordingIssued({ mock: echo });
  const server = await serveMock(routes.mock);
  return { echo, issued, server };
}
