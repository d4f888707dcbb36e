// An in-process cache with per-entry expiry: the CLI's and the Excel runtime's first tier.
// Excel keeps one runtime alive for as long as the workbook is open, so a user who
// imports year after year would otherwise grow it without end: it holds at most
// `maxChars` characters of values and forgets the least recently used entries first
// (a JavaScript Map keeps insertion order, so re-inserting on use keeps it in LRU order).
import type { CacheEntry } from '../shared/flow';

/** About 64 MB of UTF-16: room for dozens of years of half-hours. */
export const DEFAULT_MAX_CHARS = 32 * 1024 * 1024;

export class MemoryCache {
  private entries = new Map<string, { value: string; expires: number }>();
  private chars = 0;
  private readonly clock: () => number;
  private readonly maxChars: number;

  constructor(clock: () => number = Date.now, maxChars = DEFAULT_MAX_CHARS) {
    this.clock = clock;
    this.maxChars = maxChars;
  }

  get(keys: string[]): (string | null)[] {
    const now = this.clock();
    return keys.map((k) => {
      const e = this.entries.get(k);
      if (!e) return null;
      if (e.expires <= now) {
        this.delete(k);
        return null;
      }
      this.entries.delete(k);
      this.entries.set(k, e); // now the most recently used
      return e.value;
    });
  }

  put(entries: CacheEntry[]): void {
    const now = this.clock();
    for (const e of entries) {
      this.delete(e.key);
      // A value larger than the whole budget is not cached at all (it would evict everything).
      if (e.value.length > this.maxChars) continue;
      this.entries.set(e.key, { value: e.value, expires: now + e.ttlSeconds * 1000 });
      this.chars += e.value.length;
    }
    this.evict(now);
  }

  remove(keys: string[]): void {
    for (const k of keys) this.delete(k);
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Characters of values held now. */
  get heldChars(): number {
    return this.chars;
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.chars -= e.value.length;
  }

  private evict(now: number): void {
    if (this.chars <= this.maxChars) return;
    for (const [k, e] of this.entries) if (e.expires <= now) this.delete(k);
    for (const k of this.entries.keys()) {
      if (this.chars <= this.maxChars) break;
      this.delete(k);
    }
  }
}
