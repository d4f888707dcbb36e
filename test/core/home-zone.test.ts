// A meter's home zone: functions count days in the zone their argument names, else the
// settings', else the meter's own (a Dutch HomeWizard meter's days are Dutch), else
// Europe/London. Each step of that precedence is checked here, with named periods, date
// cells and METER_NOW's time, through runFunction as every host calls it.
import { describe, expect, it } from 'vitest';
import { isMeterError } from '../../shared/errors';
import { type Flow, type SyncIO, fetchOne, pure, runSync } from '../../shared/flow';
import { runFunction } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import type { HttpRequest } from '../../shared/http';
import type { Meter, NowReading, Series } from '../../shared/model';
import type { Provider, UsageQuery } from '../../shared/providers';
import { demoProvider } from '../../shared/providers/demo';
import { type Table, tableToJson } from '../../shared/table';
import { MS_PER_HALF_HOUR } from '../../shared/time/civil';

const meter = (id: string, homeZone?: string): Meter => ({
  id: `zoned:${id}`,
  provider: 'zoned',
  fuel: 'electricity',
  direction: 'import',
  firstDay: null,
  lastDay: null,
  label: id,
  grid: { kind: 'fixed', stepMs: MS_PER_HALF_HOUR },
  ...(homeZone ? { homeZone } : {}),
});

const METERS = [
  meter('dutch', 'Europe/Amsterdam'),
  meter('nowhere'),
  meter('bogus', 'Not/AZone'),
  meter('tokyo', 'Asia/Tokyo'),
];

// The meter list comes over HTTP (and through the meter cache, as JSON), like any provider's.
function* listMeters(): Flow<Meter[]> {
  const r = yield* fetchOne({ method: 'GET', url: 'https://zoned.test/meters' });
  return JSON.parse(r.body) as Meter[];
}

function usage(_ctx: unknown, q: UsageQuery): Flow<Series> {
  const intervals = [];
  for (let t = q.span.from; t < q.span.to; t += MS_PER_HALF_HOUR)
    intervals.push({ start: t, end: t + MS_PER_HALF_HOUR, kwh: 0.5 });
  return pure({ intervals, carbon: false, cost: false });
}

const READING_AT = Date.UTC(2024, 5, 1, 12, 0, 0);
function now(): Flow<NowReading> {
  return pure({ time: READING_AT, demandW: 250, counters: [] });
}

const zoned: Provider = {
  id: 'zoned',
  label: 'Zoned',
  fields: [],
  hosts: ['zoned.test'],
  listMeters: listMeters as Provider['listMeters'],
  usage: usage as unknown as Provider['usage'],
  now: now as Provider['now'],
};

function harness(settings: Partial<FunctionEnv['settings']> = {}, clock = Date.UTC(2024, 5, 10)) {
  const requests: HttpRequest[] = [];
  const cache = new Map<string, string>();
  const io: SyncIO = {
    fetchAll: (reqs) => {
      requests.push(...reqs);
      return reqs.map(() => ({ status: 200, headers: {}, body: JSON.stringify(METERS) }));
    },
    cacheGet: (keys) => keys.map((k) => cache.get(k) ?? null),
    cachePut: (entries) => entries.forEach((e) => cache.set(e.key, e.value)),
  };
  const env: FunctionEnv = {
    settings: { providers: {}, ...settings },
    clock: () => clock,
    providers: [demoProvider, zoned],
  };
  const call = (id: string, ...args: unknown[]) =>
    tableToJson(runSync(runFunction(id, args, env), io) as Table);
  return { call, requests, env };
}

/** The first row's Start cell of METER_USAGE(day, "day", meter, tz). */
function dayStart(h: ReturnType<typeof harness>, day: unknown, m: string, tz?: string) {
  const rows = h.call('USAGE', day, day, 'day', `zoned:${m}`, tz);
  expect(rows).toHaveLength(2);
  return rows[1][0];
}

describe("a meter's home zone", () => {
  it("counts days in the meter's home zone when neither argument nor settings name one", () => {
    expect(dayStart(harness(), '2024-06-01', 'dutch')).toBe('2024-06-01T00:00:00+02:00');
    expect(dayStart(harness(), '2024-06-01', 'tokyo')).toBe('2024-06-01T00:00:00+09:00');
  });

  it('Settings beat the home zone', () => {
    const h = harness({ timezone: 'Europe/London' });
    expect(dayStart(h, '2024-06-01', 'dutch')).toBe('2024-06-01T00:00:00+01:00');
  });

  it('the argument beats Settings and the home zone', () => {
    const h = harness({ timezone: 'Europe/London' });
    expect(dayStart(h, '2024-06-01', 'dutch', 'America/New_York')).toBe(
      '2024-06-01T00:00:00-04:00',
    );
  });

  it('without a home zone (or with one Intl does not know) days are London days', () => {
    expect(dayStart(harness(), '2024-06-01', 'nowhere')).toBe('2024-06-01T00:00:00+01:00');
    expect(dayStart(harness(), '2024-06-01', 'bogus')).toBe('2024-06-01T00:00:00+01:00');
  });

  it('named periods are read in the home zone: at 23:30 London time "yesterday" in Amsterdam is a day later', () => {
    // 2024-06-10 22:30 UTC: 23:30 in London (yesterday = 9 June), 00:30 on 11 June in
    // Amsterdam (yesterday = 10 June).
    const h = harness({}, Date.UTC(2024, 5, 10, 22, 30));
    expect(dayStart(h, 'yesterday', 'dutch')).toBe('2024-06-10T00:00:00+02:00');
    expect(dayStart(h, 'yesterday', 'nowhere')).toBe('2024-06-09T00:00:00+01:00');
  });

  it("a date cell is a day in the spreadsheet's zone, counted in the home zone", () => {
    // Sheets hands a date cell over as midnight in the spreadsheet's zone.
    const h = harness();
    const cell = new Date(Date.UTC(2024, 5, 1) - 2 * 3_600_000); // 1 June 00:00 in Amsterdam
    h.env.cellZone = 'Europe/Amsterdam';
    expect(dayStart(h, cell, 'dutch')).toBe('2024-06-01T00:00:00+02:00');
  });

  it('METER_COMPARE and METER_NOW use the home zone too', () => {
    const h = harness();
    const slots = h.call('COMPARE', '2024-06-01', 'zoned:dutch');
    expect(slots[0]).toEqual(['Time', '2024-06-01']);
    expect(slots).toHaveLength(1 + 48);
    expect(h.call('NOW', 'zoned:dutch')[1][0]).toBe('2024-06-01T14:00:00+02:00');
    expect(h.call('NOW', 'zoned:nowhere')[1][0]).toBe('2024-06-01T13:00:00+01:00');
    const london = harness({ timezone: 'Europe/London' });
    expect(london.call('NOW', 'zoned:dutch')[1][0]).toBe('2024-06-01T13:00:00+01:00');
  });

  it('bad arguments are refused before any request, whatever the meter', () => {
    const h = harness();
    for (const args of [
      ['not-a-day', undefined, 'day', 'zoned:dutch'],
      ['2024-06-01', '2024-06-01', 'fortnight', 'zoned:dutch'],
      ['2024-06-01', '2024-06-01', 'day', 'zoned:dutch', 'Mars/Olympus'],
    ]) {
      let error: unknown = null;
      try {
        h.call('USAGE', ...args);
      } catch (e) {
        error = e;
      }
      expect(isMeterError(error) && error.kind).toBe('argument');
    }
    expect(h.requests).toHaveLength(0);
  });
});
