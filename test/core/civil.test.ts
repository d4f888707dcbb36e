import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatDay,
  isoWeekday,
  mondayOf,
  parseDay,
  parseMonth,
} from '../../shared/time/civil';

describe('civil days', () => {
  it('agrees with Date.UTC for every day from 1900 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 47482 }), (days) => {
        const d = new Date(days * 86_400_000);
        const c = civilFromDays(days);
        expect([c.year, c.month, c.day]).toEqual([
          d.getUTCFullYear(),
          d.getUTCMonth() + 1,
          d.getUTCDate(),
        ]);
        expect(daysFromCivil(c.year, c.month, c.day)).toBe(days);
      }),
    );
  });

  it('knows ISO weekdays and Mondays', () => {
    expect(isoWeekday(daysFromCivil(2024, 1, 1))).toBe(1); // a Monday
    expect(isoWeekday(daysFromCivil(2024, 3, 31))).toBe(7);
    expect(formatDay(mondayOf(daysFromCivil(2024, 3, 31)))).toBe('2024-03-25');
  });

  it('parses only real days and months', () => {
    expect(parseDay('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
    expect(parseDay('2023-02-29')).toBeNull();
    expect(parseDay('2024-13-01')).toBeNull();
    expect(parseDay('2024-1-01')).toBeNull();
    expect(parseMonth('2024-02')).toEqual({
      first: daysFromCivil(2024, 2, 1),
      last: daysFromCivil(2024, 2, 29),
    });
    expect(parseMonth('2024-00')).toBeNull();
    expect(daysInMonth(2100, 2)).toBe(28);
  });
});
