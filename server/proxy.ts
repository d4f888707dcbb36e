// The pass-through for providers that send no CORS headers: the task pane's fetch falls
// back to `/proxy?url=…` (excel-addin/functions/cors-fetch.ts). Requests pass through
// unchanged, credentials included, but only to allow-listed hosts, only from this add-in's
// own pages (a custom header that cross-site pages cannot send without a preflight, which
// is never granted, plus an Origin check), and nothing secret is logged: one line per
// request with method, host, path (no query string, long path segments elided) and status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  PROXY_ANSWER_HEADER,
  PROXY_ERROR_HEADER,
  PROXY_HEADER,
  PROXY_REFUSED_HEADER,
} from '../excel-addin/functions/cors-fetch';
import { type AllowList, isAllowed } from './allow-list';

export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  // fetch negotiates and undoes its own compression.
  'accept-encoding',
]);
/** Request headers that describe the page, not the API call: never forwarded. */
const PAGE_HEADERS = new Set([
  'cookie',
  'origin',
  'referer',
  PROXY_HEADER,
  'sec-fetch-site',
  'sec-fetch-mode',
  'sec-fetch-dest',
]);
/** Response headers the pass-through must not relay (it re-encodes the body). */
const DROP_RESPONSE = new Set([
  'set-cookie',
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

export interface ProxyContext {
  allow: AllowList;
  /** Origins whose pages may use the proxy (this server's own). */
  ownOrigins: Set<string>;
  log: (line: string) => void;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** The URL as it may appear in a log: no query, no fragment, long segments elided. */
export function loggableUrl(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((seg) => (seg.length >= 20 ? '…' : seg))
    .join('/');
  return `${url.protocol}//${url.host}${path}`;
}

function deny(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    [PROXY_ANSWER_HEADER]: '1',
    [PROXY_REFUSED_HEADER]: '1',
  });
  res.end(JSON.stringify({ error: message }));
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function handleProxy(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ProxyContext,
): Promise<void> {
  const started = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'OPTIONS') return deny(res, 403, 'the proxy serves this add-in only');
  if (req.headers[PROXY_HEADER] === undefined)
    return deny(res, 403, `missing ${PROXY_HEADER} header`);
  const origin = req.headers.origin;
  if (origin !== undefined && !ctx.ownOrigins.has(origin))
    return deny(res, 403, 'the proxy serves this add-in only');
  const raw = new URL(req.url ?? '/', 'http://proxy.invalid').searchParams.get('url');
  let target: URL;
  try {
    target = new URL(raw ?? '');
  } catch {
    return deny(res, 400, 'url: expected an absolute http(s) URL');
  }
  if (!isAllowed(ctx.allow, target)) {
    ctx.log(`proxy refused ${method} ${loggableUrl(target)}: host not allowed`);
    return deny(res, 403, `host not allowed: ${target.host}`);
  }
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  if (body === null) return deny(res, 413, `request body over ${MAX_BODY_BYTES} bytes`);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    const key = k.toLowerCase();
    if (v === undefined || HOP_BY_HOP.has(key) || PAGE_HEADERS.has(key)) continue;
    headers.set(key, Array.isArray(v) ? v.join(', ') : v);
  }
  let upstream: Response;
  const fail = (reason: string) => {
    ctx.log(`proxy ${method} ${loggableUrl(target)}: ${reason} after ${Date.now() - started} ms`);
    res.writeHead(502, {
      'content-type': 'text/plain',
      [PROXY_ERROR_HEADER]: reason,
      [PROXY_ANSWER_HEADER]: '1',
      'cache-control': 'no-store',
    });
    res.end(reason);
  };
  try {
    let url = target;
    for (let hops = 0; ; hops++) {
      upstream = await ctx.fetch(url, {
        method,
        headers,
        body: body ? new Uint8Array(body) : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(ctx.timeoutMs),
      });
      const location = upstream.headers.get('location');
      if (upstream.status < 300 || upstream.status >= 400 || !location) break;
      const next = new URL(location, url);
      // Never hand the page a way around the allow-list (or credentials to another host).
      if (!isAllowed(ctx.allow, next))
        return fail(`redirected to ${next.host}, which is not allowed`);
      if (hops >= MAX_REDIRECTS) return fail('too many redirects');
      url = next;
    }
  } catch (e) {
    const err = e as { name?: string; cause?: { code?: string }; message?: string };
    return fail(
      err.name === 'TimeoutError' || err.name === 'AbortError'
        ? `no answer within ${Math.round(ctx.timeoutMs / 1000)} s`
        : (err.cause?.code ?? 'network error'),
    );
  }
  const out: Record<string, string> = { 'cache-control': 'no-store', [PROXY_ANSWER_HEADER]: '1' };
  upstream.headers.forEach((v, k) => {
    if (!DROP_RESPONSE.has(k.toLowerCase())) out[k] = v;
  });
  const data = Buffer.from(await upstream.arrayBuffer());
  res.writeHead(upstream.status, out);
  res.end(method === 'HEAD' ? undefined : data);
  ctx.log(
    `proxy ${method} ${loggableUrl(target)} → ${upstream.status} in ${Date.now() - started} ms`,
  );
}
