// An in-process cache with per-entry expiry: the CLI's and the Excel runtime's first tier.
import type { CacheEntry } from '../shared/flow';

export class MemoryCache {
  private entries = new Map<string, { value: string; expires: number }>();
  private readonly clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.clock = clock;
  }

  get(keys: string[]): (string | null)[] {
    const now = this.clock();
    return keys.map((k) => {
      const e = this.entries.get(k);
      if (!e) return null;
      if (e.expires <= now) {
        this.entries.delete(k);
        return null;
      }
      return e.value;
    });
  }

  put(entries: CacheEntry[]): void {
    const now = this.clock();
    for (const e of entries)
      this.entries.set(e.key, { value: e.value, expires: now + e.ttlSeconds * 1000 });
  }

  remove(keys: string[]): void {
    for (const k of keys) this.entries.delete(k);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
