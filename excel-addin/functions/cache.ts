// Two cache tiers for the core's cache effects: memory first (instant, lost when Excel
// closes the runtime), then OfficeRuntime.storage (survives restarts, shared by every
// part of the add-in). Results that change by the minute, or are too big for a storage
// quota of a few megabytes, stay in memory only.
import type { CacheEntry } from '../../shared/flow';
import { MemoryCache } from '../../drivers/memory-cache';
import type { KeyValueStorage } from './storage';

export const CACHE_PREFIX = 'meter-sheets:cache:';
/** Larger entries (a year of half-hours is about 1 MB) are kept in memory only. */
export const MAX_STORED_CHARS = 256 * 1024;
/** Entries living less than this are not worth a storage round trip. */
export const MIN_STORED_TTL_SECONDS = 120;

interface Stored {
  v: string;
  /** Expiry, UTC ms. */
  e: number;
}

export class TieredCache {
  readonly memory: MemoryCache;

  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly clock: () => number,
  ) {
    this.memory = new MemoryCache(clock);
  }

  async get(keys: string[]): Promise<(string | null)[]> {
    const out = this.memory.get(keys);
    const misses = keys.filter((_, i) => out[i] === null);
    if (misses.length === 0 || !this.storage) return out;
    let stored: Record<string, string | null | undefined>;
    try {
      stored = await this.storage.getItems(misses.map((k) => CACHE_PREFIX + k));
    } catch {
      return out; // storage is a bonus tier: a failure only costs a refetch
    }
    const now = this.clock();
    const expired: string[] = [];
    keys.forEach((key, i) => {
      if (out[i] !== null) return;
      const raw = stored[CACHE_PREFIX + key];
      if (!raw) return;
      try {
        const entry = JSON.parse(raw) as Stored;
        if (entry.e > now) {
          out[i] = entry.v;
          this.memory.put([{ key, value: entry.v, ttlSeconds: (entry.e - now) / 1000 }]);
        } else expired.push(CACHE_PREFIX + key);
      } catch {
        expired.push(CACHE_PREFIX + key);
      }
    });
    if (expired.length > 0) this.storage.removeItems(expired).catch(() => undefined);
    return out;
  }

  async put(entries: CacheEntry[]): Promise<void> {
    this.memory.put(entries);
    if (!this.storage) return;
    const now = this.clock();
    const items: Record<string, string> = {};
    for (const e of entries) {
      if (e.ttlSeconds < MIN_STORED_TTL_SECONDS || e.value.length > MAX_STORED_CHARS) continue;
      items[CACHE_PREFIX + e.key] = JSON.stringify({ v: e.value, e: now + e.ttlSeconds * 1000 });
    }
    if (Object.keys(items).length === 0) return;
    try {
      await this.storage.setItems(items);
    } catch {
      // Most likely the quota: drop the stored tier and try once more.
      await this.clearStored();
      await this.storage.setItems(items).catch(() => undefined);
    }
  }

  async remove(keys: string[]): Promise<void> {
    this.memory.remove(keys);
    await this.storage?.removeItems(keys.map((k) => CACHE_PREFIX + k)).catch(() => undefined);
  }

  /** Forgets every cached answer (Refresh, settings saved). Settings themselves stay. */
  async clear(): Promise<void> {
    this.memory.clear();
    await this.clearStored();
  }

  private async clearStored(): Promise<void> {
    if (!this.storage) return;
    try {
      const keys = (await this.storage.getKeys()).filter((k) => k.startsWith(CACHE_PREFIX));
      if (keys.length > 0) await this.storage.removeItems(keys);
    } catch {
      // Nothing more to do: the memory tier still works.
    }
  }
}
