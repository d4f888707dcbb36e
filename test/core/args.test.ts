// What a user sees when an argument is wrong: the argument's name and what is accepted.
import { describe, expect, it } from 'vitest';
import {
  parseAggregate,
  parseDayRange,
  parsePeriods,
  parseTimezone,
} from '../../shared/functions/args';
import { formatDay } from '../../shared/time/civil';

const range = (s: unknown, e?: unknown, zone = 'Europe/London') => {
  const r = parseDayRange(s, e, zone);
  return [formatDay(r.first), formatDay(r.last)];
};

describe('date arguments', () => {
  it('accept yyyy-mm-dd, yyyy-mm (a whole month), yyyy, Excel serials and Dates', () => {
    expect(range('2024-01-05', '2024-01-07')).toEqual(['2024-01-05', '2024-01-07']);
    expect(range('2024-02', '2024-02')).toEqual(['2024-02-01', '2024-02-29']);
    expect(range('2024-01', '2024-03')).toEqual(['2024-01-01', '2024-03-31']);
    expect(range('2024')).toEqual(['2024-01-01', '2024-12-31']);
    expect(range(45292, 45292.75)).toEqual(['2024-01-01', '2024-01-01']); // Excel serials
    expect(range(' 2024-01-05 ')).toEqual(['2024-01-05', '2024-01-05']);
    expect(range([['2024-01-05']])).toEqual(['2024-01-05', '2024-01-05']); // a one-cell range
  });

  it('read Date cells in the spreadsheet zone, not the script zone', () => {
    // 23:30 UTC on 31 Dec is already 1 January in Sydney.
    const d = new Date(Date.UTC(2023, 11, 31, 23, 30));
    expect(range(d, d, 'Australia/Sydney')).toEqual(['2024-01-01', '2024-01-01']);
    expect(range(d, d, 'America/New_York')).toEqual(['2023-12-31', '2023-12-31']);
  });

  it('reject bad dates naming the argument and what is accepted', () => {
    expect(() => range('2024-13-01')).toThrow(
      'start: expected a date like 2024-01-31 or 2024-01, got "2024-13-01"',
    );
    expect(() => range('2024-01-01', '31/01/2024')).toThrow(
      'end: expected a date like 2024-01-31 or 2024-01, got "31/01/2024"',
    );
    expect(() => range('')).toThrow(
      'start: expected a date like 2024-01-31 or 2024-01, got nothing',
    );
    expect(() => range(true)).toThrow(
      'start: expected a date like 2024-01-31 or 2024-01, got true',
    );
    expect(() => range(-5)).toThrow(/start: expected .* serial number/);
    expect(() => range(new Date(NaN))).toThrow('start: expected');
    expect(() => range('2024-02-01', '2024-01-01')).toThrow(
      'end: 2024-01-01 is before start 2024-02-01; swap them',
    );
    expect(() => range('1990-01-01', '2030-01-01')).toThrow(
      'end: a range of at most 30 years is accepted',
    );
  });
});

describe('other arguments', () => {
  it('aggregate: known names, case-insensitive; none by default', () => {
    expect(parseAggregate(undefined)).toBe('none');
    expect(parseAggregate(' Profile ')).toBe('profile');
    expect(() => parseAggregate('daily')).toThrow(
      'aggregate: expected one of none, hour, day, week, month, profile, weekday-profile, weekend-profile, got "daily"',
    );
  });

  it('timezone: any IANA zone, canonicalised', () => {
    expect(parseTimezone('', 'Europe/London')).toBe('Europe/London');
    expect(parseTimezone('Asia/Kolkata', 'UTC')).toBe('Asia/Kolkata');
    expect(parseTimezone('europe/london', 'UTC')).toBe('Europe/London');
    expect(() => parseTimezone('Mars/Base', 'UTC')).toThrow(
      'timezone: expected an IANA time zone like Europe/London or America/New_York, got "Mars/Base"',
    );
    expect(() => parseTimezone(5, 'UTC')).toThrow('timezone: expected');
  });

  it('periods: a comma-separated string or a range of cells, each a month, day, year or a..b', () => {
    const labels = (v: unknown) => parsePeriods(v, 'Europe/London').map((p) => p.label);
    expect(labels('2024-01, 2024-07')).toEqual(['2024-01', '2024-07']);
    expect(labels([['2024-01'], ['2024-01-01..2024-01-14'], [''], ['2024-03-05']])).toEqual([
      '2024-01',
      '2024-01-01..2024-01-14',
      '2024-03-05',
    ]);
    expect(labels('2024-02-01..2024-02-29')).toEqual(['2024-02']);
    expect(() => labels('')).toThrow('periods: expected one or more periods');
    expect(() => labels('2024-01, January')).toThrow(
      'periods[2]: expected a period like 2024-01, 2024-01-05 or 2024-01-01..2024-01-14, got "January"',
    );
    expect(() => labels('2024-02-01..2024-01-01')).toThrow(
      'periods[1]: 2024-02-01..2024-01-01 ends before it starts',
    );
  });
});
