// fetch that reaches providers whether or not they send CORS headers. A request goes
// straight to the provider first; if the browser refuses it (no CORS headers, or plain
// http from an https page) it is sent again through the add-in server's pass-through
// (`/proxy`, allowed only to the providers' hosts), and that provider's origin goes
// through the proxy from then on.
//
// Resending is safe because of what the browser does with a refused request: one that
// needs a preflight (an Authorization header, a JSON body…) was never sent, and a simple
// GET/HEAD is harmless to repeat. A simple POST (a form-encoded token request, say) would
// have reached the provider before its answer was withheld, so it is sent through the
// proxy first and goes direct only if the proxy will not take it.
//
// The hosted add-in (static files on any HTTPS host) has no pass-through: a provider the
// browser refuses then gets an error that says to run the local server for it.
import { urlOrigin } from '../../shared/http';

export const PROXY_PATH = '/proxy';
/** Marks a request as the add-in's own: a header no cross-site page can send without a preflight, which the proxy never grants. */
export const PROXY_HEADER = 'x-meter-sheets-proxy';
/** Set by the proxy on every answer of its own: a static host (the hosted add-in) has no proxy. */
export const PROXY_ANSWER_HEADER = 'x-meter-sheets-proxied';
/** Set by the proxy when the provider could not be reached at all. */
export const PROXY_ERROR_HEADER = 'x-meter-sheets-proxy-error';
/** Set by the proxy when it will not forward to that host. */
export const PROXY_REFUSED_HEADER = 'x-meter-sheets-proxy-refused';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

function originOf(url: string): string | null {
  const o = urlOrigin(url);
  return o ? `${o.scheme}://${o.host}${o.port ? ':' + o.port : ''}` : null;
}

function isAbort(e: unknown): boolean {
  const name = (e as { name?: string })?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

const SAFELISTED_HEADERS = new Set([
  'accept',
  'accept-language',
  'content-language',
  'content-type',
]);
const SIMPLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Whether a browser sends this request without a preflight (a CORS "simple" request). */
export function isSimpleRequest(method: string, headers: Headers): boolean {
  if (!['GET', 'HEAD', 'POST'].includes(method.toUpperCase())) return false;
  let simple = true;
  headers.forEach((value, name) => {
    if (!SAFELISTED_HEADERS.has(name.toLowerCase())) simple = false;
    else if (name.toLowerCase() === 'content-type') {
      const type = value.split(';')[0].trim().toLowerCase();
      if (!SIMPLE_TYPES.includes(type)) simple = false;
    }
  });
  return simple;
}

/** Why a provider cannot be reached from the hosted add-in, and what to do about it. */
export function noPassThroughMessage(providerOrigin: string): string {
  const host = providerOrigin.replace(/^[a-z]+:\/\//, '');
  return (
    `${host} does not answer web pages (it sends no CORS headers), and this add-in is ` +
    'served without the local pass-through: run the local server (npx meter-sheets serve) ' +
    'and use the add-in it serves for this provider'
  );
}

export interface CorsAwareFetch extends FetchLike {
  /** Provider origins that are being reached through the proxy. */
  readonly proxied: ReadonlySet<string>;
}

/**
 * @param proxyOrigin the add-in server's origin (the page's), or null where there is no
 *   proxy (Node, tests): then every request goes direct.
 */
export function corsAwareFetch(base: FetchLike, proxyOrigin: string | null): CorsAwareFetch {
  const proxied = new Set<string>();
  const direct = new Set<string>();
  /** Whether the page's origin answered as the pass-through (null: not asked yet). */
  let hasProxy: boolean | null = null;

  async function viaProxy(url: string, init: RequestInit | undefined): Promise<Response> {
    const headers = new Headers(init?.headers);
    headers.set(PROXY_HEADER, '1');
    const res = await base(`${proxyOrigin}${PROXY_PATH}?url=${encodeURIComponent(url)}`, {
      ...init,
      headers,
    });
    if (!res.headers.get(PROXY_ANSWER_HEADER)) {
      // A static host answered (404, an HTML page…): there is no pass-through here.
      hasProxy = false;
      throw new TypeError(noPassThroughMessage(originOf(url) ?? url));
    }
    hasProxy = true;
    const failure = res.headers.get(PROXY_ERROR_HEADER);
    // The provider gave no answer: report it as the network failure it is (status 0).
    if (failure) throw new TypeError(failure);
    return res;
  }

  const f = async (url: string, init?: RequestInit): Promise<Response> => {
    const origin = originOf(url);
    if (!proxyOrigin || !origin || origin === proxyOrigin) return base(url, init);
    if (proxied.has(origin)) return viaProxy(url, init);
    const method = (init?.method ?? 'GET').toUpperCase();
    if (
      hasProxy !== false &&
      !direct.has(origin) &&
      method === 'POST' &&
      isSimpleRequest(method, new Headers(init?.headers))
    ) {
      const res = await viaProxy(url, init).catch(() => null);
      if (res && !res.headers.get(PROXY_REFUSED_HEADER)) {
        proxied.add(origin);
        return res;
      }
    }
    try {
      const res = await base(url, init);
      direct.add(origin);
      return res;
    } catch (e) {
      if (isAbort(e)) throw e;
      if (hasProxy === false) throw new TypeError(noPassThroughMessage(origin));
      const res = await viaProxy(url, init);
      proxied.add(origin);
      return res;
    }
  };
  return Object.assign(f, { proxied });
}
