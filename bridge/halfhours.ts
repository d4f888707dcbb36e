// From cumulative registers to half-hours. A HomeWizard device gives running totals
// (kWh imported so far, m³ of gas so far); the energy of a half-hour is what a register
// grew by within it. Each pair of consecutive readings of one register is shared out, once,
// over the half-hours it spans, in proportion to time (constant power between readings).
// A half-hour is known only when consecutive readings cover all of it; anything less is
// Missing, never a guess and never zero. A pair is not shared at all (a "break") when
// the register went down (reset), the meter changed, the jump is beyond any household
// (a swap to a meter with a higher reading), or a long silence straddles a half-hour
// boundary (the device or the bridge was offline: we cannot know which side it was used).

export const HALF_HOUR_MS = 1_800_000;
const HOUR_MS = 3_600_000;

export interface CounterReading {
  /** When the register had this value, UTC ms. */
  t: number;
  value: number;
  /** The meter that reported it (its unique id): a different one means a swapped meter. */
  source: string;
  /** The active tariff at the reading, when the meter says (tariff registers use it). */
  tariff: number | null;
}

export interface ChannelPolicy {
  /** Longest silence between readings that is still shared across a half-hour boundary. */
  maxGapMs: number;
  /** Largest believable growth, in the register's unit per hour. */
  maxRatePerHour: number;
  /** For a per-tariff register, its tariff number. */
  tariff?: number;
}

export interface Share {
  /** Start of the half-hour (UTC ms, a multiple of 30 minutes). */
  start: number;
  /** Register growth attributed to this half-hour. */
  amount: number;
  /** How much of this half-hour the pair covers, ms. */
  coveredMs: number;
}

export type BreakReason = 'decrease' | 'meter-changed' | 'implausible-jump' | 'gap';

export type PairResult =
  { kind: 'shares'; shares: Share[] } | { kind: 'break'; reason: BreakReason };

export function halfHourOf(t: number): number {
  return Math.floor(t / HALF_HOUR_MS) * HALF_HOUR_MS;
}

/** Shares the growth between two consecutive readings (prev.t < next.t) over half-hours. */
export function sharePair(
  prev: CounterReading,
  next: CounterReading,
  p: ChannelPolicy,
): PairResult {
  const span = next.t - prev.t;
  const growth = next.value - prev.value;
  if (prev.source !== next.source) return { kind: 'break', reason: 'meter-changed' };
  if (growth < 0) return { kind: 'break', reason: 'decrease' };
  if (growth > p.maxRatePerHour * (span / HOUR_MS))
    return { kind: 'break', reason: 'implausible-jump' };
  const firstBoundary = halfHourOf(prev.t) + HALF_HOUR_MS;
  const straddles = firstBoundary < next.t;
  if (straddles && span > p.maxGapMs) return { kind: 'break', reason: 'gap' };

  // Where the growth happened. A tariff register only grows while its tariff is active;
  // when the tariff changed between the readings and one half-hour boundary lies between
  // them, the switch was at that boundary (meters switch tariffs on the hour or half-hour),
  // so the register that ended grew before it and the one that started grew after it.
  let from = prev.t;
  let to = next.t;
  const switched =
    p.tariff !== undefined &&
    prev.tariff !== null &&
    next.tariff !== null &&
    prev.tariff !== next.tariff &&
    straddles &&
    next.t <= firstBoundary + HALF_HOUR_MS;
  if (switched && p.tariff === prev.tariff) to = firstBoundary;
  else if (switched && p.tariff === next.tariff) from = firstBoundary;

  const shares: Share[] = [];
  for (let start = halfHourOf(prev.t); start < next.t; start += HALF_HOUR_MS) {
    const end = start + HALF_HOUR_MS;
    const covered = Math.min(end, next.t) - Math.max(start, prev.t);
    const active = Math.max(0, Math.min(end, to) - Math.max(start, from));
    shares.push({
      start,
      amount: growth === 0 ? 0 : (growth * active) / (to - from),
      coveredMs: covered,
    });
  }
  return { kind: 'shares', shares };
}

export interface HalfHourTotal {
  amount: number;
  coveredMs: number;
}

/** Whether a half-hour is fully covered by readings, so its amount is the whole truth. */
export function isComplete(h: HalfHourTotal): boolean {
  return h.coveredMs >= HALF_HOUR_MS;
}

/** Half-hour totals of a register from all its readings in time order (the reference fold). */
export function deriveHalfHours(
  readings: CounterReading[],
  policy: ChannelPolicy,
): Map<number, HalfHourTotal> {
  const out = new Map<number, HalfHourTotal>();
  for (let i = 1; i < readings.length; i++) {
    const r = sharePair(readings[i - 1], readings[i], policy);
    if (r.kind !== 'shares') continue;
    for (const s of r.shares) {
      const h = out.get(s.start) ?? { amount: 0, coveredMs: 0 };
      h.amount += s.amount;
      h.coveredMs += s.coveredMs;
      out.set(s.start, h);
    }
  }
  return out;
}
