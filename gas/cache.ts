/// <reference types="google-apps-script" />
// The core's cache effects on Apps Script's CacheService, within its limits: keys of at
// most 250 characters (long ones are hashed), values of at most 100 KB (larger ones are
// gzipped and split over several keys, written together with putAll and read back with
// getAll), entries of at most 6 hours. A generation number in every key lets Refresh
// drop everything at once, since CacheService cannot list or clear a user's keys.
import type { CacheEntry } from '../shared/flow';
import { fingerprint } from '../shared/http';

export const MAX_TTL_SECONDS = 21600;
/** Characters per stored value; compressed values are base64, so this is also bytes. */
const CHUNK_CHARS = 90_000;
/** Past this, a value is not worth caching: it would crowd out the user's 1,000 entries. */
const MAX_CHUNKS = 40;
const MAX_KEY = 200; // below 250, leaving room for a chunk suffix

export interface Compressor {
  compress(text: string): string;
  decompress(data: string): string;
}

/** gzip + base64 with Apps Script's Utilities. */
export const utilitiesCompressor: Compressor = {
  compress: (text) => Utilities.base64Encode(Utilities.gzip(Utilities.newBlob(text)).getBytes()),
  decompress: (data) =>
    Utilities.ungzip(
      Utilities.newBlob(Utilities.base64Decode(data), 'application/x-gzip'),
    ).getDataAsString(),
};

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 2 : 3;
  }
  return n;
}

export interface ChunkedCache {
  get(keys: string[]): (string | null)[];
  put(entries: CacheEntry[]): void;
  remove(keys: string[]): void;
}

/**
 * A cache over `cache` whose keys all start with `namespace`. Stored values carry a tag:
 * `v` + the value, or `z<n>:<fingerprint>` for a value gzipped into n chunks at key#0…
 */
export function chunkedCache(
  cache: GoogleAppsScript.Cache.Cache,
  namespace: string,
  compressor: Compressor = utilitiesCompressor,
): ChunkedCache {
  const physical = (key: string): string => {
    const k = namespace + key;
    if (k.length <= MAX_KEY) return k;
    return namespace + 'h:' + fingerprint(key) + fingerprint(key.split('').reverse().join(''));
  };

  return {
    get(keys) {
      const names = keys.map(physical);
      const found = cache.getAll(names) as Record<string, string>;
      const out: (string | null)[] = names.map((n) => {
        const v = found[n];
        return typeof v === 'string' && v[0] === 'v' ? v.slice(1) : null;
      });
      const chunked: { i: number; parts: string[]; check: string }[] = [];
      names.forEach((n, i) => {
        const m = /^z(\d+):([0-9a-f]+)$/.exec(found[n] ?? '');
        if (!m) return;
        const parts: string[] = [];
        for (let c = 0; c < Number(m[1]); c++) parts.push(`${n}#${c}`);
        chunked.push({ i, parts, check: m[2] });
      });
      if (chunked.length === 0) return out;
      const pieces = cache.getAll(chunked.flatMap((c) => c.parts)) as Record<string, string>;
      for (const c of chunked) {
        if (c.parts.some((p) => typeof pieces[p] !== 'string')) continue; // evicted: a miss
        const data = c.parts.map((p) => pieces[p]).join('');
        if (fingerprint(data) !== c.check) continue;
        try {
          out[c.i] = compressor.decompress(data);
        } catch {
          out[c.i] = null;
        }
      }
      return out;
    },

    put(entries) {
      // CacheService takes one expiry per putAll: group by TTL.
      const byTtl = new Map<number, Record<string, string>>();
      for (const e of entries) {
        const ttl = Math.max(1, Math.min(MAX_TTL_SECONDS, Math.floor(e.ttlSeconds)));
        const values = byTtl.get(ttl) ?? {};
        byTtl.set(ttl, values);
        const name = physical(e.key);
        if (utf8Length(e.value) + 1 <= CHUNK_CHARS) {
          values[name] = 'v' + e.value;
          continue;
        }
        const data = compressor.compress(e.value);
        const n = Math.ceil(data.length / CHUNK_CHARS);
        if (n > MAX_CHUNKS) continue;
        for (let c = 0; c < n; c++)
          values[`${name}#${c}`] = data.slice(c * CHUNK_CHARS, (c + 1) * CHUNK_CHARS);
        values[name] = `z${n}:${fingerprint(data)}`;
      }
      for (const [ttl, values] of byTtl) cache.putAll(values, ttl);
    },

    remove(keys) {
      cache.removeAll(keys.map(physical));
    },
  };
}
