// HTTP as plain data, plus the small encoders Apps Script lacks (no URL, URLSearchParams,
// TextEncoder or btoa there): query strings, base64, UTF-8.
import { MeterError } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /**
   * Sending it twice does no harm (a GraphQL query, a token request): it may be retried
   * and, in hosts that coalesce, shared with an identical request in flight. GETs are
   * idempotent without saying so. Drivers do not send this field.
   */
  idempotent?: boolean;
}

/** Whether a request may be sent again (or shared) without changing anything twice. */
export function isIdempotent(r: HttpRequest): boolean {
  return r.method === 'GET' || r.idempotent === true;
}

export interface HttpResponse {
  /** HTTP status; 0 when no answer came (network error, refused, timed out). */
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** Why there was no answer, when status is 0. Never includes request headers. */
  error?: string;
}

export type QueryValue = string | number | boolean | null | undefined;

/** `a=1&b=x%20y`, skipping null/undefined values, keys in the order given. */
export function queryString(params: Record<string, QueryValue>): string {
  const parts: string[] = [];
  for (const key of Object.keys(params)) {
    const v = params[key];
    if (v === null || v === undefined) continue;
    parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(String(v)));
  }
  return parts.join('&');
}

/** Joins a base URL and a path with exactly one slash, and appends a query string. */
export function buildUrl(base: string, path: string, params?: Record<string, QueryValue>): string {
  let url = base.replace(/\/+$/, '');
  if (path) url += '/' + path.replace(/^\/+/, '');
  const q = params ? queryString(params) : '';
  if (q) url += (url.includes('?') ? '&' : '?') + q;
  return url;
}

/** Parses `a=1&b=2` (also the part after `?` of a URL). Later keys win. */
export function parseQuery(text: string): Record<string, string> {
  const q = text.includes('?') ? text.slice(text.indexOf('?') + 1) : text;
  // No prototype: a key such as "__proto__" is data, not a way to reach Object.prototype.
  const out: Record<string, string> = Object.create(null);
  for (const part of q.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    out[decodeURIComponent(k.replace(/\+/g, ' '))] = decodeURIComponent(v.replace(/\+/g, ' '));
  }
  return out;
}

/** Scheme and host of a URL (`https://api.example.com:8443`), or null if it is not one. */
export function urlOrigin(
  url: string,
): { scheme: string; host: string; port: string; path: string } | null {
  // The whole authority must be host[:port]: with user:password@ in front, the host is
  // what follows the @ (http://127.0.0.1@example.com is example.com), so refuse those.
  const m = /^(https?):\/\/([^/?#:@]+|\[[^\]@]+\])(?::(\d+))?(?=[/?#]|$)([^?#]*)/i.exec(url);
  if (!m) return null;
  return {
    scheme: m[1].toLowerCase(),
    host: m[2].toLowerCase(),
    port: m[3] ?? '',
    path: m[4] || '/',
  };
}

export function utf8Encode(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      bytes.push(
        0xf0 | (c >> 18),
        0x80 | ((c >> 12) & 63),
        0x80 | ((c >> 6) & 63),
        0x80 | (c & 63),
      );
  }
  return bytes;
}

export function utf8Decode(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i++];
    let c: number;
    if (b < 0x80) c = b;
    else if (b < 0xe0) c = ((b & 31) << 6) | (bytes[i++] & 63);
    else if (b < 0xf0) c = ((b & 15) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63);
    else
      c =
        ((b & 7) << 18) | ((bytes[i++] & 63) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63);
    if (c >= 0x10000) {
      c -= 0x10000;
      out += String.fromCharCode(0xd800 + (c >> 10), 0xdc00 + (c & 1023));
    } else out += String.fromCharCode(c);
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(text: string): string {
  const bytes = utf8Encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

/** Decodes standard or URL-safe base64 (padding optional) to text. */
export function base64Decode(b64: string): string {
  const clean = b64.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) throw new Error('invalid base64');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 255);
    }
  }
  return utf8Decode(bytes);
}

/** `Authorization` value for HTTP Basic. */
export function basicAuth(user: string, password: string): string {
  return 'Basic ' + base64Encode(user + ':' + password);
}

/**
 * A short, stable, non-reversible fingerprint (two 32-bit FNV-1a passes, 16 hex chars):
 * cache keys use it so that they never contain a credential or grow past a host's limit.
 */
export function fingerprint(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Parses a JSON response body, with a clear error naming the provider when it is not JSON. */
export function parseJsonBody<T = unknown>(response: HttpResponse, provider: string): T {
  try {
    return JSON.parse(response.body) as T;
  } catch {
    throw new MeterError('provider', unreadableMessage(response, provider));
  }
}

/**
 * What to tell a user about a body that is not the JSON asked for: an HTML page (a proxy's
 * or a login page), an answer cut off part-way (the connection broke), or something else.
 * Never the parser's own words ("Unexpected end of JSON input") and never the body.
 */
export function unreadableMessage(response: HttpResponse, provider: string): string {
  const body = response.body.trim();
  const status = `HTTP ${response.status}`;
  if (body === '') return `${provider} sent an empty answer (${status}); try again`;
  if (body.startsWith('<'))
    return `${provider} sent a web page instead of data (${status}), as a proxy, portal or maintenance page does; try again later`;
  if (/^[[{]/.test(body) && looksCutOff(body))
    return `${provider} sent an incomplete answer (${status}, cut off part-way); try again`;
  return `${provider} sent an answer that is not readable data (${status}); try again later`;
}

/**
 * Whether a successful answer is visibly cut off: JSON that opens an object or array and
 * does not close one. O(1), so it can be asked of every answer (a year of half-hours is a
 * few MB); one that ends in a bracket and is still cut off is caught by the parser later.
 */
export function endsMidway(response: HttpResponse): boolean {
  const body = response.body;
  let a = 0;
  while (a < body.length && body.charCodeAt(a) <= 32) a++;
  let b = body.length - 1;
  while (b > a && body.charCodeAt(b) <= 32) b--;
  const first = body[a];
  return (first === '{' || first === '[') && body[b] !== '}' && body[b] !== ']';
}

/** Whether JSON text ends inside an open object, array or string: a truncated transfer. */
function looksCutOff(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return inString || depth > 0;
}
