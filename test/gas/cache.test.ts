// The CacheService adapter against a cache with CacheService's limits (250-character keys,
// 100 KB values, 6-hour expiry): long keys are hashed, big values gzipped and split, and a
// value with a piece missing reads as a miss, never as garbage.
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type Compressor, chunkedCache } from '../../gas/cache';
import { CACHE_MAX_KEY, FakeCache, VirtualClock } from './apps-script';

const gzip: Compressor = {
  compress: (t) => gzipSync(Buffer.from(t, 'utf8')).toString('base64'),
  decompress: (d) => gunzipSync(Buffer.from(d, 'base64')).toString('utf8'),
};

function setup() {
  const clock = new VirtualClock(Date.UTC(2025, 0, 1));
  const store = new FakeCache(clock);
  return { clock, store, cache: chunkedCache(store as never, 'm0:', gzip) };
}

/** JSON that gzip cannot shrink much: pseudo-random digits. */
function bulky(chars: number): string {
  let x = 12345;
  let s = '';
  while (s.length < chars) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String(x % 1000000) + ',';
  }
  return `[${s.slice(0, chars)}0]`;
}

describe('chunkedCache', () => {
  it('round-trips small values under its namespace', () => {
    const { store, cache } = setup();
    cache.put([{ key: 'fn:USAGE:abc', value: '[["Time"]]', ttlSeconds: 60 }]);
    expect(cache.get(['fn:USAGE:abc', 'fn:USAGE:other'])).toEqual(['[["Time"]]', null]);
    expect([...store.keysWritten]).toEqual(['m0:fn:USAGE:abc']);
    expect(chunkedCache(store as never, 'm1:', gzip).get(['fn:USAGE:abc'])).toEqual([null]);
  });

  it('hashes keys too long for CacheService, keeping distinct keys distinct', () => {
    const { store, cache } = setup();
    const a = 'meters:x:' + 'a'.repeat(400);
    const b = 'meters:x:' + 'a'.repeat(399) + 'b';
    cache.put([
      { key: a, value: 'A', ttlSeconds: 60 },
      { key: b, value: 'B', ttlSeconds: 60 },
    ]);
    expect(cache.get([a, b])).toEqual(['A', 'B']);
    for (const k of store.keysWritten) expect(k.length).toBeLessThanOrEqual(CACHE_MAX_KEY);
  });

  it('splits values past 100 KB over several keys written in one putAll, and reads them back', () => {
    const { store, cache } = setup();
    const big = bulky(900_000);
    cache.put([{ key: 'fn:USAGE:year', value: big, ttlSeconds: 21600 }]);
    expect(store.puts).toBe(1);
    expect(store.keysWritten.size).toBeGreaterThan(2);
    expect(cache.get(['fn:USAGE:year'])).toEqual([big]);
  });

  it('counts bytes, not characters: multi-byte text near the limit is split too', () => {
    const { cache } = setup();
    const euros = '"' + '€'.repeat(40_000) + '"'; // 120 KB in UTF-8
    cache.put([{ key: 'k', value: euros, ttlSeconds: 60 }]);
    expect(cache.get(['k'])).toEqual([euros]);
  });

  it('reads a value with an evicted or damaged piece as a miss', () => {
    const { store, cache } = setup();
    cache.put([{ key: 'k', value: bulky(400_000), ttlSeconds: 60 }]);
    const piece = [...store.keysWritten].find((k) => k.endsWith('#1'))!;
    store.remove(piece);
    expect(cache.get(['k'])).toEqual([null]);
    cache.put([{ key: 'k', value: bulky(400_000), ttlSeconds: 60 }]);
    store.put(piece, 'garbage', 60);
    expect(cache.get(['k'])).toEqual([null]);
  });

  it('keeps to the 6-hour maximum and expires entries', () => {
    const { clock, cache } = setup();
    cache.put([{ key: 'k', value: 'v', ttlSeconds: 7 * 24 * 3600 }]); // the fake throws past 6 h
    clock.advance(6 * 3600 * 1000 - 1000);
    expect(cache.get(['k'])).toEqual(['v']);
    clock.advance(2000);
    expect(cache.get(['k'])).toEqual([null]);
  });

  it('does not cache what would crowd out everything else', () => {
    const { store, cache } = setup();
    // Random text does not compress: 5 MB would take 50-odd 90 KB pieces.
    cache.put([{ key: 'k', value: randomBytes(3_750_000).toString('base64'), ttlSeconds: 60 }]);
    expect(store.size()).toBe(0);
    expect(cache.get(['k'])).toEqual([null]);
  });
});
