// The task pane in headless Chromium (Debian's /usr/bin/chromium via playwright-core),
// served by the add-in server, with Office and Excel stubbed before the page's scripts
// run: imports write the expected values as ONE range formatted as a table, comparisons
// add a native line chart, the ribbon commands act, settings never echo secrets, the CORS
// fallback goes through the allow-listed proxy, and without Office the pane previews
// the demo meter as a table and an SVG chart. Screenshots go to test-results/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSheetData } from '../../excel-addin/taskpane/sheet-data';
import { runSync } from '../../shared/flow';
import { FUNCTIONS } from '../../shared/functions/catalog';
import { runFunction } from '../../shared/functions/run';
import type { Table } from '../../shared/table';
import { type RunningServer, startServer } from '../../server/server';
import { ROOT } from '../helpers/cli';
import { type RunningMock, json, serveMock } from '../mocks/mock-http';
import { CHROMIUM, MISSING, launch } from './browser-env';
import { type ExcelLog, installOfficeStub, installTestProvider } from './office-stub';

const SHOTS = join(ROOT, 'test-results');

let browser: Browser | undefined;
let server: RunningServer;
let upstream: RunningMock;
let forbidden: RunningMock;
const serverLog: string[] = [];
const SECRET = 'Bearer PLANTED_SECRET_c0ffee1234567890';

beforeAll(async () => {
  const answer = () => json(200, { ok: true });
  upstream = await serveMock(answer);
  forbidden = await serveMock(answer);
  server = await startServer({
    root: join(ROOT, 'dist', 'excel-addin'),
    port: 0,
    host: '127.0.0.1',
    tls: false,
    providerHosts: [],
    allowHosts: [new URL(upstream.origin).host],
    log: (line) => serverLog.push(line),
  });
  mkdirSync(SHOTS, { recursive: true });
});

/** The browser, launched on first use: without chromium every test fails, saying why. */
async function theBrowser(): Promise<Browser> {
  browser ??= await launch();
  return browser;
}

it('has Debian chromium to drive', () => {
  expect(existsSync(CHROMIUM), MISSING).toBe(true);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await upstream?.close();
  await forbidden?.close();
});

const pageUrl = () => `http://127.0.0.1:${server.port}/taskpane.html`;

async function openPane(mode: 'excel' | 'preview', extra?: () => void): Promise<Page> {
  const page = await (await theBrowser()).newPage({ viewport: { width: 360, height: 900 } });
  page.on('pageerror', (e) => {
    throw e;
  });
  if (mode === 'excel') await page.addInitScript(installOfficeStub);
  if (extra) await page.addInitScript(extra);
  await page.goto(pageUrl());
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

const excelLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { __excelLog: ExcelLog }).__excelLog);

function coreTable(id: string, args: unknown[]): Table {
  return runSync(runFunction(id, args, { settings: { providers: {} }, clock: Date.now }), {
    fetchAll: () => [],
  });
}

async function waitForStatus(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('status')?.textContent ?? ''),
    pattern.source,
  );
  return (await page.textContent('#status')) ?? '';
}

