import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, formatDay } from '../../shared/time/civil';
import {
  canonicalZone,
  civilDayAt,
  dayBoundaries,
  intlOffsetAt,
  offsetAt,
  offsetSegments,
} from '../../shared/time/zone';

const ZONES = [
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'Asia/Beirut',
];

function dayHours(zone: string, y: number, m: number, d: number): number {
  const day = daysFromCivil(y, m, d);
  const [a, b] = dayBoundaries(zone, day, day);
  return (b - a) / 3_600_000;
}

describe('time zones', () => {
  it('gives DST days their real length', () => {
    expect(dayHours('Europe/London', 2024, 3, 31)).toBe(23);
    expect(dayHours('Europe/London', 2024, 10, 27)).toBe(25);
    expect(dayHours('America/New_York', 2024, 3, 10)).toBe(23);
    expect(dayHours('America/New_York', 2024, 11, 3)).toBe(25);
    expect(dayHours('Australia/Sydney', 2024, 4, 7)).toBe(25);
    expect(dayHours('Australia/Sydney', 2024, 10, 6)).toBe(23);
    expect(dayHours('Pacific/Chatham', 2024, 9, 29)).toBe(23);
    expect(dayHours('Australia/Lord_Howe', 2024, 4, 7)).toBe(24.5);
    expect(dayHours('Asia/Kolkata', 2024, 3, 31)).toBe(24);
  });

  it('starts a day at its first instant even when midnight repeats (Beirut falls back at 00:00)', () => {
    // Clocks go from 23:59:59 on 26 October back to 23:00: Saturday is 25 h long.
    expect(dayHours('Asia/Beirut', 2024, 10, 26)).toBe(25);
    expect(dayHours('Asia/Beirut', 2024, 10, 27)).toBe(24);
  });

  it('finds the local day of an instant', () => {
    const t = Date.UTC(2024, 0, 1, 23, 30); // 10:30 on 2 January in Sydney
    expect(formatDay(civilDayAt('Australia/Sydney', t))).toBe('2024-01-02');
    expect(formatDay(civilDayAt('America/New_York', t))).toBe('2024-01-01');
  });

  it('caches offsets that always agree with Intl', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2027, 0, 1) }),
        (zone, t) => {
          expect(offsetAt(zone, t)).toBe(intlOffsetAt(zone, t));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('covers a range with contiguous segments, a transition at each DST change', () => {
    const segs = offsetSegments('Europe/London', Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1));
    expect(segs.map((s) => s.offset / 3_600_000)).toEqual([0, 1, 0]);
    expect(new Date(segs[1].from).toISOString()).toBe('2024-03-31T01:00:00.000Z');
    expect(new Date(segs[2].from).toISOString()).toBe('2024-10-27T01:00:00.000Z');
    for (let i = 1; i < segs.length; i++) expect(segs[i].from).toBe(segs[i - 1].to);
  });

  it('recognises IANA names and rejects others', () => {
    expect(canonicalZone('europe/london')).toBe('Europe/London');
    expect(canonicalZone('UTC')).toBe('UTC');
    expect(canonicalZone('Mars/Olympus_Mons')).toBeNull();
    expect(canonicalZone('')).toBeNull();
  });
});
