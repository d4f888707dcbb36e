// Streaming functions (METER.NOW): each cell gets a fresh reading at its provider's pace
// until Excel cancels it (the formula is deleted or edited, the workbook closed). Cells
// with identical formulas share one poll: ten =METER.NOW() cells cost one request a tick.
// Polls are chained timeouts, not an interval, so a slow provider is never asked again
// before it has answered.

export interface StreamTarget<T, E> {
  setResult(value: T | E): void;
  onCanceled?: () => void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface StreamSource<T> {
  /** One fresh value. Rejects with the error value to show (Excel's CustomFunctions.Error). */
  read(): Promise<T>;
  /** Pause before the next read, ms. */
  refreshMs(): Promise<number>;
  /** Whether an error is final (a bad argument will not fix itself by waiting). */
  isFinal(error: unknown): boolean;
}

interface Group<T, E> {
  targets: Set<StreamTarget<T, E>>;
  handle: unknown;
  last: { value: T | E } | null;
  running: boolean;
  closed: boolean;
}

export const MIN_REFRESH_MS = 1000;

export class StreamHub<T, E> {
  private groups = new Map<string, Group<T, E>>();

  constructor(private readonly timers: Timers) {}

  /** Subscribes a cell; the source is used only if no identical stream is running. */
  subscribe(key: string, target: StreamTarget<T, E>, source: () => StreamSource<T>): void {
    let group = this.groups.get(key);
    if (!group) {
      group = { targets: new Set(), handle: null, last: null, running: false, closed: false };
      this.groups.set(key, group);
      group.targets.add(target);
      this.poll(key, group, source());
    } else {
      group.targets.add(target);
      if (group.last) target.setResult(group.last.value);
    }
    const g = group;
    target.onCanceled = () => {
      g.targets.delete(target);
      if (g.targets.size > 0) return;
      g.closed = true;
      if (g.handle !== null) this.timers.clearTimeout(g.handle);
      if (this.groups.get(key) === g) this.groups.delete(key);
    };
  }

  /** Streams still polling (a stream stopped by a final error no longer counts). */
  get size(): number {
    let n = 0;
    for (const g of this.groups.values()) if (g.running || g.handle !== null) n++;
    return n;
  }

  private poll(key: string, group: Group<T, E>, source: StreamSource<T>): void {
    group.handle = null;
    group.running = true;
    const started = Date.now();
    let final = false;
    const pending = source.read();
    pending
      .then(
        (value) => (group.last = { value }),
        (error: unknown) => {
          final = source.isFinal(error);
          group.last = { value: error as E };
        },
      )
      .then(async () => {
        group.running = false;
        if (group.closed) return;
        for (const t of group.targets) t.setResult((group.last as { value: T | E }).value);
        if (final) return;
        const pause = Math.max(MIN_REFRESH_MS, await source.refreshMs().catch(() => 60_000));
        if (group.closed) return;
        const wait = Math.max(0, pause - (Date.now() - started));
        group.handle = this.timers.setTimeout(() => this.poll(key, group, source), wait);
      });
  }
}
