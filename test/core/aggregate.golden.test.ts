// Golden tables for every aggregate, on data small enough to check by hand.
import { describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../shared/time/civil';
import { halfHours, run } from '../helpers/series';

// Two UTC days: Monday 1 January 2024 reads 1.0 kWh every half-hour, Tuesday 2.0.
// 01:30 on Monday came back null (missing); Tuesday's last half-hour was never reported.
const MON = Date.UTC(2024, 0, 1);
const twoDays = halfHours(MON, MON + 2 * MS_PER_DAY, (t, i) => {
  if (i === 3) return null;
  if (i === 95) return undefined;
  return t < MON + MS_PER_DAY ? 1 : 2;
});

describe('aggregates (golden, UTC)', () => {
  it('none: one row per native half-hour, missing ones empty with Missing = 1', () => {
    const rows = run(twoDays, 'UTC', '2024-01-01', '2024-01-02', 'none');
    expect(rows[0]).toEqual(['Start', 'End', 'kWh', 'Missing']);
    expect(rows).toHaveLength(1 + 96);
    expect(rows[1]).toEqual(['2024-01-01T00:00:00+00:00', '2024-01-01T00:30:00+00:00', 1, 0]);
    expect(rows[4]).toEqual(['2024-01-01T01:30:00+00:00', '2024-01-01T02:00:00+00:00', null, 1]);
    expect(rows[96]).toEqual(['2024-01-02T23:30:00+00:00', '2024-01-03T00:00:00+00:00', null, 1]);
  });

  it('hour', () => {
    const rows = run(twoDays, 'UTC', '2024-01-01', '2024-01-02', 'hour');
    expect(rows).toHaveLength(1 + 48);
    expect(rows[1]).toEqual(['2024-01-01T00:00:00+00:00', '2024-01-01T01:00:00+00:00', 2, 0]);
    expect(rows[2]).toEqual(['2024-01-01T01:00:00+00:00', '2024-01-01T02:00:00+00:00', 1, 1]);
    expect(rows[25]).toEqual(['2024-01-02T00:00:00+00:00', '2024-01-02T01:00:00+00:00', 4, 0]);
    expect(rows[48]).toEqual(['2024-01-02T23:00:00+00:00', '2024-01-03T00:00:00+00:00', 2, 1]);
  });

  it('day', () => {
    expect(run(twoDays, 'UTC', '2024-01-01', '2024-01-02', 'day')).toEqual([
      ['Start', 'End', 'kWh', 'Missing'],
      ['2024-01-01T00:00:00+00:00', '2024-01-02T00:00:00+00:00', 47, 1],
      ['2024-01-02T00:00:00+00:00', '2024-01-03T00:00:00+00:00', 94, 1],
    ]);
  });

  it('week (ISO, Monday) and month, partial at the range ends', () => {
    expect(run(twoDays, 'UTC', '2024-01-01', '2024-01-02', 'week')).toEqual([
      ['Start', 'End', 'kWh', 'Missing'],
      ['2024-01-01T00:00:00+00:00', '2024-01-03T00:00:00+00:00', 141, 2],
    ]);
    expect(run(twoDays, 'UTC', '2024-01-01', '2024-01-02', 'month').slice(1)).toEqual([
      ['2024-01-01T00:00:00+00:00', '2024-01-03T00:00:00+00:00', 141, 2],
    ]);
    // A range across a week boundary splits at Monday 00:00.
    const sunMon = halfHours(Date.UTC(2024, 0, 7), Date.UTC(2024, 0, 9), () => 1);
    const weeks = run(sunMon, 'UTC', '2024-01-07', '2024-01-08', 'week');
    expect(weeks.slice(1).map((r) => [r[0], r[2]])).toEqual([
      ['2024-01-07T00:00:00+00:00', 48],
      ['2024-01-08T00:00:00+00:00', 48],
    ]);
  });

  it('profile: mean per day over the days with data, Days and Missing per slot', () => {
    const rows = run(twoDays, 'UTC', '2024-01-01', '2024-01-02', 'profile');
    expect(rows[0]).toEqual(['Time', 'kWh', 'Days', 'Missing']);
    expect(rows).toHaveLength(1 + 48);
    expect(rows[1]).toEqual(['00:00', 1.5, 2, 0]);
    expect(rows[4]).toEqual(['01:30', 2, 1, 1]); // only Tuesday had data
    expect(rows[48]).toEqual(['23:30', 1, 1, 1]); // only Monday had data
  });

  it('weekday-profile and weekend-profile select days', () => {
    expect(run(twoDays, 'UTC', '2024-01-01', '2024-01-02', 'weekday-profile')[1]).toEqual([
      '00:00',
      1.5,
      2,
      0,
    ]);
    const weekend = run(twoDays, 'UTC', '2024-01-01', '2024-01-02', 'weekend-profile');
    expect(weekend.slice(1).every((r) => r[1] === null && r[2] === 0 && r[3] === 0)).toBe(true);
  });

  it('carbon and cost columns appear when the provider reports them, apportioned like kWh', () => {
    const withExtras = halfHours(MON, MON + MS_PER_DAY, () => 1).map((iv) => ({
      ...iv,
      carbonKg: 0.2,
      cost: 0.3,
    }));
    const rows = run(withExtras, 'UTC', '2024-01-01', '2024-01-01', 'day', undefined, {
      carbon: true,
      cost: true,
    });
    expect(rows[0]).toEqual(['Start', 'End', 'kWh', 'Carbon (kg)', 'Cost', 'Missing']);
    expect(rows[1][2]).toBe(48);
    expect(rows[1][3]).toBeCloseTo(9.6, 12);
    expect(rows[1][4]).toBeCloseTo(14.4, 12);
  });

  it('grid carbon says its basis per row: actual, forecast, mixed, blank with the carbon', () => {
    // Actual intensity until 12:00, forecast after; 05:00's carbon is unknown.
    const data = halfHours(MON, MON + 2 * MS_PER_DAY, () => 1).map((iv, i) => ({
      ...iv,
      carbonKg: i === 10 ? null : 0.1,
      carbonBasis: i === 10 ? null : iv.start < MON + 12 * 3_600_000 ? 'actual' : 'forecast',
    })) as typeof twoDays;
    const grid = { carbon: true, carbonBasis: true };
    const none = run(data, 'UTC', '2024-01-01', '2024-01-02', 'none', undefined, grid);
    expect(none[0]).toEqual(['Start', 'End', 'kWh', 'Carbon (kg)', 'Carbon basis', 'Missing']);
    expect(none[1].slice(4)).toEqual(['actual', 0]);
    expect(none[11].slice(3)).toEqual([null, null, 0]);
    expect(none[25].slice(4)).toEqual(['forecast', 0]);
    const hours = run(data, 'UTC', '2024-01-01', '2024-01-02', 'hour', undefined, grid);
    expect(hours.slice(1, 25).map((r) => r[4])).toEqual([
      ...Array(5).fill('actual'),
      null, // 05:00-06:00: part of its carbon is unknown, so neither figure is shown
      ...Array(6).fill('actual'),
      ...Array(12).fill('forecast'),
    ]);
    const days = run(data, 'UTC', '2024-01-01', '2024-01-02', 'day', undefined, grid);
    expect(days.map((r) => r[4])).toEqual(['Carbon basis', null, 'forecast']);
    const noGap = data.map((iv) =>
      iv.carbonKg === null ? { ...iv, carbonKg: 0.1, carbonBasis: 'actual' as const } : iv,
    );
    const mixed = run(noGap, 'UTC', '2024-01-01', '2024-01-02', 'day', undefined, grid);
    expect(mixed.slice(1).map((r) => [r[3], r[4]])).toEqual([
      [expect.closeTo(4.8, 12), 'mixed'],
      [expect.closeTo(4.8, 12), 'forecast'],
    ]);
    // A provider's own carbon has no basis column.
    const own = run(noGap, 'UTC', '2024-01-01', '2024-01-01', 'day', undefined, { carbon: true });
    expect(own[0]).toEqual(['Start', 'End', 'kWh', 'Carbon (kg)', 'Missing']);
  });

  it('a bucket with no data at all is empty, never zero', () => {
    const rows = run([], 'UTC', '2024-01-01', '2024-01-01', 'day');
    expect(rows[1]).toEqual(['2024-01-01T00:00:00+00:00', '2024-01-02T00:00:00+00:00', null, 48]);
  });
});

describe('DST days (Europe/London)', () => {
  const ones = (a: number, b: number) => halfHours(a, b, () => 1);

  it('spring forward: 46 half-hours, 23 hours, one 23-hour day', () => {
    const data = ones(Date.UTC(2024, 2, 30), Date.UTC(2024, 3, 2));
    const none = run(data, 'Europe/London', '2024-03-31', '2024-03-31', 'none');
    expect(none).toHaveLength(1 + 46);
    expect(none[2][0]).toBe('2024-03-31T00:30:00+00:00');
    expect(none[3][0]).toBe('2024-03-31T02:00:00+01:00');
    const hours = run(data, 'Europe/London', '2024-03-31', '2024-03-31', 'hour');
    expect(hours).toHaveLength(1 + 23);
    expect(hours.slice(1, 3).map((r) => r[0])).toEqual([
      '2024-03-31T00:00:00+00:00',
      '2024-03-31T02:00:00+01:00',
    ]);
    expect(run(data, 'Europe/London', '2024-03-31', '2024-03-31', 'day')[1]).toEqual([
      '2024-03-31T00:00:00+00:00',
      '2024-04-01T00:00:00+01:00',
      46,
      0,
    ]);
    const profile = run(data, 'Europe/London', '2024-03-31', '2024-03-31', 'profile');
    expect(profile[3]).toEqual(['01:00', null, 0, 0]); // 01:00–02:00 never happened
    expect(profile[4]).toEqual(['01:30', null, 0, 0]);
    expect(profile[5]).toEqual(['02:00', 1, 1, 0]);
  });

  it('fall back: 50 half-hours, 25 hours (01:00 twice), the repeated hour adds to its wall-clock slot', () => {
    const data = ones(Date.UTC(2024, 9, 26), Date.UTC(2024, 9, 29));
    expect(run(data, 'Europe/London', '2024-10-27', '2024-10-27', 'none')).toHaveLength(1 + 50);
    const hours = run(data, 'Europe/London', '2024-10-27', '2024-10-27', 'hour');
    expect(hours).toHaveLength(1 + 25);
    expect(hours.slice(2, 4).map((r) => r[0])).toEqual([
      '2024-10-27T01:00:00+01:00',
      '2024-10-27T01:00:00+00:00',
    ]);
    const profile = run(data, 'Europe/London', '2024-10-27', '2024-10-27', 'profile');
    expect(profile[3]).toEqual(['01:00', 2, 1, 0]);
    expect(profile[5]).toEqual(['02:00', 1, 1, 0]);
    // Sum over slots of kWh × Days is the day's total.
    const total = profile.slice(1).reduce((s, r) => s + (r[1] as number) * (r[2] as number), 0);
    expect(total).toBe(50);
  });
});

describe('a zone whose offset is not a whole half-hour (Pacific/Chatham, UTC+13:45)', () => {
  const data = halfHours(Date.UTC(2024, 0, 13), Date.UTC(2024, 0, 17), () => 1);

  it('splits the native half-hours that straddle local midnight, conserving energy', () => {
    const none = run(data, 'Pacific/Chatham', '2024-01-15', '2024-01-15', 'none');
    expect(none).toHaveLength(1 + 49);
    expect(none[1]).toEqual(['2024-01-15T00:00:00+13:45', '2024-01-15T00:15:00+13:45', 0.5, 0]);
    expect(none[49]).toEqual(['2024-01-15T23:45:00+13:45', '2024-01-16T00:00:00+13:45', 0.5, 0]);
    expect(none.slice(1).reduce((s, r) => s + (r[2] as number), 0)).toBe(48);
  });

  it('fills each local half-hour slot from two native ones', () => {
    const profile = run(data, 'Pacific/Chatham', '2024-01-15', '2024-01-16', 'profile');
    expect(profile.slice(1).every((r) => r[1] === 1 && r[2] === 2)).toBe(true);
  });
});
