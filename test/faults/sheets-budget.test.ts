// The BUILT Apps Script add-on on the harness's virtual clock (each round trip 1 s): a
// provider that keeps answering 429 with Retry-After: 5 never makes a formula overrun the
// 30 s Google gives it. It waits as asked while the budget allows and then shows the right
// numbers, or stops in time with a clear error; it never waits out a Retry-After past it.
import { describe, expect, it } from 'vitest';
import { type Fault, type MockHandler, withFaults } from '../mocks/mock-http';
import { createMock as powershaperMock } from '../providers/powershaper/mock';
import { sheets } from '../gas/harness';

const TOKEN = 'PLANTEDpowershaperBudget0123456789abcdef';
const ARGS = ['2024-01-01', '2024-12-31', 'month', 'powershaper'];
const LATENCY_MS = 1_000;

async function formula(faults: Fault[]) {
  let now = (): number => Date.now();
  const mock = powershaperMock({ token: TOKEN, now: () => now() });
  // One quarter of the year keeps being refused: its retries follow one another.
  let refused: string | null = null;
  const plan = {
    queue: faults,
    when: (req: { path: string }) =>
      req.path.includes('/meter/') && (refused ??= req.path) === req.path,
  };
  const handler: MockHandler = withFaults(mock.handler, plan);
  const s = await sheets({
    routes: { 'https://app.powershaper.io': handler },
    latencyMs: LATENCY_MS,
  });
  now = s.world.clock.now;
  s.saveSettings({ providers: { powershaper: { token: TOKEN } }, allowFormulas: true });
  const startedAt = s.world.clock.now();
  let table: unknown[][] | null = null;
  let error: string | null = null;
  try {
    table = s.cell('METER_USAGE', ...ARGS);
  } catch (e) {
    error = (e as Error).message;
  }
  return { table, error, elapsedMs: s.world.clock.now() - startedAt, plan };
}

const busy = (n: number, retryAfter = '5'): Fault[] =>
  Array.from({ length: n }, () => ({
    kind: 'status',
    status: 429,
    headers: { 'retry-after': retryAfter },
  }));

describe('Google Sheets: 429 Retry-After within the 30 s', () => {
  it('waits out Retry-After: 5 twice and shows what a fault-free formula shows', async () => {
    const clean = await formula([]);
    expect(clean.table?.length).toBeGreaterThan(12);
    const busyTwice = await formula(busy(2));
    expect(busyTwice.plan.queue).toHaveLength(0);
    expect(busyTwice.error).toBeNull();
    expect(busyTwice.table).toEqual(clean.table);
    expect(busyTwice.elapsedMs).toBeGreaterThanOrEqual(10_000);
    expect(busyTwice.elapsedMs).toBeLessThanOrEqual(30_000);
  });

  it('answering 429 Retry-After: 5 again and again ends in a clear error, inside the 30 s', async () => {
    const r = await formula(busy(20));
    expect(r.table).toBeNull();
    expect(r.error).toMatch(
      /^PowerShaper Monitor is rate-limiting requests .*\(HTTP 429, asking to wait 5 s\); try again later$/,
    );
    expect(r.elapsedMs).toBeLessThanOrEqual(30_000);
  });

  it('does not start waiting for a Retry-After longer than the formula has left', async () => {
    const r = await formula(busy(1, '40'));
    expect(r.error).toMatch(/asking to wait 40 s/);
    expect(r.elapsedMs).toBeLessThanOrEqual(5_000);
  });
});
