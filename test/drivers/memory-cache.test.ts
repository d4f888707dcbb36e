import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../drivers/memory-cache';

const put = (c: MemoryCache, key: string, chars: number, ttlSeconds = 60) =>
  c.put([{ key, value: 'x'.repeat(chars), ttlSeconds }]);

describe('the in-memory cache (CLI, Excel runtime)', () => {
  it('answers what it holds until it expires', () => {
    let now = 0;
    const c = new MemoryCache(() => now);
    c.put([{ key: 'a', value: 'kWh', ttlSeconds: 10 }]);
    expect(c.get(['a', 'b'])).toEqual(['kWh', null]);
    now = 10_000;
    expect(c.get(['a'])).toEqual([null]);
    expect(c.size).toBe(0);
  });

  it('stays within its budget by forgetting the least recently used entries', () => {
    const c = new MemoryCache(() => 0, 100);
    put(c, 'january', 40);
    put(c, 'february', 40);
    c.get(['january']); // used again: february is now the oldest
    put(c, 'march', 40);
    expect(c.heldChars).toBeLessThanOrEqual(100);
    expect(c.get(['january', 'february', 'march']).map((v) => v?.length ?? null)).toEqual([
      40,
      null,
      40,
    ]);
  });

  it('drops expired entries before live ones when it must make room', () => {
    let now = 0;
    const c = new MemoryCache(() => now, 100);
    put(c, 'today', 40, 1);
    put(c, 'last-year', 40, 3600);
    now = 2000;
    put(c, 'this-year', 40);
    expect(c.get(['last-year', 'this-year']).every((v) => v !== null)).toBe(true);
  });

  it('replacing a key counts its size once, and a value bigger than the budget is not kept', () => {
    const c = new MemoryCache(() => 0, 100);
    put(c, 'a', 60);
    put(c, 'a', 60);
    expect(c.heldChars).toBe(60);
    put(c, 'huge', 101);
    expect(c.get(['huge', 'a'])).toEqual([null, 'x'.repeat(60)]);
  });
});
