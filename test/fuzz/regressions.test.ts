// One test per bad-input bug the fuzzers (and the hunt before them) found, each as a user
// would meet it: the call, and the message it must now answer with.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsFrom } from '../../cli/main';
import { applyUpdate } from '../../excel-addin/functions/settings-store';
import { toSheetData } from '../../excel-addin/taskpane/sheet-data';
import { columnFormats, toSheetValues } from '../../gas/values';
import { MeterError } from '../../shared/errors';
import { runSync } from '../../shared/flow';
import { parseDateArg, parseDayRange, parsePeriods } from '../../shared/functions/args';
import { runFunction } from '../../shared/functions/run';
import { frameToTable } from '../../shared/providers/aiaas/wire';
import { fieldsByProvider } from '../../shared/providers';
import { emptySettings, isAcceptableBaseUrl, validateSettings } from '../../shared/settings';
import { urlOrigin } from '../../shared/http';
import { type Table, dateTimeCell } from '../../shared/table';
import { ExcelError, excelErrorOf, loadFunctionsBundle } from '../excel/harness';
import { syncMockIO } from '../mocks/mock-http';

const FIELDS = fieldsByProvider();
const LONDON = 'Europe/London';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MeterError);
    return (e as Error).message;
  }
  throw new Error('expected a MeterError');
}

describe('dates a spreadsheet cannot show are refused, naming the argument and the bounds', () => {
  it('text before 1900-03-01 or after 9999-12-31 (years 0001, 1899, 10000…)', () => {
    const bounds = 'expected a date from 1900-03-01 to 9999-12-31';
    expect(messageOf(() => parseDateArg('0001-01-01', 'start', LONDON))).toBe(
      `start: ${bounds}, got "0001-01-01"`,
    );
    expect(messageOf(() => parseDateArg('1899-12-31', 'end', LONDON))).toContain(bounds);
    expect(messageOf(() => parseDateArg('1899', 'start', LONDON))).toContain(bounds);
    expect(messageOf(() => parseDateArg('1900-02', 'start', LONDON))).toContain(bounds);
    expect(parseDateArg('1900-03-01', 'start', LONDON).label).toBe('1900-03-01');
    expect(parseDateArg('9999-12-31', 'start', LONDON).label).toBe('9999-12-31');
  });

  it('Date cells far outside say where they fall, not "Invalid time value"', () => {
    expect(messageOf(() => parseDateArg(new Date(-1e15), 'start', LONDON))).toBe(
      'start: expected a date from 1900-03-01 to 9999-12-31, got a date before 1900-03-01',
    );
    expect(messageOf(() => parseDateArg(new Date(8.64e15), 'end', LONDON))).toBe(
      'end: expected a date from 1900-03-01 to 9999-12-31, got a date after 9999-12-31',
    );
  });

  it('impossible days (30 February) are not dates', () => {
    expect(messageOf(() => parseDayRange('2024-02-30', '', LONDON))).toContain('got "2024-02-30"');
    expect(messageOf(() => parsePeriods('2023-02-29', LONDON))).toContain('got "2023-02-29"');
  });
});

