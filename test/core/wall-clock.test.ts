// wallClock answers instantAtWall for a range's many band edges from segments looked up
// once. It must give the very same instant for every wall time: ordinary ones, ones
// repeated when clocks go back, skipped ones when they go forward (by an hour, or by half
// an hour on Lord Howe), clock changes at midnight, and walls asked out of order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, daysFromCivil } from '../../shared/time/civil';
import { wallClock } from '../../shared/time/wall-clock';
import { instantAtWall, offsetSegments } from '../../shared/time/zone';

const ZONES = [
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
  'Asia/Beirut',
  'Asia/Kolkata',
  'UTC',
];

describe('wallClock', () => {
  it('agrees with instantAtWall at every quarter-hour and around every clock change of a year', () => {
    for (const zone of ZONES) {
      const from = Date.UTC(2024, 0, 1);
      const to = Date.UTC(2025, 0, 1);
      const clock = wallClock(zone, from, to);
      const walls: number[] = [];
      for (let w = from - MS_PER_DAY; w < to + MS_PER_DAY; w += 15 * MS_PER_MINUTE) walls.push(w);
      // Either side of each transition's wall-clock edges, to the millisecond.
      const segs = offsetSegments(zone, from - MS_PER_DAY, to + MS_PER_DAY);
      for (let i = 1; i < segs.length; i++)
        for (const off of [segs[i - 1].offset, segs[i].offset])
          for (const d of [-MS_PER_HOUR, -1, 0, 1, MS_PER_HOUR / 2, MS_PER_HOUR])
            walls.push(segs[i].from + off + d);
      expect(walls.map(clock), zone).toEqual(walls.map((w) => instantAtWall(zone, w)));
    }
  });

  it('agrees with instantAtWall for walls asked in any order, near or past the range', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: daysFromCivil(2022, 1, 1), max: daysFromCivil(2026, 12, 1) }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: -4 * 24 * 60, max: 70 * 24 * 60 }), {
          minLength: 1,
          maxLength: 60,
        }),
        (zone, firstDay, days, minutes) => {
          const from = firstDay * MS_PER_DAY;
          const clock = wallClock(zone, from, from + days * MS_PER_DAY);
          const walls = minutes.map((m) => from + m * MS_PER_MINUTE);
          expect(walls.map(clock)).toEqual(walls.map((w) => instantAtWall(zone, w)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
