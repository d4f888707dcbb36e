// METER.NOW streams: a fresh reading at the provider's pace (the demo's 10 s), identical
// cells sharing one poll, and no more polling once Excel cancels every cell.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadFunctionsBundle } from './harness';

const T0 = Date.UTC(2024, 6, 1, 11, 0, 3); // 12:00:03 BST on a sunny July day

describe('METER.NOW (streaming)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const timeOf = (result: unknown) =>
    ((result as unknown[][])[1][0] as { basicValue: number }).basicValue;

  it('updates every 10 s for the demo meter and stops when cancelled', async () => {
    const { stream, api } = loadFunctionsBundle();
    const cell = stream('NOW');
    await vi.advanceTimersByTimeAsync(0);
    expect(cell.results).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(9_900);
    expect(cell.results).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(cell.results).toHaveLength(2);
    // Readings are stamped to the demo's 10 s: the second is exactly one step later.
    expect((timeOf(cell.results[1]) - timeOf(cell.results[0])) * 86_400).toBeCloseTo(10, 3);
    expect(api.host().activeStreams).toBe(1);
    cell.cancel();
    expect(api.host().activeStreams).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(cell.results).toHaveLength(2);
  });

  it('shares one poll between identical cells until the last is cancelled', async () => {
    const { stream, api } = loadFunctionsBundle();
    const a = stream('NOW', 'demo:electricity');
    const b = stream('NOW', 'demo:electricity');
    const other = stream('NOW', 'demo:export');
    await vi.advanceTimersByTimeAsync(0);
    expect(api.host().activeStreams).toBe(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(a.results).toHaveLength(2);
    expect(b.results).toEqual(a.results);
    a.cancel();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(b.results).toHaveLength(3);
    expect(a.results).toHaveLength(2);
    b.cancel();
    other.cancel();
    expect(api.host().activeStreams).toBe(0);
  });

  it('stops on a bad argument (#VALUE! will not fix itself) but retries #N/A', async () => {
    const { stream, api } = loadFunctionsBundle();
    const bad = stream('NOW', 42);
    const gas = stream('NOW', 'demo:gas');
    await vi.advanceTimersByTimeAsync(0);
    expect(bad.results[0]).toMatchObject({ code: '#VALUE!' });
    expect(gas.results[0]).toMatchObject({
      code: '#N/A',
      message:
        'demo:gas is read once a day; METER.NOW needs an electricity meter (demo:electricity)',
    });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(bad.results).toHaveLength(1);
    expect(gas.results.length).toBeGreaterThan(1);
    expect(api.host().activeStreams).toBe(1);
    gas.cancel();
    bad.cancel();
  });
});
