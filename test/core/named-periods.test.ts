// Named periods ("yesterday", "last-week"…) in the core's argument parsing: relative to the
// function's clock and zone, so they work for every provider, the demo meter included.
import { describe, expect, it } from 'vitest';
import { runSync } from '../../shared/flow';
import { parseDayRange, parsePeriods } from '../../shared/functions/args';
import { resultCacheKey, runFunction, userError } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import { type Table, tableToJson } from '../../shared/table';
import { formatDay } from '../../shared/time/civil';
import { NAMED_PERIODS, namedPeriodDays, namedPeriodOf } from '../../shared/time/named-periods';
import { day } from '../helpers/series';

const days = (name: (typeof NAMED_PERIODS)[number], today: string) => {
  const d = namedPeriodDays(name, day(today));
  return [formatDay(d.first), formatDay(d.last)];
};

describe('named periods', () => {
  it('are whole local days relative to today; weeks start on Monday', () => {
    // Wednesday 2025-07-23
    expect(days('yesterday', '2025-07-23')).toEqual(['2025-07-22', '2025-07-22']);
    expect(days('last-seven-days', '2025-07-23')).toEqual(['2025-07-16', '2025-07-22']);
    expect(days('this-week', '2025-07-23')).toEqual(['2025-07-21', '2025-07-23']);
    expect(days('last-week', '2025-07-23')).toEqual(['2025-07-14', '2025-07-20']);
    expect(days('this-month', '2025-07-23')).toEqual(['2025-07-01', '2025-07-23']);
    expect(days('last-month', '2025-07-23')).toEqual(['2025-06-01', '2025-06-30']);
  });

  it('cross year, month and week boundaries', () => {
    expect(days('yesterday', '2025-01-01')).toEqual(['2024-12-31', '2024-12-31']);
    expect(days('last-month', '2025-01-15')).toEqual(['2024-12-01', '2024-12-31']);
    expect(days('last-month', '2024-03-31')).toEqual(['2024-02-01', '2024-02-29']);
    // On a Monday this week is today alone; on a Sunday it is the whole week.
    expect(days('this-week', '2025-07-21')).toEqual(['2025-07-21', '2025-07-21']);
    expect(days('this-week', '2025-07-27')).toEqual(['2025-07-21', '2025-07-27']);
    expect(days('last-week', '2025-07-27')).toEqual(['2025-07-14', '2025-07-20']);
  });

  it('map a range of days back to its name, only on an exact match', () => {
    const today = day('2025-07-23');
    expect(namedPeriodOf(day('2025-07-14'), day('2025-07-20'), today)).toBe('last-week');
    expect(namedPeriodOf(day('2025-06-01'), day('2025-06-30'), today)).toBe('last-month');
    expect(namedPeriodOf(day('2025-06-01'), day('2025-06-29'), today)).toBeNull();
    for (const name of NAMED_PERIODS) {
      const d = namedPeriodDays(name, today);
      expect(namedPeriodOf(d.first, d.last, today)).toBe(name);
    }
  });
});

