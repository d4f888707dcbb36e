// Registers to half-hours: growth shared by time, breaks where sharing would be a guess.
import { describe, expect, it } from 'vitest';
import {
  type ChannelPolicy,
  type CounterReading,
  HALF_HOUR_MS,
  deriveHalfHours,
  isComplete,
  sharePair,
} from '../../bridge/halfhours';

const T0 = Date.UTC(2024, 5, 28, 10, 0); // a half-hour boundary
const S = 1000;
const policy: ChannelPolicy = { maxGapMs: 5 * 60 * S, maxRatePerHour: 100 };
const r = (
  t: number,
  value: number,
  source = 'meter-a',
  tariff: number | null = null,
): CounterReading => ({
  t,
  value,
  source,
  tariff,
});

describe('sharing a pair of readings', () => {
  it('puts a pair within one half-hour wholly into it', () => {
    const out = sharePair(r(T0 + 60 * S, 100), r(T0 + 70 * S, 100.01), policy);
    expect(out).toEqual({
      kind: 'shares',
      shares: [{ start: T0, amount: expect.closeTo(0.01, 12), coveredMs: 10 * S }],
    });
  });

  it('shares a pair that straddles a boundary in proportion to time', () => {
    const out = sharePair(r(T0 - 4 * S, 100), r(T0 + 6 * S, 100.01), policy);
    if (out.kind !== 'shares') throw new Error(out.reason);
    expect(out.shares.map((s) => [s.start, s.coveredMs])).toEqual([
      [T0 - HALF_HOUR_MS, 4 * S],
      [T0, 6 * S],
    ]);
    expect(out.shares[0].amount).toBeCloseTo(0.004, 12);
    expect(out.shares[1].amount).toBeCloseTo(0.006, 12);
  });

  it('refuses to guess across a boundary after a long silence (offline device)', () => {
    expect(sharePair(r(T0 - 10 * 60 * S, 100), r(T0 + 10 * 60 * S, 100.5), policy)).toEqual({
      kind: 'break',
      reason: 'gap',
    });
    // The same silence inside one half-hour is harmless: all of it belongs there.
    expect(sharePair(r(T0 + 60 * S, 100), r(T0 + 25 * 60 * S, 100.5), policy).kind).toBe('shares');
  });

  it('breaks on a register that went down, a different meter, or an impossible jump', () => {
    expect(sharePair(r(T0, 100), r(T0 + 10 * S, 0.002), policy)).toEqual({
      kind: 'break',
      reason: 'decrease',
    });
    expect(sharePair(r(T0, 100), r(T0 + 10 * S, 100.001, 'meter-b'), policy)).toEqual({
      kind: 'break',
      reason: 'meter-changed',
    });
    // 50 000 kWh in 10 s is a swap to a meter with a higher reading, not a kettle.
    expect(sharePair(r(T0, 100), r(T0 + 10 * S, 50_100), policy)).toEqual({
      kind: 'break',
      reason: 'implausible-jump',
    });
  });

  it("puts a tariff register's growth on its side of a tariff switch at the boundary", () => {
    // At 07:00 the meter switches from tariff 1 to 2; readings at 06:59:56 and 07:00:06.
    const before = T0 - 4 * S;
    const after = T0 + 6 * S;
    const t1 = sharePair(r(before, 10, 'm', 1), r(after, 10.004, 'm', 2), { ...policy, tariff: 1 });
    const t2 = sharePair(r(before, 20, 'm', 1), r(after, 20.006, 'm', 2), { ...policy, tariff: 2 });
    if (t1.kind !== 'shares' || t2.kind !== 'shares') throw new Error('expected shares');
    expect(t1.shares.map((s) => s.amount)).toEqual([expect.closeTo(0.004, 12), 0]);
    expect(t2.shares.map((s) => s.amount)).toEqual([0, expect.closeTo(0.006, 12)]);
    // Both registers still cover the whole pair: the half-hours are complete, not missing.
    expect(t1.shares.map((s) => s.coveredMs)).toEqual([4 * S, 6 * S]);
  });
});

describe('deriving half-hours from a run of readings', () => {
  it('conserves energy and marks only fully covered half-hours complete', () => {
    // Readings every 10 s from 09:59:57, constant 3.6 kW (0.01 kWh per 10 s).
    const readings: CounterReading[] = [];
    for (let i = 0; i <= 400; i++) readings.push(r(T0 - 3 * S + i * 10 * S, 500 + i * 0.01));
    const h = deriveHalfHours(readings, policy);
    const total = [...h.values()].reduce((s, x) => s + x.amount, 0);
    expect(total).toBeCloseTo(4, 9);
    const first = h.get(T0) as { amount: number; coveredMs: number };
    expect(isComplete(first)).toBe(true);
    expect(first.amount).toBeCloseTo(1.8, 9); // 3.6 kW for half an hour
    expect(isComplete(h.get(T0 - HALF_HOUR_MS) as { amount: number; coveredMs: number })).toBe(
      false,
    );
    expect(isComplete(h.get(T0 + 2 * HALF_HOUR_MS) as { amount: number; coveredMs: number })).toBe(
      false,
    );
  });

  it('leaves the half-hour of a reset incomplete and carries on counting after it', () => {
    const readings = [
      r(T0, 100),
      r(T0 + 10 * S, 100.01),
      r(T0 + 20 * S, 0.005),
      r(T0 + 30 * S, 0.015),
    ];
    const h = deriveHalfHours(readings, policy).get(T0) as { amount: number; coveredMs: number };
    expect(h.amount).toBeCloseTo(0.02, 12); // before and after the reset, not the drop
    expect(h.coveredMs).toBe(20 * S);
  });
});
