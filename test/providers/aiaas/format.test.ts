// The aiaas API's formats, read from the examples in its reference: year-day-month
// timestamps, and {index, columns, data} tables turned into spreadsheet tables by one
// converter whatever the index holds (timestamps, numbers, [weekday, hour] pairs).
import { describe, expect, it } from 'vitest';
import { isMeterError } from '../../../shared/errors';
import { asFrame, columnsAsRows, frameToTable } from '../../../shared/providers/aiaas/wire';
import { parseStamp, readStamps } from '../../../shared/providers/aiaas/stamps';
import { powerSamples, samplesToIntervals } from '../../../shared/providers/aiaas/usage';
import { tableToJson } from '../../../shared/table';
// The reference's examples, verbatim.
import CONSUMPTION from './fixtures/consumption.json';
import DISTRIBUTION from './fixtures/distribution.json';
import HABITS from './fixtures/habits.json';

const utc = (s: string) => Date.parse(s);

describe('timestamps', () => {
  it('read year-day-month and year-month-day, with or without offsets and seconds', () => {
    expect(parseStamp('2025-21-07T00:00:00Z', 'ydm')).toBe(utc('2025-07-21T00:00:00Z'));
    expect(parseStamp('2025-06-21T00:00:00Z', 'ymd')).toBe(utc('2025-06-21T00:00:00Z'));
    expect(parseStamp('2025-22-07T08:58:00Z', 'ydm')).toBe(utc('2025-07-22T08:58:00Z'));
    expect(parseStamp('2025-07-22T10:58:00+02:00', 'ymd')).toBe(utc('2025-07-22T08:58:00Z'));
    expect(parseStamp('2025-07-22 08:58:30.250', 'ymd')).toBe(utc('2025-07-22T08:58:30.250Z'));
    expect(parseStamp('2025-07-22', 'ymd')).toBe(utc('2025-07-22T00:00:00Z'));
    // Not real instants in that order:
    expect(parseStamp('2025-21-07T00:00:00Z', 'ymd')).toBeNull();
    expect(parseStamp('2025-31-02T00:00:00Z', 'ydm')).toBeNull();
    expect(parseStamp('2025-07-22T25:00:00Z', 'ymd')).toBeNull();
    expect(parseStamp('yesterday', 'ymd')).toBeNull();
  });

  it('settle the order per group: a day above 12 decides, else the window asked about', () => {
    // The reference's own: unambiguous.
    expect(readStamps(['2025-21-07T00:00:00Z', '2025-21-07T00:01:00Z'])?.order).toBe('ydm');
    expect(readStamps(['2025-06-21T00:00:00Z', '2025-06-28T00:00:00Z'])?.order).toBe('ymd');
    // One unambiguous stamp settles the whole group.
    expect(readStamps(['2025-05-07T23:59:00Z', '2025-13-07T00:00:00Z'])?.order).toBe('ydm');
    // 5 July or 7 May? The window we asked about says.
    const july = { from: utc('2025-07-05T00:00:00Z'), to: utc('2025-07-06T00:00:00Z') };
    const may = { from: utc('2025-05-07T00:00:00Z'), to: utc('2025-05-08T00:00:00Z') };
    expect(readStamps(['2025-05-07T10:00:00Z'], { window: july })?.times).toEqual([
      utc('2025-07-05T10:00:00Z'),
    ]);
    expect(readStamps(['2025-05-07T10:00:00Z'], { window: may })?.times).toEqual([
      utc('2025-05-07T10:00:00Z'),
    ]);
    // Without a window: the order that keeps the group ascending and compact…
    const week = ['2025-01-07T00:00:00Z', '2025-02-07T00:00:00Z', '2025-03-07T00:00:00Z'];
    expect(readStamps(week, { fallback: 'ymd' })?.order).toBe('ydm'); // 1–3 July, not Jan–Mar
    // …and the caller's default when nothing tells them apart.
    expect(readStamps(['2025-05-07T10:00:00Z'], { fallback: 'ymd' })?.order).toBe('ymd');
    expect(readStamps(['2025-05-07T10:00:00Z'])?.order).toBe('ydm');
    expect(readStamps(['2025-21-07T00:00:00Z', '2025-07-21T00:00:00Z'])).toBeNull();
  });
});