describe('date arguments with named periods', () => {
  // 22:30 UTC on Tuesday 22 July: 23:30 in London, already Wednesday 00:30 in Rome.
  const now = Date.UTC(2025, 6, 22, 22, 30);
  const range = (s: unknown, e: unknown, zone: string) => {
    const r = parseDayRange(s, e, zone, { now, zone });
    return [formatDay(r.first), formatDay(r.last), r.label];
  };

  it('are read in the zone the days are counted in, case and spacing forgiven', () => {
    expect(range('yesterday', '', 'Europe/London')).toEqual([
      '2025-07-21',
      '2025-07-21',
      'yesterday',
    ]);
    expect(range('Yesterday', '', 'Europe/Rome')).toEqual([
      '2025-07-22',
      '2025-07-22',
      'yesterday',
    ]);
    expect(range('LAST WEEK', null, 'Europe/Rome')).toEqual([
      '2025-07-14',
      '2025-07-20',
      'last-week',
    ]);
    expect(range('last_month', undefined, 'Europe/Rome')).toEqual([
      '2025-06-01',
      '2025-06-30',
      'last-month',
    ]);
    // As start and end of a longer range, like any other date.
    expect(range('last-month', 'this-month', 'Europe/Rome')).toEqual([
      '2025-06-01',
      '2025-07-23',
      '2025-06-01..2025-07-23',
    ]);
  });

  it('explain a misspelt name, and leave the other date errors as they were', () => {
    const zone = 'Europe/London';
    expect(() => parseDayRange('yesteday', '', zone, { now, zone })).toThrow(
      'start: expected a date like 2024-01-31 or 2024-01, or one of yesterday, last-seven-days, this-week, last-week, this-month, last-month, got "yesteday"',
    );
    expect(() => parseDayRange('2024-13-01', '', zone, { now, zone })).toThrow(
      'start: expected a date like 2024-01-31 or 2024-01, got "2024-13-01"',
    );
    expect(() => parseDayRange('this-month', 'last-month', zone, { now, zone })).toThrow(
      'end: 2025-06-30 is before start 2025-07-01; swap them',
    );
    // Without a clock (older callers) a name is just not a date.
    expect(() => parseDayRange('yesterday', '', zone)).toThrow(
      'start: expected a date like 2024-01-31 or 2024-01, got "yesterday"',
    );
  });

  it('work in METER_COMPARE periods, labelled by name', () => {
    const zone = 'Europe/London';
    const labels = parsePeriods('last-week, this-week, 2025-01', zone, { now, zone }).map(
      (p) => p.label,
    );
    expect(labels).toEqual(['last-week', 'this-week', '2025-01']);
  });
});

describe('METER_USAGE("yesterday") on the demo meter', () => {
  const now = Date.UTC(2025, 2, 31, 12, 0); // Monday 31 March 2025, 13:00 BST
  const env: FunctionEnv = { settings: { providers: {} }, clock: () => now };
  const call = (...args: unknown[]) =>
    tableToJson(runSync(runFunction('USAGE', args, env), { fetchAll: () => [] }) as Table);

  it('is the same table as naming the date, spring-forward day and all', () => {
    const named = call('yesterday');
    expect(named).toEqual(call('2025-03-30'));
    expect(named).toHaveLength(1 + 46); // 30 March 2025: the clocks went forward
    expect(call('last-week', '', 'day')).toEqual(call('2025-03-24', '2025-03-30', 'day'));
    expect(call('last-month', 'last-month', 'month')).toEqual(call('2025-02', '2025-02', 'month'));
  });

  it('is not cached past midnight, when "last-week" becomes another week', () => {
    const ttlAt = (utc: number, args: unknown[]) => {
      const env2: FunctionEnv = { ...env, clock: () => utc };
      const ttls = new Map<string, number>();
      runSync(runFunction('USAGE', args, env2), {
        fetchAll: () => [],
        cacheGet: (keys) => keys.map(() => null),
        cachePut: (entries) => entries.forEach((e) => ttls.set(e.key, e.ttlSeconds)),
      });
      return ttls.get(resultCacheKey('USAGE', args, env2));
    };
    // Wednesday 2 April 2025: a complete past week keeps for 6 h at 13:00 BST...
    expect(ttlAt(Date.UTC(2025, 3, 2, 12, 0), ['last-week', '', 'day'])).toBe(6 * 3600);
    // ...but at 23:00 BST only until midnight, and so does a named date that never moves.
    expect(ttlAt(Date.UTC(2025, 3, 2, 22, 0), ['last-week', '', 'day'])).toBe(3600);
    expect(ttlAt(Date.UTC(2025, 3, 2, 22, 0), ['2025-03-24', '2025-03-30', 'day'])).toBe(6 * 3600);
  });

  it('names the periods when the argument is a word that is not one', () => {
    try {
      call('the day before');
      throw new Error('expected an error');
    } catch (e) {
      expect(userError(e, env).message).toBe(
        'start: expected a date like 2024-01-31 or 2024-01, or one of yesterday, last-seven-days, this-week, last-week, this-month, last-month, got "the day before"',
      );
    }
  });
});
