// instantAtWall: the instant a spreadsheet in one zone must be given to show a wall-clock
// time (hosts use it to return dates that display the table's local time).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantAtWall, offsetAt } from '../../shared/time/zone';

const wall = (iso: string) => Date.parse(iso + 'Z');
const shown = (zone: string, t: number) =>
  new Date(t + offsetAt(zone, t)).toISOString().slice(0, 16);

describe('instantAtWall', () => {
  it('gives the instant that shows the wall-clock time in the zone', () => {
    const t = instantAtWall('America/New_York', wall('2024-01-15T09:30'));
    expect(new Date(t).toISOString()).toBe('2024-01-15T14:30:00.000Z');
    expect(shown('America/New_York', t)).toBe('2024-01-15T09:30');
  });

  it('takes the earlier instant when clocks go back and the wall time repeats', () => {
    const t = instantAtWall('Europe/London', wall('2024-10-27T01:30'));
    expect(new Date(t).toISOString()).toBe('2024-10-27T00:30:00.000Z'); // still BST
  });

  it('moves a skipped wall time forward by the gap', () => {
    const t = instantAtWall('Europe/London', wall('2024-03-31T01:30'));
    expect(shown('Europe/London', t)).toBe('2024-03-31T02:30');
    // Lord Howe springs forward by half an hour.
    const h = instantAtWall('Australia/Lord_Howe', wall('2024-10-06T02:15'));
    expect(shown('Australia/Lord_Howe', h)).toBe('2024-10-06T02:45');
  });

  it('round-trips every wall time that exists, in zones with odd offsets and DST', () => {
    const zones = [
      'Europe/London',
      'America/New_York',
      'Pacific/Chatham',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, utc) => {
          const t = Math.floor(utc / 60_000) * 60_000;
          const w = t + offsetAt(zone, t);
          const back = instantAtWall(zone, w);
          // Same wall time; the same instant unless the wall time repeats (then the earlier).
          expect(back + offsetAt(zone, back)).toBe(w);
          expect(back).toBeLessThanOrEqual(t);
          expect(t - back).toBeLessThanOrEqual(3_600_000);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
