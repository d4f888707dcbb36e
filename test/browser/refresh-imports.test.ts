// Refreshable imports in the task pane (headless Chromium, Office stubbed as in
// taskpane.test.ts): an import remembers its query with its sheet; Refresh on the ribbon
// re-runs it a day later and rewrites the same table in place (a rolling period moves on,
// a growing one gains a row, a shrinking one clears what is left over); a provider that
// fails leaves its table untouched and is reported; the opt-in checkbox sets the
// add-in's startup behaviour, and an opted-in workbook refreshes once when it opens.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMEMBERED_KEY } from '../../excel-addin/taskpane/remembered';
import { toSheetData } from '../../excel-addin/taskpane/sheet-data';
import { runSync } from '../../shared/flow';
import { runFunction } from '../../shared/functions/run';
import type { Table } from '../../shared/table';
import type { RunningServer } from '../../server/server';
import { launch, servePane } from './browser-env';
import { type ExcelLog, installOfficeStub } from './office-stub';

const ZONE = 'Europe/London';
const METER = 'demo:electricity';
/** A Wednesday: this-week has 3 days, this-month 31, last-seven-days 24–30 July. */
const DAY_ONE = Date.parse('2024-07-31T09:00:00Z');
/** The next morning: this-week grows to 4 days, this-month shrinks to 1, the seven move on. */
const DAY_TWO = Date.parse('2024-08-01T09:00:00Z');

let browser: Browser | undefined;
let server: RunningServer;

beforeAll(async () => {
  server = await servePane();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPane(now: number, ...extra: (() => void)[]): Promise<Page> {
  browser ??= await launch();
  const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
  page.on('pageerror', (e) => {
    throw e;
  });
  // Date.now moves only when told; timers keep running.
  await page.clock.setFixedTime(now);
  await page.addInitScript(installOfficeStub);
  for (const script of extra) await page.addInitScript(script);
  await page.goto(`http://127.0.0.1:${server.port}/taskpane.html`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

const excelLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { __excelLog: ExcelLog }).__excelLog);

async function waitForStatus(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('status')?.textContent ?? ''),
    pattern.source,
  );
  return (await page.textContent('#status')) ?? '';
}

/** What the core makes of USAGE at `now`: what the sheet must hold. */
function expected(period: string, now: number): ReturnType<typeof toSheetData> {
  const table: Table = runSync(
    runFunction('USAGE', [period, null, 'day', METER, ZONE], {
      settings: { providers: {} },
      clock: () => now,
    }),
    { fetchAll: () => [] },
  );
  return toSheetData(table);
}

async function importPeriod(page: Page, period: string): Promise<void> {
  await page.click('#tab-import');
  await page.selectOption('#import-meter', METER);
  await page.selectOption('#import-period', period);
  await page.selectOption('#import-aggregate', 'day');
  await page.fill('#import-timezone', ZONE);
  await page.evaluate(() => {
    const status = document.getElementById('status');
    if (status) status.textContent = '';
  });
  await page.click('#import-form button[type=submit]');
  await waitForStatus(page, /^Wrote/);
}

async function clickRefresh(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const log = (window as unknown as { __excelLog: ExcelLog }).__excelLog;
    await log.actions.meterRefresh({ completed: () => log.completed.push('meterRefresh') });
  });
}

const valuesWrites = (log: ExcelLog) => log.writes.filter((w) => w.property === 'values');