describe('the table converter', () => {
  it('turns a timestamp index into date-times in the requested zone', () => {
    const t = frameToTable(asFrame(CONSUMPTION, 'x'), {
      indexHeaders: ['Time'],
      unit: 'W',
      zone: 'Europe/Rome',
      what: 'x',
    });
    expect(tableToJson(t)).toEqual([
      ['Time', 'fridge (W)', 'washingMachine (W)'],
      ['2025-07-21T02:00:00+02:00', 150, 82],
      ['2025-07-21T02:01:00+02:00', 600, 550],
    ]);
  });

  it('spreads [weekday, hour] pairs over two columns and skips the elided rows', () => {
    const t = tableToJson(
      frameToTable(asFrame(HABITS, 'habits'), {
        indexHeaders: ['Weekday (0 = Monday)', 'Hour'],
        unit: 'Wh',
        zone: 'UTC',
        what: 'habits',
      }),
    );
    expect(t[0]).toEqual(['Weekday (0 = Monday)', 'Hour', 'consumption (Wh)']);
    expect(t.slice(1)).toEqual([
      [0, 0, 200],
      [0, 1, 210],
      [0, 2, 532],
      [0, 3, 1230],
      [2, 2, 150],
      [2, 3, 302],
      [2, 4, 659],
      [6, 21, 2301],
      [6, 22, 1690],
      [6, 23, 1173],
    ]);
  });

  it('keeps numeric indexes, names unexpected index shapes generically, and turns one-row tables on their side', () => {
    const trend = {
      index: [1, 2],
      columns: ['f1', 'f2', 'f3'],
      data: [
        [33924, 35251, 59423],
        [31245, 36789, null],
      ],
    };
    expect(
      tableToJson(
        frameToTable(asFrame(trend, 't'), {
          indexHeaders: ['Month'],
          unit: 'Wh',
          zone: 'UTC',
          what: 't',
        }),
      ),
    ).toEqual([
      ['Month', 'f1 (Wh)', 'f2 (Wh)', 'f3 (Wh)'],
      [1, 33924, 35251, 59423],
      [2, 31245, 36789, null],
    ]);
    const odd = { index: [[1, 'a', 3]], columns: ['v'], data: [['7']] };
    expect(
      tableToJson(
        frameToTable(asFrame(odd, 'o'), { indexHeaders: ['Month'], zone: 'UTC', what: 'o' }),
      ),
    ).toEqual([
      ['Index 1', 'Index 2', 'Index 3', 'v'],
      [1, 'a', 3, 7],
    ]);
    const wide = frameToTable(asFrame(DISTRIBUTION, 'd'), {
      indexHeaders: [],
      zone: 'UTC',
      what: 'd',
    });
    expect(tableToJson(columnsAsRows(wide, ['Appliance', 'Wh']))).toEqual([
      ['Appliance', 'Wh'],
      ['fridge', 1200],
      ['oven', 900],
      ['smallAppliances', 1100],
    ]);
  });

  it('refuses what is not such a table, or timestamps that are no dates', () => {
    const bad = (raw: unknown) => {
      try {
        frameToTable(asFrame(raw, 'trend'), {
          indexHeaders: ['Month'],
          zone: 'UTC',
          what: 'trend',
        });
      } catch (e) {
        expect(isMeterError(e)).toBe(true);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(bad({ index: [1], columns: ['f1'] })).toBe(
      'aiaas sent trend without the expected {index, columns, data} table',
    );
    expect(bad(null)).toBe('aiaas sent trend without the expected {index, columns, data} table');
    expect(
      bad({
        index: ['2025-21-07T00:00:00Z', '2025-07-21T00:00:00Z'],
        columns: ['x'],
        data: [[1], [2]],
      }),
    ).toBe('aiaas sent trend with timestamps that are not real dates');
  });
});

describe('power samples to energy', () => {
  const window = { from: utc('2025-07-21T00:00:00Z'), to: utc('2025-07-21T00:05:00Z') };

  it('sums the appliances and holds each sample for its spacing: kWh = W × minutes / 60000', () => {
    const samples = powerSamples({ electricity_data: CONSUMPTION }, window);
    expect(samples).toEqual([
      { time: window.from, watts: 232 },
      { time: window.from + 60_000, watts: 1150 },
    ]);
    const iv = samplesToIntervals(samples, window);
    expect(iv.map((i) => [i.start - window.from, i.end - window.from, i.kwh])).toEqual([
      [0, 60_000, 232 / 60_000],
      [60_000, 120_000, 1150 / 60_000],
      // The rest of the window had no samples: Missing, minute by minute.
      [120_000, 180_000, null],
      [180_000, 240_000, null],
      [240_000, 300_000, null],
    ]);
  });

  it('counts Missing in the native spacing, and a missing reading makes its sample missing', () => {
    const q = (m: number) => `2025-21-07T00:${String(m).padStart(2, '0')}:00Z`;
    const hour = { from: window.from, to: window.from + 3_600_000 };
    const data = {
      electricity_data: {
        index: [q(0), q(15), q(45)],
        columns: ['fridge', 'oven'],
        data: [
          [100, 0],
          [100, null],
          [100, 2000],
        ],
      },
    };
    const iv = samplesToIntervals(powerSamples(data, hour), hour);
    expect(
      iv.map((i) => [(i.start - hour.from) / 60_000, (i.end - hour.from) / 60_000, i.kwh]),
    ).toEqual([
      [0, 15, 0.025],
      [15, 30, null],
      [30, 45, null],
      [45, 60, 0.525],
    ]);
  });
});
