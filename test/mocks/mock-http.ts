// Provider mocks are real HTTP peers: each is a handler from request to response that
// keeps its own state. The same handler runs in-process (as the core's fetch driver,
// sync or async) and as a real server on 127.0.0.1, so the CLI and the hosts can be
// pointed at it with --base-url.
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AsyncIO, CacheEntry, SyncIO } from '../../shared/flow';
import type { HttpRequest, HttpResponse } from '../../shared/http';

export interface MockRequest {
  method: string;
  /** Path and query, e.g. /meters/api/v1/meters/?x=1 */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

export type MockHandler = (req: MockRequest) => HttpResponse | Promise<HttpResponse>;

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export function text(status: number, body: string, contentType = 'text/plain'): HttpResponse {
  return { status, headers: { 'content-type': contentType }, body };
}

function toMockRequest(
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  body: string,
): MockRequest {
  const q = pathAndQuery.indexOf('?');
  const query: Record<string, string> = {};
  if (q >= 0) new URLSearchParams(pathAndQuery.slice(q + 1)).forEach((v, k) => (query[k] = v));
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  return { method: method.toUpperCase(), path: pathAndQuery, query, headers: lower, body };
}

/** The request as the mock sees it, from a core HttpRequest aimed at `base`. */
export function fromHttpRequest(r: HttpRequest): MockRequest {
  const u = new URL(r.url);
  return toMockRequest(r.method, u.pathname + u.search, r.headers ?? {}, r.body ?? '');
}

export interface Recorded {
  requests: HttpRequest[];
  batches: number[];
}

/**
 * A synchronous in-process driver: every request goes to the handler registered for its
 * origin (e.g. https://app.powershaper.io). Handlers must answer synchronously here.
 */
export function syncMockIO(
  routes: Record<string, MockHandler>,
  record: Recorded = { requests: [], batches: [] },
): SyncIO & {
  record: Recorded;
  cache: Map<string, string>;
} {
  const cache = new Map<string, string>();
  return {
    record,
    cache,
    fetchAll(requests) {
      record.batches.push(requests.length);
      return requests.map((r) => {
        record.requests.push(r);
        const handler = routes[new URL(r.url).origin];
        if (!handler) return { status: 0, headers: {}, body: '', error: 'ENOTFOUND' };
        const res = handler(fromHttpRequest(r));
        if (res instanceof Promise) throw new Error('async mock handler in a sync driver');
        return res;
      });
    },
    cacheGet: (keys) => keys.map((k) => cache.get(k) ?? null),
    cachePut: (entries: CacheEntry[]) => entries.forEach((e) => cache.set(e.key, e.value)),
    cacheRemove: (keys) => keys.forEach((k) => cache.delete(k)),
    sleep: () => undefined,
  };
}

/** The asynchronous twin of syncMockIO. */
export function asyncMockIO(
  routes: Record<string, MockHandler>,
  record: Recorded = { requests: [], batches: [] },
): AsyncIO & {
  record: Recorded;
  cache: Map<string, string>;
} {
  const cache = new Map<string, string>();
  return {
    record,
    cache,
    async fetchAll(requests) {
      record.batches.push(requests.length);
      return Promise.all(
        requests.map(async (r) => {
          record.requests.push(r);
          const handler = routes[new URL(r.url).origin];
          if (!handler) return { status: 0, headers: {}, body: '', error: 'ENOTFOUND' };
          return handler(fromHttpRequest(r));
        }),
      );
    },
    cacheGet: async (keys) => keys.map((k) => cache.get(k) ?? null),
    cachePut: async (entries: CacheEntry[]) => entries.forEach((e) => cache.set(e.key, e.value)),
    cacheRemove: async (keys) => keys.forEach((k) => cache.delete(k)),
    sleep: async () => undefined,
  };
}

export interface RunningMock {
  /** http://127.0.0.1:PORT */
  origin: string;
  server: Server;
  /** Requests the server has answered, in order. */
  requests: MockRequest[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Serves a handler on 127.0.0.1 (port 0 = any free port). `latencyMs` delays every answer,
 * for benchmarks of parallel against sequential fetching.
 */
export async function serveMock(
  handler: MockHandler,
  options: { port?: number; latencyMs?: number } = {},
): Promise<RunningMock> {
  const requests: MockRequest[] = [];
  const server = createServer(async (req, res) => {
    try {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const mreq = toMockRequest(req.method ?? 'GET', req.url ?? '/', headers, await readBody(req));
      requests.push(mreq);
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      const out = await handler(mreq);
      res.writeHead(out.status, out.headers);
      res.end(out.body);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`mock failed: ${(e as Error).message}`);
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A failure a mock can be told to produce, whatever the provider. */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'html'; status?: number } // an HTML error page, as proxies and load balancers send
  | { kind: 'malformed-json' }
  | { kind: 'truncated' } // the real answer, cut off mid-way
  | { kind: 'slow'; ms: number } // the real answer, late
  | { kind: 'drop' } // no answer at all (connection reset / refused)
  /** The real answer, rewritten (e.g. a GraphQL `errors` array next to partial `data`). */
  | { kind: 'rewrite'; rewrite: (real: HttpResponse) => HttpResponse };

export interface FaultPlan {
  queue: Fault[];
  /** Only requests for which this holds get faults (the others pass untouched). */
  when?: (req: MockRequest) => boolean;
  /** Let this many matching requests through first: a fault mid-way through a batch. */
  skip?: number;
  /**
   * A virtual clock: `slow` moves it on instead of really waiting, which keeps the handler
   * synchronous (syncMockIO, the Apps Script harness).
   */
  clock?: { advance(ms: number): void };
  /** Faults served so far. */
  served?: number;
}

const HTML_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>';

/** Applies a fault to a request, given a way to get the real answer (sync or not). */
function faulty(
  fault: Fault,
  real: () => HttpResponse | Promise<HttpResponse>,
  plan: FaultPlan,
): HttpResponse | Promise<HttpResponse> {
  const then = (f: (r: HttpResponse) => HttpResponse) => {
    const r = real();
    return r instanceof Promise ? r.then(f) : f(r);
  };
  switch (fault.kind) {
    case 'status':
      return { status: fault.status, headers: fault.headers ?? {}, body: fault.body ?? '' };
    case 'html':
      return text(fault.status ?? 502, HTML_PAGE, 'text/html');
    case 'malformed-json':
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"results": [{"consumption": 0.1,}]}',
      };
    case 'truncated':
      return then((r) => ({ ...r, body: r.body.slice(0, Math.floor(r.body.length / 2)) }));
    case 'slow':
      if (plan.clock) {
        plan.clock.advance(fault.ms);
        return real();
      }
      return new Promise((resolve) => setTimeout(resolve, fault.ms)).then(real);
    case 'drop':
      return { status: 0, headers: {}, body: '', error: 'ECONNRESET' };
    case 'rewrite':
      return then(fault.rewrite);
  }
}

/**
 * Wraps a handler so that the next requests matching `when` (after `skip` of them) get the
 * queued faults, one each, in order; then it answers normally again. Tests push faults
 * onto `plan.queue`. Synchronous when the handler is (and `slow` has a virtual clock).
 */
export function withFaults(handler: MockHandler, plan: FaultPlan): MockHandler {
  return (req) => {
    if (plan.queue.length === 0 || (plan.when && !plan.when(req))) return handler(req);
    if (plan.skip && plan.skip > 0) {
      plan.skip--;
      return handler(req);
    }
    const fault = plan.queue.shift() as Fault;
    plan.served = (plan.served ?? 0) + 1;
    return faulty(fault, () => handler(req), plan);
  };
}
