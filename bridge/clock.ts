// The bridge's sense of time, injected so that tests can run a day of polling in seconds:
// the system clock sleeps for real; a simulated clock's sleep just moves time forward.

export interface Clock {
  now(): number;
  /** Waits ms (or until the signal aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** Simulated time: stands still until a test moves it (`set`, `advance`) or someone sleeps. */
export class SimulatedClock implements Clock {
  constructor(private t: number) {}

  now(): number {
    return this.t;
  }

  set(t: number): void {
    this.t = t;
  }

  advance(ms: number): void {
    this.t += ms;
  }

  async sleep(ms: number): Promise<void> {
    if (ms > 0) this.t += ms;
  }
}
