// The part of OfficeRuntime.storage the add-in uses: an asynchronous, persistent
// string store shared by the custom functions, the ribbon commands and the task pane.
// Outside Office (the browser preview, tests) an in-memory twin stands in.

export interface KeyValueStorage {
  getItems(keys: string[]): Promise<Record<string, string | null | undefined>>;
  setItems(items: Record<string, string>): Promise<void>;
  removeItems(keys: string[]): Promise<void>;
  getKeys(): Promise<string[]>;
}

export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & {
  data: Map<string, string>;
} {
  const data = new Map(Object.entries(initial));
  return {
    data,
    async getItems(keys) {
      const out: Record<string, string | null> = {};
      for (const k of keys) out[k] = data.get(k) ?? null;
      return out;
    },
    async setItems(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, v);
    },
    async removeItems(keys) {
      for (const k of keys) data.delete(k);
    },
    async getKeys() {
      return [...data.keys()];
    },
  };
}