describe('in Excel (Office stubbed)', () => {
  it('imports usage into a new worksheet as one range, formatted as a table', async () => {
    const page = await openPane('excel');
    await page.selectOption('#import-meter', 'demo:electricity');
    await page.fill('#import-start', '2024-01-01');
    await page.fill('#import-end', '2024-01-02');
    await page.selectOption('#import-aggregate', 'none');
    await page.fill('#import-timezone', 'Europe/London');
    await page.click('#import-form button[type=submit]');
    const status = await waitForStatus(page, /^Wrote/);
    const log = await excelLog(page);
    const expected = toSheetData(
      coreTable('USAGE', ['2024-01-01', '2024-01-02', 'none', 'demo:electricity', 'Europe/London']),
    );
    expect(log.sheets).toEqual(['Usage 2024-01-01..2024-01-02']);
    const values = log.writes.filter((w) => w.property === 'values');
    expect(values).toHaveLength(1); // ONE range, written once
    expect(values[0].address).toBe('A1:F97');
    expect(values[0].data).toEqual(expected.values);
    expect(log.writes.find((w) => w.property === 'numberFormat')?.data).toEqual(expected.formats);
    expect(log.tables).toEqual([
      {
        sheet: 'Usage 2024-01-01..2024-01-02',
        address: 'A1:F97',
        hasHeaders: true,
        style: 'TableStyleMedium2',
      },
    ]);
    expect(log.frozenRows['Usage 2024-01-01..2024-01-02']).toBe(1);
    expect(log.charts).toEqual([]);
    expect(status).toContain('96 rows');
    await page.close();
  });

  it('runs a long import month by month and still writes one range', async () => {
    const page = await openPane('excel');
    await page.fill('#import-start', '2024-01-01');
    await page.fill('#import-end', '2024-03-31');
    await page.selectOption('#import-aggregate', 'day');
    await page.click('#import-form button[type=submit]');
    await waitForStatus(page, /^Wrote/);
    const log = await excelLog(page);
    const values = log.writes.filter((w) => w.property === 'values');
    expect(values).toHaveLength(1);
    expect(values[0].data).toEqual(
      toSheetData(coreTable('USAGE', ['2024-01-01', '2024-03-31', 'day'])).values,
    );
    expect(values[0].data).toHaveLength(1 + 91);
    await page.close();
  });

  it('compares profiles side by side and adds a native line chart', async () => {
    const page = await openPane('excel');
    await page.click('#tab-compare');
    const inputs = page.locator('#compare-periods input');
    await expect.poll(() => inputs.count()).toBe(2); // January and July by default
    await inputs.nth(0).fill('2024-01');
    await inputs.nth(1).fill('2024-07');
    await page.click('#compare-add');
    await inputs.nth(2).fill('2024-04');
    await page.click('#compare-form button[type=submit]');
    await waitForStatus(page, /with a chart/);
    const log = await excelLog(page);
    const values = log.writes.filter((w) => w.property === 'values');
    expect(values).toHaveLength(1);
    expect(values[0].address).toBe('A1:D49');
    expect(values[0].data).toEqual(
      toSheetData(coreTable('COMPARE', ['2024-01, 2024-07, 2024-04'])).values,
    );
    // Period labels stay text: Excel would otherwise read "2024-01" as a date.
    expect(log.writes.find((w) => w.property === 'numberFormat')?.data[0]).toEqual([
      '@',
      '@',
      '@',
      '@',
    ]);
    expect(log.charts).toEqual([
      {
        sheet: 'Compare 2024-01 2024-07 2024-04',
        type: 'Line',
        source: 'A1:D49',
        seriesBy: 'Columns',
        title: 'Demo meter: average day, 2024-01 vs 2024-07 vs 2024-04',
        valueAxisTitle: 'kWh per half-hour (average day)',
        categoryAxisTitle: 'Local time (Europe/London)',
        // Every 6th half-hour: labels and tick marks at 00:00, 03:00, 06:00…
        labelSpacing: 6,
        markSpacing: 6,
        position: ['F2', 'O22'],
      },
    ]);
    await page.screenshot({ path: join(SHOTS, 'excel-taskpane-compare.png'), fullPage: true });
    await page.close();
  });

  it('overlays grid carbon intensity on a secondary axis when the box is ticked', async () => {
    const page = await openPane('excel');
    await page.click('#tab-compare');
    const inputs = page.locator('#compare-periods input');
    await inputs.nth(0).fill('2024-01');
    await inputs.nth(1).fill('2024-07');
    expect(await page.isVisible('#compare-area')).toBe(false); // asked only with the box ticked
    await page.check('#compare-overlay');
    expect(await page.isVisible('#compare-area')).toBe(true);
    await page.click('#compare-form button[type=submit]');
    await waitForStatus(page, /with a chart/);
    const log = await excelLog(page);
    const values = log.writes.filter((w) => w.property === 'values');
    expect(values).toHaveLength(1);
    expect(values[0].address).toBe('A1:E49');
    expect(values[0].data[0]).toEqual([
      'Time',
      '2024-01',
      '2024-07',
      '2024-01 gCO2/kWh',
      '2024-07 gCO2/kWh',
    ]);
    // The demo meter with no area in Settings: the demo grid, as METER_CARBON gives it.
    const jan = coreTable('CARBON', ['2024-01', '', 'profile', 'demo', 'Europe/London']);
    expect(values[0].data.slice(1).map((r) => r[3])).toEqual(jan.slice(1).map((r) => r[1]));
    const [chart] = log.charts;
    expect(chart.source).toBe('A1:E49');
    expect(chart.title).toBe(
      'Demo meter: average day, 2024-01 vs 2024-07; grid intensity: demo grid',
    );
    expect(chart.valueAxisTitle).toBe('kWh per half-hour (average day)');
    expect(chart.secondaryAxisTitle).toBe('Grid carbon intensity, gCO2/kWh');
    expect(chart.series).toEqual([
      { index: 2, axisGroup: 'Secondary', lineStyle: 'Dash' },
      { index: 3, axisGroup: 'Secondary', lineStyle: 'Dash' },
    ]);
    await page.close();
  });

  it('keeps the intensity out of the chart where Excel has no secondary axis (before ExcelApi 1.8)', async () => {
    const page = await openPane('excel', () => {
      (window as unknown as { __excelApiMinor: number }).__excelApiMinor = 7;
    });
    await page.click('#tab-compare');
    const inputs = page.locator('#compare-periods input');
    await inputs.nth(0).fill('2024-01');
    await inputs.nth(1).fill('2024-07');
    await page.check('#compare-overlay');
    await page.click('#compare-form button[type=submit]');
    await waitForStatus(page, /with a chart/);
    const log = await excelLog(page);
    expect(log.writes.find((w) => w.property === 'values')?.address).toBe('A1:E49');
    expect(log.charts[0].source).toBe('A1:C49'); // the kWh columns only
    expect(log.charts[0].series).toBeUndefined();
    await page.close();
  });

  it('says why a gas meter gets no overlay, and charts its comparison on one axis', async () => {
    const page = await openPane('excel');
    await page.click('#tab-compare');
    await page.selectOption('#compare-meter', 'demo:gas');
    await page.check('#compare-overlay');
    await page.click('#compare-form button[type=submit]');
    const status = await waitForStatus(page, /No carbon overlay/);
    expect(status).toMatch(
      /with a chart\..* No carbon overlay: grid carbon intensity is electricity's, and demo:gas is a gas meter\.$/,
    );
    const log = await excelLog(page);
    expect(log.charts[0].source).toBe('A1:C49');
    expect(log.charts[0].series).toBeUndefined();
    await page.close();
  });

  it('waits for a slow Office.onReady instead of falling back to preview inside Excel', async () => {
    const page = await (await theBrowser()).newPage({ viewport: { width: 360, height: 900 } });
    await page.clock.install();
    await page.addInitScript(installOfficeStub);
    await page.addInitScript(() => {
      (window as unknown as { __officeReadyDelayMs: number }).__officeReadyDelayMs = 20_000;
    });
    await page.goto(pageUrl());
    await page.clock.runFor(6_000);
    await waitForStatus(page, /Waiting for Excel/);
    expect(await page.getAttribute('body', 'data-ready')).toBeNull();
    await page.clock.runFor(15_000);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.getAttribute('body', 'data-mode')).toBe('excel');
    expect(await page.isVisible('#mode')).toBe(false);
    expect(await page.textContent('#status')).not.toContain('Waiting');
    await page.close();
  });

  it('wires the ribbon: Compare opens its section, Refresh recalculates', async () => {
    const page = await openPane('excel');
    const run = (name: string) =>
      page.evaluate(async (n) => {
        const log = (window as unknown as { __excelLog: ExcelLog }).__excelLog;
        await log.actions[n]({ completed: () => log.completed.push(n) });
      }, name);
    expect(Object.keys((await excelLog(page)).actions).sort()).toEqual([
      'meterCompareProfiles',
      'meterCompareTariffs',
      'meterImportUsage',
      'meterRefresh',
    ]);
    const setVisibility = (mode: string) =>
      page.evaluate(
        (m) => (window as unknown as { __setVisibility(m: string): void }).__setVisibility(m),
        mode,
      );
    await run('meterCompareProfiles');
    await setVisibility('Taskpane');
    expect(await page.getAttribute('#tab-compare', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#panel-compare')).toBe(true);
    // The Settings button is a plain ShowTaskpane: a pane shown by no command opens on Settings.
    await setVisibility('Hidden');
    await setVisibility('Taskpane');
    expect(await page.getAttribute('#tab-settings', 'aria-selected')).toBe('true');
    await run('meterRefresh');
    const log = await excelLog(page);
    expect(log.shown).toBe(1);
    expect(log.calculations).toEqual(['Full']);
    expect(log.completed).toEqual(['meterCompareProfiles', 'meterRefresh']);
    expect(log.functions).toEqual(FUNCTIONS.map((f) => f.id));
    await page.close();
  });

  it('stores settings in OfficeRuntime.storage and never puts a secret back in the page', async () => {
    const page = await openPane('excel', installTestProvider);
    const key = 'acme_PLANTED_SECRET_9a8b7c6d5e4f3210';
    await page.click('#tab-settings');
    // A provider with nothing saved starts collapsed.
    expect(await page.getAttribute('#provider-acme', 'open')).toBeNull();
    await page.click('#provider-acme > summary');
    await page.fill('#setting-acme-apiKey', key);
    await page.fill('#settings-timezone', 'Europe/Paris');
    await page.click('#settings-form button[type=submit]');
    await waitForStatus(page, /^Settings saved/);
    const stored = () =>
      page.evaluate(() =>
        JSON.parse(
          (window as unknown as { __officeStorage: Map<string, string> }).__officeStorage.get(
            'meter-sheets:settings',
          ) ?? '{}',
        ),
      );
    expect(await stored()).toEqual({
      timezone: 'Europe/Paris',
      providers: { acme: { apiKey: key } },
    });
    expect(await page.inputValue('#setting-acme-apiKey')).toBe('');
    expect(await page.getAttribute('#setting-acme-apiKey', 'placeholder')).toBe(
      '••••3210 stored; type to replace',
    );
    expect(await page.content()).not.toContain(key);
    // Saving again with the secret left empty keeps it; "Forget" removes it.
    await page.click('#settings-form button[type=submit]');
    await waitForStatus(page, /^Settings saved/);
    expect((await stored()).providers.acme.apiKey).toBe(key);
    await page.check('#setting-acme-apiKey-forget');
    await page.click('#settings-form button[type=submit]');
    await waitForStatus(page, /^Settings saved/);
    expect(await stored()).toEqual({ timezone: 'Europe/Paris', providers: {} });
    await page.close();
  });

  it('offers carbon settings per meter and round-trips them through OfficeRuntime.storage', async () => {
    const page = await openPane('excel');
    await page.click('#tab-settings');
    const stored = () =>
      page.evaluate(
        () =>
          JSON.parse(
            (window as unknown as { __officeStorage: Map<string, string> }).__officeStorage.get(
              'meter-sheets:settings',
            ) ?? '{}',
          ).carbon,
      );
    const values = (selector: string) =>
      page
        .locator(`${selector} option`)
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    // Nothing saved: closed. Its rows: the electricity meters listed (gas gets no grid carbon).
    expect(await page.getAttribute('#carbon-section', 'open')).toBeNull();
    await page.click('#carbon-section > summary');
    const rows = page.locator('#carbon-section .carbon-meters .carbon-row');
    await page.waitForFunction(
      () => document.querySelectorAll('#carbon-section .carbon-meters .carbon-row').length > 0,
    );
    expect(await rows.evaluateAll((r) => r.map((x) => (x as HTMLElement).dataset.carbon))).toEqual([
      'demo:electricity',
      'demo:export',
    ]);
    const source = await values('#carbon-source');
    expect(source).toHaveLength(1 + 1 + 17 + 1);
    expect(await page.locator('#carbon-source option[value="6"]').textContent()).toBe(
      'North Wales & Merseyside (region 6)',
    );
    expect((await values('#carbon-meter-0')).slice(0, 3)).toEqual(['', 'provider', 'none']);

    // Wrong values are refused naming the form's labels; nothing is stored.
    await page.selectOption('#carbon-source', 'postcode');
    await page.fill('#carbon-source-postcode', 'SW1A1AA');
    await page.click('#settings-form button[type=submit]');
    expect(await waitForStatus(page, /Carbon/)).toBe(
      'Carbon ▸ Postcode area: expected only the outward part of a postcode (like "RG10"), not a full postcode',
    );
    await page.fill('#carbon-source-postcode', '');
    await page.click('#settings-form button[type=submit]');
    expect(await waitForStatus(page, /Carbon ▸ Postcode area: expected a postcode/)).toMatch(
      /or choose a region/,
    );
    await page.selectOption('#carbon-source', '13');
    await page.fill('#carbon-baseUrl', 'ftp://127.0.0.1');
    await page.click('#settings-form button[type=submit]');
    expect(await waitForStatus(page, /Carbon ▸ Carbon Intensity API URL/)).toMatch(
      /^Carbon ▸ Carbon Intensity API URL \(advanced\): expected an https:\/\/ URL/,
    );
    expect(await stored()).toBeUndefined();
    // The Compare overlay's area field names what Settings hold: nothing saved yet.
    expect(await page.getAttribute('#compare-area', 'placeholder')).toBe(
      'from Settings, else national',
    );

    await page.fill('#carbon-baseUrl', 'http://127.0.0.1:9');
    await page.selectOption('#carbon-meter-0', 'postcode');
    await page.fill('#carbon-meter-0-postcode', 'rg10');
    await page.selectOption('#carbon-meter-1', 'none');
    await page.click('#settings-form button[type=submit]');
    await waitForStatus(page, /^Settings saved/);
    // …and the saved default area at once, without reopening the pane.
    expect(await page.getAttribute('#compare-area', 'placeholder')).toBe('13 (from Settings)');
    const carbon = {
      source: '13',
      baseUrl: 'http://127.0.0.1:9',
      meters: { 'demo:electricity': 'RG10', 'demo:export': 'none' },
    };
    expect(await stored()).toEqual(carbon);
    // Redrawn from storage: the same choices, and saving them again changes nothing.
    expect(await page.getAttribute('#carbon-section', 'open')).toBe('');
    expect(await page.inputValue('#carbon-source')).toBe('13');
    expect(await page.inputValue('#carbon-meter-0')).toBe('postcode');
    expect(await page.inputValue('#carbon-meter-0-postcode')).toBe('RG10');
    expect(await page.isVisible('#carbon-meter-0-postcode')).toBe(true);
    expect(await page.isHidden('#carbon-meter-1-postcode')).toBe(true);
    await page.click('#settings-form button[type=submit]');
    await waitForStatus(page, /^Settings saved/);
    expect(await stored()).toEqual(carbon);
    // Back to the defaults: nothing about carbon is stored.
    await page.selectOption('#carbon-meter-0', '');
    await page.selectOption('#carbon-meter-1', '');
    await page.selectOption('#carbon-source', '');
    await page.fill('#carbon-baseUrl', '');
    await page.click('#settings-form button[type=submit]');
    await waitForStatus(page, /^Settings saved/);
    expect(await stored()).toBeUndefined();
    await page.close();
  });

  it('reaches a provider without CORS headers through the allow-listed proxy, credentials intact', async () => {
    const page = await openPane('excel');
    const fetchAll = (url: string) =>
      page.evaluate(
        async ([u, auth]) => {
          const api = (
            window as unknown as {
              meterSheets: {
                host(): {
                  io: { fetchAll(r: unknown[]): Promise<{ status: number; body: string }[]> };
                };
              };
            }
          ).meterSheets;
          const [res] = await api
            .host()
            .io.fetchAll([{ method: 'GET', url: u, headers: { Authorization: auth } }]);
          return { status: res.status, body: res.body };
        },
        [url, SECRET],
      );
    const before = upstream.requests.length;
    expect(await fetchAll(`${upstream.origin}/v1/usage?from=1`)).toEqual({
      status: 200,
      body: '{"ok":true}',
    });
    const seen = upstream.requests.slice(before);
    // The browser asked first (a preflight, refused for want of CORS headers), never sent
    // the GET itself, and the proxy sent it once.
    expect(seen.map((r) => r.method)).toEqual(['OPTIONS', 'GET']);
    const got = seen.filter((r) => r.method === 'GET');
    expect(got[0].headers.authorization).toBe(SECRET);
    expect(got[0].path).toBe('/v1/usage?from=1');
    // A host the providers do not use is refused, and never contacted.
    const refused = await fetchAll(`${forbidden.origin}/anything`);
    expect(refused.status).toBe(403);
    expect(forbidden.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
    expect(serverLog.join('\n')).not.toContain('PLANTED_SECRET');
    expect(serverLog.join('\n')).not.toContain('from=1');
    await page.close();
  });
});

describe('in a plain browser (preview mode)', () => {
  it('previews the carbon overlay with a dashed series per period on a right-hand axis', async () => {
    const page = await openPane('preview');
    await page.click('#tab-compare');
    const inputs = page.locator('#compare-periods input');
    await inputs.nth(0).fill('2024-01');
    await inputs.nth(1).fill('2024-07');
    await page.check('#compare-overlay');
    await page.fill('#compare-area', 'demo');
    await page.click('#compare-form button[type=submit]');
    await page.waitForSelector('#results table');
    expect(await page.locator('#results thead th').allTextContents()).toEqual([
      'Time',
      '2024-01',
      '2024-07',
      '2024-01 gCO2/kWh',
      '2024-07 gCO2/kWh',
    ]);
    expect(await page.locator('#results svg path.series').count()).toBe(4);
    expect(await page.locator('#results svg path.series.secondary').count()).toBe(2);
    expect(
      await page.locator('#results svg path.secondary').first().getAttribute('stroke-dasharray'),
    ).toBe('6 4');
    expect(await page.textContent('#results svg .y2-title')).toBe(
      'Grid carbon intensity, gCO2/kWh',
    );
    // The right-hand ticks are gCO2/kWh (hundreds), the left ones kWh (below 10).
    const right = (await page.locator('#results svg .y2-tick').allTextContents()).map(Number);
    const left = (await page.locator('#results svg .y-tick').allTextContents()).map(Number);
    expect(Math.max(...right)).toBeGreaterThan(100);
    expect(Math.max(...left)).toBeLessThan(10);
    expect(right).toHaveLength(left.length);
    await page.screenshot({ path: join(SHOTS, 'excel-taskpane-overlay.png'), fullPage: true });
    await page.close();
  });

  it('previews the demo meter as a table and a chart in the page', async () => {
    const page = await openPane('preview');
    expect(await page.isVisible('#mode')).toBe(true);
    expect(await page.textContent('#mode')).toContain('Preview');
    await page.click('#tab-compare');
    const inputs = page.locator('#compare-periods input');
    await inputs.nth(0).fill('2024-01');
    await inputs.nth(1).fill('2024-07');
    await page.click('#compare-form button[type=submit]');
    await page.waitForSelector('#results table');
    expect(await page.locator('#results tbody tr').count()).toBe(48);
    expect(await page.locator('#results thead th').allTextContents()).toEqual([
      'Time',
      '2024-01',
      '2024-07',
    ]);
    expect(await page.locator('#results svg path.series').count()).toBe(2);
    expect(await page.locator('#results svg title').first().textContent()).toBe(
      'Demo meter: average day, 2024-01 vs 2024-07',
    );
    const expected = coreTable('COMPARE', ['2024-01, 2024-07']);
    expect(await page.locator('#results tbody tr').first().locator('td').allTextContents()).toEqual(
      ['00:00', (expected[1][1] as number).toFixed(3), (expected[1][2] as number).toFixed(3)],
    );
    await page.screenshot({ path: join(SHOTS, 'excel-taskpane-preview.png'), fullPage: true });
    await page.click('#tab-import');
    await page.fill('#import-start', '2024-07-01');
    await page.fill('#import-end', '2024-07-07');
    await page.selectOption('#import-aggregate', 'hour');
    await page.click('#import-form button[type=submit]');
    await waitForStatus(page, /preview/);
    expect(await page.locator('#results tbody tr').count()).toBe(168);
    expect(await page.locator('#results svg path.series').count()).toBe(1);
    await page.close();
  });
});

describe('Compare tariffs (Excel stubbed, then preview)', () => {
  const TARIFFS = 'demo-flat\ndemo-two-rate, demo-dynamic';

  async function compareTariffs(page: Page, aggregate: string, tariffs = TARIFFS) {
    await page.fill('#tariffs-start', '2024-01-01');
    await page.fill('#tariffs-end', '2024-03-31');
    await page.fill('#tariffs-list', tariffs);
    await page.selectOption('#tariffs-aggregate', aggregate);
    await page.click('#tariffs-form button[type=submit]');
  }

  it('opens from the ribbon on the demo tariffs, and writes the table with a bar chart of the totals', async () => {
    const page = await openPane('excel');
    await page.evaluate(async () => {
      const log = (window as unknown as { __excelLog: ExcelLog }).__excelLog;
      await log.actions.meterCompareTariffs({ completed: () => log.completed.push('tariffs') });
      (window as unknown as { __setVisibility(m: string): void }).__setVisibility('Taskpane');
    });
    expect(await page.getAttribute('#tab-tariffs', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#panel-tariffs')).toBe(true);
    expect((await page.inputValue('#tariffs-list')).split('\n')).toEqual([
      'demo-flat',
      'demo-two-rate',
      'demo-tou',
      'demo-dynamic',
    ]);
    expect(await page.textContent('#tariffs-hint')).toMatch(
      /=METER\.TARIFFS\("agile"\) lists them/,
    );
    await compareTariffs(page, 'total');
    await waitForStatus(page, /with a chart/);
    const log = await excelLog(page);
    const expected = toSheetData(
      coreTable('TARIFF_COMPARE', [
        '2024-01-01',
        '2024-03-31',
        TARIFFS,
        'total',
        null,
        'Europe/London',
      ]),
    );
    expect(log.sheets).toEqual(['Tariffs 2024-01..2024-03']);
    const values = log.writes.filter((w) => w.property === 'values');
    expect(values).toHaveLength(1);
    expect(values[0].address).toBe('A1:H4');
    expect(values[0].data).toEqual(expected.values);
    expect(values[0].data.slice(1).map((r) => r[0])).toEqual([
      'demo-flat',
      'demo-two-rate',
      'demo-dynamic',
    ]);
    expect(log.tables.map((t) => t.address)).toEqual(['A1:H4']);
    expect(log.charts).toEqual([
      {
        sheet: 'Tariffs 2024-01..2024-03',
        type: 'BarClustered',
        source: 'E1:E4', // Total (GBP), its header naming the series
        seriesBy: 'Columns',
        categories: ['A2:A4'], // the tariffs name the bars
        title: 'Demo meter: total cost per tariff, 2024-01..2024-03',
        valueAxisTitle: 'Total cost (GBP)',
        categoryAxisTitle: 'Tariff',
        reversePlotOrder: true,
        legendVisible: false,
        labelSpacing: null,
        markSpacing: null,
        position: ['J2', 'Q20'],
      },
    ]);
    // The in-page look at the result draws the same totals as bars.
    expect(await page.locator('#results svg rect.series').count()).toBe(3);
    await page.screenshot({ path: join(SHOTS, 'excel-taskpane-tariffs.png'), fullPage: true });
    await page.close();
  });

  it('by month: a clustered column chart, one series per tariff against the months', async () => {
    const page = await openPane('excel');
    await page.click('#tab-tariffs');
    await compareTariffs(page, 'month', 'demo-flat, demo-tou');
    await waitForStatus(page, /with a chart/);
    const log = await excelLog(page);
    expect(log.sheets).toEqual(['Tariff months 2024-01..2024-03']);
    expect(log.writes.find((w) => w.property === 'values')?.data[0]).toEqual([
      'Month',
      'kWh',
      'demo-flat (GBP)',
      'demo-tou (GBP)',
      'Unpriced',
      'Missing',
    ]);
    expect(log.charts).toHaveLength(1);
    expect(log.charts[0]).toMatchObject({
      type: 'ColumnClustered',
      source: 'C1:D4',
      categories: ['A2:A4', 'A2:A4'],
      legendVisible: true,
      valueAxisTitle: 'Cost (GBP)',
      categoryAxisTitle: 'Month',
    });
    await page.close();
  });

  it('takes its sheet back when Excel refuses the chart: nothing half-written', async () => {
    const page = await openPane('excel');
    await page.click('#tab-tariffs');
    await page.evaluate(
      () => ((window as unknown as { __failCharts: boolean }).__failCharts = true),
    );
    await compareTariffs(page, 'total');
    expect(await waitForStatus(page, /chart could not be added/)).toMatch(/GeneralException/);
    expect(await page.getAttribute('#status', 'class')).toContain('error');
    const log = await excelLog(page);
    expect(log.sheets).toEqual(['Tariffs 2024-01..2024-03']); // made, then taken back
    expect(log.deletedSheets).toEqual(['Tariffs 2024-01..2024-03']);
    expect(log.customProperties).toEqual({});
    await page.close();
  });

  it('says in plain words which tariff it does not know, and writes nothing', async () => {
    const page = await openPane('excel');
    await page.click('#tab-tariffs');
    await compareTariffs(page, 'total', 'demo-flat, demo-nonesuch');
    const status = await waitForStatus(page, /demo-nonesuch/);
    expect(status).toMatch(/^tariff: no demo tariff "demo-nonesuch"; the demo tariffs are /);
    expect(await page.getAttribute('#status', 'class')).toContain('error');
    const log = await excelLog(page);
    expect(log.sheets).toEqual([]);
    expect(log.charts).toEqual([]);
    expect(await page.isVisible('#results')).toBe(false);
    await page.close();
  });

  it('previews the comparison as a table and bars outside Excel', async () => {
    const page = await openPane('preview');
    await page.click('#tab-tariffs');
    await compareTariffs(page, 'total');
    await waitForStatus(page, /preview/);
    expect(await page.locator('#results tbody tr').count()).toBe(3);
    expect(await page.locator('#results svg rect.series').count()).toBe(3);
    const expected = coreTable('TARIFF_COMPARE', [
      '2024-01-01',
      '2024-03-31',
      TARIFFS,
      'total',
      null,
      'Europe/London',
    ]);
    const total = (expected[1][4] as number).toFixed(2);
    expect(await page.locator('#results svg text.value').first().textContent()).toBe(total);
    await page.close();
  });
});