describe('METER_COMPARE over a huge span is refused at once, not computed', () => {
  it('1900..9999 (which ran out of memory) and decades in all', () => {
    const started = performance.now();
    expect(messageOf(() => parsePeriods('1900-03-01..9999-12-31', LONDON))).toMatch(
      /^periods: expected at most 10 years of days in all, got 2958405 days/,
    );
    expect(messageOf(() => parsePeriods('1990-01-01..1999-12-31, 2000-01', LONDON))).toMatch(
      /^periods: expected at most 10 years of days in all/,
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(
      parsePeriods('2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023', LONDON),
    ).toHaveLength(9);
  });

  it('too many periods are counted before any is parsed', () => {
    const column = Array.from({ length: 5000 }, () => ['not a period']);
    expect(messageOf(() => parsePeriods(column, LONDON))).toBe(
      'periods: expected at most 24 periods, got 5000',
    );
  });
});

describe('decades of half-hours are refused on every host, not built in memory', () => {
  it('the core (CLI, Excel, imports): more than 250,000 rows', () => {
    const env = { settings: emptySettings(), clock: () => Date.UTC(2025, 0, 10) };
    const run = () =>
      runSync(runFunction('USAGE', ['1990-01-01', '2019-12-31', 'none'], env), syncMockIO({}));
    expect(messageOf(run)).toBe(
      'METER_USAGE: this range is about 525,936 rows, more than 250,000; ask for a coarser ' +
        'aggregate (hour, day, week or month) or a shorter range',
    );
  });

  it('Excel: #N/A with that message, at once (it used to spill 525,937 rows)', async () => {
    const { call } = loadFunctionsBundle();
    const started = performance.now();
    const e = await excelErrorOf(call('USAGE', '1990-01-01', '2019-12-31', 'none'));
    expect(e).toBeInstanceOf(ExcelError);
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/^METER\.USAGE: this range is about 525,936 rows/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('long tables do not overflow the stack (Math.max(...rows))', () => {
  const rows = 300_000; // an import of 17 years of half-hours
  const long: Table = [['Start', 'kWh']];
  for (let i = 0; i < rows; i++) long.push([dateTimeCell(i * 1_800_000, 0), 0.1]);

  it('Sheets import: values and column formats', () => {
    const values = toSheetValues(long, LONDON);
    expect(values).toHaveLength(rows + 1);
    expect(values[rows]).toHaveLength(2);
    expect(columnFormats(long)).toEqual(['yyyy-mm-dd hh:mm', '0.000']);
  });

  it('Excel task pane import', () => {
    const data = toSheetData(long);
    expect(data.rows).toBe(rows + 1);
    expect(data.columns).toBe(2);
  });

  it('aiaas: a long table from the API', () => {
    const n = 200_000;
    const frame = {
      index: Array.from({ length: n }, (_, i) => i),
      columns: ['fridge'],
      data: Array.from({ length: n }, () => [1]),
    };
    const table = frameToTable(frame, {
      indexHeaders: ['Minute'],
      zone: 'Europe/Rome',
      what: 'power',
    });
    expect(table).toHaveLength(n + 1);
    expect(table[0]).toEqual(['Minute', 'fridge']);
  });
});

describe('settings: a clear message naming the field, never a crash or a secret', () => {
  const doc = (providers: string) => JSON.parse(`{"providers": ${providers}}`);

  it('prototype keys as provider ids ("constructor" used to crash: fields.find is not a function)', () => {
    for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(messageOf(() => validateSettings(doc(`{"${id}": {"token": "x"}}`), FIELDS))).toMatch(
        new RegExp(`^settings\\.providers\\.${id}: expected a known provider`),
      );
  });

  it('unknown top-level keys (a misspelt "timeZone" was silently ignored)', () => {
    expect(messageOf(() => validateSettings({ timeZone: 'Asia/Tokyo' }, FIELDS))).toBe(
      'settings.timeZone: expected one of the keys defaultMeter, timezone, providers, carbon, currency, tariffs',
    );
  });

  it('a base URL with user:password@ is refused without quoting it', () => {
    const secret = 'PLANTEDpassword42';
    const m = messageOf(() =>
      validateSettings(
        {
          providers: {
            powershaper: {
              token: 'A1'.repeat(20),
              baseUrl: `https://me:${secret}@api.example.com`,
            },
          },
        },
        FIELDS,
      ),
    );
    expect(m).toMatch(
      /^settings\.providers\.powershaper\.baseUrl: expected a URL without a user name or password in it/,
    );
    expect(m).not.toContain(secret);
  });

  it('http://127.0.0.1@example.com is example.com, not this machine', () => {
    expect(urlOrigin('http://127.0.0.1@example.com/api')).toBeNull();
    expect(urlOrigin('http://127.0.0.1:8080/api')?.host).toBe('127.0.0.1');
    expect(isAcceptableBaseUrl('http://127.0.0.1@example.com')).toBe(false);
    expect(isAcceptableBaseUrl('http://127.0.0.1:80@example.com')).toBe(false);
    expect(isAcceptableBaseUrl('http://localhost:3000/x')).toBe(true);
  });

  it('Excel store: a provider sent as null or a "__proto__" id is refused by name, not a TypeError', () => {
    const update = (providers: string) => JSON.parse(`{"providers": ${providers}}`);
    expect(messageOf(() => applyUpdate(emptySettings(), update('{"octopus": null}'), FIELDS))).toBe(
      'settings.providers.octopus: expected an object',
    );
    expect(
      messageOf(() =>
        applyUpdate(emptySettings(), update('{"__proto__": {"token": "x"}}'), FIELDS),
      ),
    ).toMatch(/^settings\.providers\.__proto__: expected a known provider/);
    expect(
      messageOf(() => applyUpdate(emptySettings(), JSON.parse('{"timeZone": "UTC"}'), FIELDS)),
    ).toMatch(/^settings\.timeZone: expected one of the keys/);
  });

  it('CLI: a config file that is a list or a string is refused as a whole, not spread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meter-config-'));
    try {
      for (const text of ['["a", "b"]', '"text"', '42']) {
        const file = join(dir, 'config.json');
        writeFileSync(file, text);
        expect(messageOf(() => settingsFrom({ config: file }))).toBe(
          'settings.(root): expected an object',
        );
      }
      writeFileSync(join(dir, 'p.json'), '{"providers": "octopus"}');
      expect(messageOf(() => settingsFrom({ config: join(dir, 'p.json') }))).toBe(
        'settings.providers: expected an object',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