describe('refreshable imports', () => {
  it('remembers the query and rewrites each table in place a day later', async () => {
    const page = await openPane(DAY_ONE);
    for (const period of ['last-seven-days', 'this-week', 'this-month'])
      await importPeriod(page, period);
    expect(await page.textContent('#status')).toContain('Refresh on the ribbon runs it again');
    const before = await excelLog(page);
    const sheets = ['Usage last-seven-days day', 'Usage this-week day', 'Usage this-month day'];
    expect(before.sheets).toEqual(sheets);
    // The user's own words are kept: the period moves on with each refresh.
    expect(JSON.parse(before.customProperties[sheets[0]][REMEMBERED_KEY])).toEqual({
      v: 1,
      table: expect.stringMatching(/^\{stub-table-\d+\}$/),
      start: 'last-seven-days',
      end: null,
      aggregate: 'day',
      meter: METER,
      zone: ZONE,
    });
    const dayOne = ['last-seven-days', 'this-week', 'this-month'].map((p) => expected(p, DAY_ONE));
    expect(dayOne.map((d) => d.rows)).toEqual([8, 4, 32]); // header + 7, 3, 31 days
    expect(valuesWrites(before).map((w) => w.data)).toEqual(dayOne.map((d) => d.values));

    await page.clock.setFixedTime(DAY_TWO);
    const writesBefore = before.writes.length;
    await clickRefresh(page);
    const status = await waitForStatus(page, /^Refreshed 3 imports/);
    const after = await excelLog(page);
    const dayTwo = ['last-seven-days', 'this-week', 'this-month'].map((p) => expected(p, DAY_TWO));
    expect(dayTwo.map((d) => d.rows)).toEqual([8, 5, 2]);
    // No new sheet or table: the same tables, resized where their row count changed.
    expect(after.sheets).toEqual(sheets);
    expect(after.tables.map((t) => [t.sheet, t.address, t.style])).toEqual([
      [sheets[0], 'A1:F8', 'TableStyleMedium2'],
      [sheets[1], 'A1:F5', 'TableStyleMedium2'],
      [sheets[2], 'A1:F2', 'TableStyleMedium2'],
    ]);
    expect(after.resizes).toEqual([
      { sheet: sheets[0], from: 'A1:F8', to: 'A1:F8' },
      { sheet: sheets[1], from: 'A1:F4', to: 'A1:F5' },
      { sheet: sheets[2], from: 'A1:F32', to: 'A1:F2' },
    ]);
    // One write of values and one of formats per table, over the old block, header included.
    const fresh = after.writes.slice(writesBefore);
    expect(fresh.map((w) => [w.sheet, w.property, w.address])).toEqual(
      sheets.flatMap((s, i) => [
        [s, 'numberFormat', `A1:F${dayTwo[i].rows}`],
        [s, 'values', `A1:F${dayTwo[i].rows}`],
      ]),
    );
    expect(fresh.filter((w) => w.property === 'values').map((w) => w.data)).toEqual(
      dayTwo.map((d) => d.values),
    );
    // The rolling week really moved: its first day is not the one imported yesterday.
    expect(dayTwo[0].values[1][0]).not.toEqual(dayOne[0].values[1][0]);
    // The month's 30 rows left over are cleared; nothing else is.
    expect(after.clears).toEqual([{ sheet: sheets[2], address: 'A3:F32', applyTo: 'All' }]);
    expect(after.calculations).toEqual(['Full']); // formulas still recalculated
    expect(after.completed).toEqual(['meterRefresh']);
    expect(after.shown).toBe(0); // all went well: the pane is not pushed forward
    expect(status).toContain('“Usage this-month day”: 1 row)');
    await page.close();
  });

  it('leaves a table as it was and says why when its provider fails', async () => {
    const page = await openPane(DAY_ONE, () => {
      // The demo provider, failing on request as an unreachable provider would.
      const w = window as unknown as Record<string, unknown>;
      let real: unknown;
      Object.defineProperty(w, 'meterSheets', {
        configurable: true,
        get: () => real,
        set(api: {
          setHost(h: unknown): void;
          createHost(o: unknown): unknown;
          defaultHostOptions(): Record<string, unknown>;
          builtInProviders: { id: string; usage(...a: unknown[]): unknown }[];
        }) {
          real = api;
          const providers = api.builtInProviders.map((p) =>
            p.id !== 'demo'
              ? p
              : {
                  ...p,
                  usage(...a: unknown[]) {
                    if (w.__providerDown)
                      throw Object.assign(new Error('Demo meter did not answer (HTTP 503)'), {
                        name: 'MeterError',
                        kind: 'unavailable',
                      });
                    return p.usage(...a);
                  },
                },
          );
          api.setHost(api.createHost({ ...api.defaultHostOptions(), providers }));
        },
      });
    });
    await importPeriod(page, 'last-seven-days');
    const before = await excelLog(page);
    await page.evaluate(() => {
      (window as unknown as { __providerDown: boolean }).__providerDown = true;
    });
    await page.clock.setFixedTime(DAY_TWO);
    await clickRefresh(page);
    const status = await waitForStatus(page, /left as it was/);
    const after = await excelLog(page);
    expect(status).toContain('“Usage last-seven-days day”: Demo meter did not answer (HTTP 503)');
    expect(await page.getAttribute('#status', 'class')).toContain('error');
    expect(after.writes).toEqual(before.writes);
    expect(after.tables).toEqual(before.tables);
    expect(after.resizes).toEqual([]);
    expect(after.clears).toEqual([]);
    // The problem is put where it can be read: the pane, on Import.
    expect(after.shown).toBe(1);
    expect(await page.getAttribute('#tab-import', 'aria-selected')).toBe('true');
    await page.close();
  });

  it('sets the startup behaviour from the opt-in checkbox', async () => {
    const page = await openPane(DAY_ONE);
    await page.click('#tab-settings');
    expect(await page.isChecked('#refresh-on-open')).toBe(false);
    expect(await page.isDisabled('#refresh-on-open')).toBe(false);
    await page.check('#refresh-on-open');
    await waitForStatus(page, /whenever this workbook opens/);
    await page.uncheck('#refresh-on-open');
    await waitForStatus(page, /no longer be refreshed/);
    expect((await excelLog(page)).startupBehaviors).toEqual(['Load', 'None']);
    await page.close();
  });

  it('says so where Excel lacks the requirement sets, and imports as before', async () => {
    const page = await openPane(DAY_ONE, () => {
      // An older Excel: ExcelApi up to 1.11 (no worksheet custom properties, no
      // Table.resize) and no shared runtime to start with the workbook.
      const office = (
        window as unknown as {
          Office: { context: { requirements: { isSetSupported(n: string, v?: string): boolean } } };
        }
      ).Office;
      const full = office.context.requirements.isSetSupported;
      office.context.requirements.isSetSupported = (name, version = '1.1') =>
        name === 'SharedRuntime'
          ? false
          : name === 'ExcelApi'
            ? Number(version.split('.')[1]) <= 11
            : full(name, version);
    });
    await page.click('#tab-settings');
    expect(await page.isDisabled('#refresh-on-open')).toBe(true);
    expect(await page.textContent('#refresh-on-open-note')).toContain('SharedRuntime 1.1');
    await importPeriod(page, 'last-seven-days');
    expect(await page.textContent('#status')).toContain(
      'This Excel cannot remember it for Refresh (needs ExcelApi 1.12)',
    );
    const before = await excelLog(page);
    expect(before.customProperties).toEqual({});
    await clickRefresh(page);
    await waitForStatus(page, /ExcelApi 1\.13/);
    const after = await excelLog(page);
    expect(after.writes).toEqual(before.writes);
    expect(after.startupBehaviors).toEqual([]);
    await page.close();
  });

  it('refreshes remembered imports once when an opted-in workbook opens', async () => {
    const page = await openPane(DAY_TWO, () => {
      // A workbook saved yesterday with one remembered import, set to load the add-in.
      const w = window as unknown as {
        __startupBehavior: string;
        Excel: { run(fn: (c: unknown) => unknown): unknown };
      };
      w.__startupBehavior = 'Load';
      void w.Excel.run((context) => {
        const ws = (
          context as {
            workbook: {
              worksheets: {
                add(n: string): {
                  getRangeByIndexes(...n: number[]): unknown;
                  tables: { add(r: unknown, h: boolean): { id: string } };
                  customProperties: { add(k: string, v: string): void };
                };
              };
            };
          }
        ).workbook.worksheets.add('Usage last-seven-days day');
        const table = ws.tables.add(ws.getRangeByIndexes(0, 0, 3, 6), true);
        ws.customProperties.add(
          'meter-sheets.import',
          JSON.stringify({
            v: 1,
            table: table.id,
            start: 'last-seven-days',
            end: null,
            aggregate: 'day',
            meter: 'demo:electricity',
            zone: 'Europe/London',
          }),
        );
      });
    });
    await waitForStatus(page, /^Refreshed 1 import /);
    const log = await excelLog(page);
    expect(log.resizes).toEqual([
      { sheet: 'Usage last-seven-days day', from: 'A1:F3', to: 'A1:F8' },
    ]);
    expect(valuesWrites(log).map((w) => w.data)).toEqual([
      expected('last-seven-days', DAY_TWO).values,
    ]);
    expect(await page.isChecked('#refresh-on-open')).toBe(true);
    await page.close();
  });
});
