// The Sheets panels' own scripts, run in headless Chromium: each page is what the add-on's
// menu command served (the built HTML, evaluated by the Apps Script harness), with
// google.script standing in as Google documents it (google-script-stub.ts) and every
// server call run by the same harness. So the dialogs and the sidebar are tested as a
// person uses them: the meters load, a submit writes the sheet, a failure is shown.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ENTRY_POINTS } from '../../gas/entry-points';
import { ROOT } from '../helpers/cli';
import { AddOnError, type Sheets, sheets } from '../gas/harness';
import { launch } from './browser-env';
import { type GasCallLog, installGoogleScriptStub } from './google-script-stub';

const SHOTS = join(ROOT, 'test-results');

let browser: Browser | undefined;
async function theBrowser(): Promise<Browser> {
  browser ??= await launch();
  return browser;
}
afterAll(async () => {
  await browser?.close();
});

const SERVER_FUNCTIONS = ENTRY_POINTS.map((e) => e.name);

/** Opens the panel `command` shows, with its server calls run by the harness. */
async function openPanel(s: Sheets, command: string): Promise<Page> {
  s.menu(command);
  const html = s.world.panels.at(-1)!.html.getContent();
  const page = await (await theBrowser()).newPage({ viewport: { width: 420, height: 900 } });
  page.setDefaultTimeout(10_000); // a script error shows as a wait that never ends
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  (page as unknown as { pageErrors: Error[] }).pageErrors = errors;
  await page.exposeFunction('__gasCall', (name: string, args: unknown[]) => {
    try {
      return { ok: s.menu(name, ...args) ?? null };
    } catch (e) {
      if (e instanceof AddOnError) return { error: e.message };
      throw e;
    }
  });
  await page.addInitScript(installGoogleScriptStub, SERVER_FUNCTIONS);
  await page.goto('about:blank');
  await page.setContent(html, { waitUntil: 'domcontentloaded' });
  return page;
}

const gasLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { __gasLog: GasCallLog }).__gasLog);
const pageErrors = (page: Page) => (page as unknown as { pageErrors: Error[] }).pageErrors;

async function statusMatching(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('status')?.textContent ?? ''),
    pattern.source,
  );
  return (await page.textContent('#status')) ?? '';
}

describe('the google.script.run stand-in', () => {
  it('keeps to the documented runner: a new runner per with…, a method call, one call each', async () => {
    const s = await sheets();
    const page = await openPanel(s, 'meterShowImport');
    await page.waitForFunction(() => document.querySelectorAll('#meter option').length > 1);
    const outcome = await page.evaluate(() => {
      const run = (window as unknown as { google: { script: { run: Record<string, never> } } })
        .google.script.run as unknown as {
        withSuccessHandler(f: unknown): Record<string, (...a: unknown[]) => void>;
      };
      const out: string[] = [];
      const a = run.withSuccessHandler(() => undefined);
      out.push(String(a !== (run as unknown)));
      const detached = a.meterListMeters;
      try {
        detached('x');
      } catch (e) {
        out.push((e as Error).message);
      }
      try {
        a.meterListMeters.apply(null, ['x']);
      } catch (e) {
        out.push((e as Error).message);
      }
      const b = run.withSuccessHandler(() => undefined);
      b.meterListMeters('x');
      try {
        b.meterListMeters('x');
      } catch (e) {
        out.push((e as Error).message);
      }
      try {
        run.withSuccessHandler(() => undefined).meterListMeters(new Date());
      } catch (e) {
        out.push((e as Error).message);
      }
      return out;
    });
    expect(outcome[0]).toBe('true');
    expect(outcome[1]).toMatch(/must be called as a method/);
    expect(outcome[2]).toMatch(/must be called as a method/);
    expect(outcome[3]).toMatch(/already made a call/);
    expect(outcome[4]).toMatch(/illegal value: a Date/);
    await page.close();
  });
});

describe('Import usage… (dialog)', () => {
  it('lists the meters, imports into a new sheet, and says how many rows', async () => {
    const s = await sheets();
    const page = await openPanel(s, 'meterShowImport');
    await page.waitForFunction(() => document.querySelectorAll('#meter option').length > 1);
    expect(
      await page
        .locator('#meter option')
        .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
    ).toEqual(['', 'demo:electricity', 'demo:export', 'demo:gas']);
    await page.selectOption('#meter', 'demo:electricity');
    await page.fill('#start', '2024-07-01');
    await page.fill('#end', '2024-07-07');
    await page.selectOption('#aggregate', 'hour');
    await page.click('#form button[type=submit]');
    const status = await statusMatching(page, /^Imported/);
    expect(status).toBe(
      'Imported 168 rows into the sheet "Usage demo electricity 2024-07-01..2024-07-07 hour".',
    );
    const log = await gasLog(page);
    expect(log.calls.map((c) => c.name)).toEqual(['meterListMeters', 'meterImport']);
    expect(log.calls[1].args[1]).toEqual({
      meter: 'demo:electricity',
      start: '2024-07-01',
      end: '2024-07-07',
      aggregate: 'hour',
      timezone: 'Europe/London',
    });
    const sheet = s.world.spreadsheet.getSheetByName(
      'Usage demo electricity 2024-07-01..2024-07-07 hour',
    )!;
    expect(sheet.grid()).toHaveLength(1 + 168);
    expect(await page.isEnabled('#form button[type=submit]')).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'sheets-import-dialog.png'), fullPage: true });
    await page.click('#close');
    expect((await gasLog(page)).closed).toBe(1);
    await page.close();
  });

  it('shows the server’s refusal in the dialog, as an error', async () => {
    const s = await sheets();
    const page = await openPanel(s, 'meterShowImport');
    await page.waitForFunction(() => document.querySelectorAll('#meter option').length > 1);
    await page.fill('#start', '2024-02-01');
    await page.fill('#end', '2024-01-01');
    await page.click('#form button[type=submit]');
    expect(await statusMatching(page, /swap them/)).toBe(
      'end: 2024-01-01 is before start 2024-02-01; swap them',
    );
    expect(await page.getAttribute('#status', 'class')).toContain('error');
    expect(s.world.spreadsheet.getSheets()).toHaveLength(1);
    expect((await gasLog(page)).consoleFailures).toEqual([]);
    await page.close();
  });
});

describe('Compare profiles… (dialog)', () => {
  it('compares the default January and July into a sheet with a chart', async () => {
    const s = await sheets();
    const page = await openPanel(s, 'meterShowCompare');
    await page.waitForFunction(() => document.querySelectorAll('#meter option').length > 1);
    await page.click('#form button[type=submit]');
    const status = await statusMatching(page, /^Compared/);
    expect(status).toMatch(/^Compared 2024-01, 2024-07 in the sheet ".+", with a chart\.$/);
    const sheet = s.world.spreadsheet.getSheets().at(-1)!;
    expect(sheet.charts).toHaveLength(1);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('overlays grid carbon intensity when the box is ticked, in the area typed', async () => {
    const s = await sheets();
    const page = await openPanel(s, 'meterShowCompare');
    await page.waitForFunction(() => document.querySelectorAll('#meter option').length > 1);
    expect(await page.isVisible('#area')).toBe(false); // asked only with the box ticked
    await page.check('#overlay');
    expect(await page.getAttribute('#area', 'placeholder')).toBe('from Settings, else national');
    await page.fill('#area', '13');
    await page.click('#form button[type=submit]');
    await statusMatching(page, /^Compared/);
    const log = await gasLog(page);
    expect(log.calls.at(-1)?.args[1]).toMatchObject({ overlay: true, area: '13' });
    const sheet = s.world.spreadsheet.getSheets().at(-1)!;
    expect(sheet.grid()[0]).toEqual([
      'Time',
      '2024-01',
      '2024-07',
      '2024-01 gCO2/kWh',
      '2024-07 gCO2/kWh',
    ]);
    expect(sheet.charts[0].options.series).toMatchObject({ 2: { targetAxisIndex: 1 } });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('shows why a gas meter gets no overlay', async () => {
    const s = await sheets();
    const page = await openPanel(s, 'meterShowCompare');
    await page.waitForFunction(() => document.querySelectorAll('#meter option').length > 1);
    await page.selectOption('#meter', 'demo:gas');
    await page.check('#overlay');
    await page.click('#form button[type=submit]');
    const status = await statusMatching(page, /^Compared/);
    expect(status).toMatch(
      /with a chart\. No carbon overlay: grid carbon intensity is electricity's/,
    );
    await page.close();
  });
});

describe('Settings (sidebar)', () => {
  it('saves the default meter and zone through the server and shows what was saved', async () => {
    const s = await sheets();
    const page = await openPanel(s, 'meterShowSettings');
    await page.fill('#defaultMeter', 'demo:gas');
    await page.fill('#timezone', 'Europe/Paris');
    await page.click('#form button[type=submit]');
    expect(await statusMatching(page, /^Saved/)).toBe('Saved.');
    expect(await page.inputValue('#defaultMeter')).toBe('demo:gas');
    const log = await gasLog(page);
    expect(log.calls.map((c) => c.name)).toEqual(['meterSaveSettings']);
    const stored = JSON.parse(s.world.props().getProperty('meter-sheets.settings') ?? '{}') as {
      defaultMeter?: string;
      timezone?: string;
    };
    expect(stored).toMatchObject({ defaultMeter: 'demo:gas', timezone: 'Europe/Paris' });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

describe('Settings (sidebar): Carbon', () => {
  const saved = (s: Sheets) =>
    (
      JSON.parse(s.world.props().getProperty('meter-sheets.settings') ?? '{}') as {
        carbon?: unknown;
      }
    ).carbon;
  const choices = (page: Page, selector: string) =>
    page
      .locator(`${selector} option`)
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));

  it('offers the default area, the URL and a choice per electricity meter, and round-trips them', async () => {
    const s = await sheets();
    const page = await openPanel(s, 'meterShowSettings');
    // Nothing saved: the section is closed, and the meters are not listed until it opens.
    expect(await page.getAttribute('#carbon-section', 'open')).toBeNull();
    await page.click('#carbon-section summary');
    await page.waitForFunction(() => document.querySelectorAll('#carbon-meters select').length > 0);
    expect((await gasLog(page)).calls.map((c) => c.name)).toEqual(['meterCarbonMeters']);
    const source = await choices(page, '#carbon-source');
    expect(source.slice(0, 3)).toEqual(['', 'national', '1']);
    expect(source.slice(-2)).toEqual(['17', 'postcode']);
    expect(await page.locator('#carbon-source option[value="13"]').textContent()).toBe(
      'London (region 13)',
    );
    // Gas gets no grid carbon: only the demo electricity meters have a row.
    const rows = page.locator('#carbon-meters .carbon-row');
    expect(await rows.evaluateAll((r) => r.map((x) => (x as HTMLElement).dataset.carbon))).toEqual([
      'demo:electricity',
      'demo:export',
    ]);
    // The demo provider reports carbon: its own is the default and a choice.
    expect((await choices(page, '#carbon-meter-0')).slice(0, 4)).toEqual([
      '',
      'provider',
      'none',
      'national',
    ]);
    expect(await page.locator('#carbon-meter-0 option[value=""]').textContent()).toBe(
      'Default: the provider’s own',
    );

    // A full postcode is refused, naming the form's label; nothing is saved.
    expect(await page.isHidden('#carbon-source-postcode')).toBe(true);
    await page.selectOption('#carbon-source', 'postcode');
    expect(await page.isVisible('#carbon-source-postcode')).toBe(true);
    await page.fill('#carbon-source-postcode', 'RG10 1AA');
    await page.click('#form button[type=submit]');
    expect(await statusMatching(page, /Carbon/)).toBe(
      'Carbon ▸ Postcode area: expected only the outward part of a postcode (like "RG10"), not a full postcode',
    );
    expect(saved(s)).toBeUndefined();
    // So is a URL that is neither https nor this machine.
    await page.fill('#carbon-source-postcode', 'rg10');
    await page.fill('#carbon-baseUrl', 'http://example.com');
    await page.click('#form button[type=submit]');
    expect(await statusMatching(page, /Carbon/)).toMatch(
      /^Carbon ▸ Carbon Intensity API URL \(advanced\): expected an https:\/\/ URL/,
    );

    await page.fill('#carbon-baseUrl', 'http://127.0.0.1:9');
    await page.selectOption('#carbon-meter-0', '13');
    await page.selectOption('#carbon-meter-1', 'none');
    await page.click('#form button[type=submit]');
    expect(await statusMatching(page, /^Saved/)).toBe('Saved.');
    const carbon = {
      source: 'RG10',
      baseUrl: 'http://127.0.0.1:9',
      meters: { 'demo:electricity': '13', 'demo:export': 'none' },
    };
    expect(saved(s)).toEqual(carbon);
    // The form redrawn from what was saved still shows the listed meters and the choices.
    expect(await page.inputValue('#carbon-source')).toBe('postcode');
    expect(await page.inputValue('#carbon-source-postcode')).toBe('RG10');
    expect(await page.inputValue('#carbon-meter-0')).toBe('13');
    expect(await page.inputValue('#carbon-meter-1')).toBe('none');
    expect((await gasLog(page)).calls.filter((c) => c.name === 'meterCarbonMeters')).toHaveLength(
      1,
    );
    expect(pageErrors(page)).toEqual([]);
    await page.close();

    // Opened again: the section is open (something is saved) and a save changes nothing.
    const again = await openPanel(s, 'meterShowSettings');
    expect(await again.getAttribute('#carbon-section', 'open')).toBe('');
    await again.waitForFunction(
      () => document.getElementById('carbon-meters-status')?.textContent === '',
    );
    expect(await again.inputValue('#carbon-meter-0')).toBe('13');
    await again.click('#form button[type=submit]');
    expect(await statusMatching(again, /^Saved/)).toBe('Saved.');
    expect(saved(s)).toEqual(carbon);
    // Back to the defaults: the section is gone from the settings.
    await again.selectOption('#carbon-source', '');
    await again.fill('#carbon-baseUrl', '');
    await again.selectOption('#carbon-meter-0', '');
    await again.selectOption('#carbon-meter-1', '');
    await again.click('#form button[type=submit]');
    expect(await statusMatching(again, /^Saved/)).toBe('Saved.');
    expect(saved(s)).toBeUndefined();
    expect(pageErrors(again)).toEqual([]);
    await again.close();
  });

  it('keeps carbon settings when a form without them is saved', async () => {
    const s = await sheets();
    const page = await openPanel(s, 'meterShowSettings');
    await page.click('#carbon-section summary');
    await page.selectOption('#carbon-source', '13');
    await page.click('#form button[type=submit]');
    expect(await statusMatching(page, /^Saved/)).toBe('Saved.');
    expect(saved(s)).toEqual({ source: '13' });
    // An older sidebar (or a script) that sends no carbon leaves it as it was.
    s.menu('meterSaveSettings', (await gasLog(page)).calls.at(-1)!.args[0], { timezone: 'UTC' });
    expect(saved(s)).toEqual({ source: '13' });
    await page.close();
  });
});

describe('Compare tariffs… (dialog)', () => {
  it('starts on the demo tariffs, writes the comparison and its bar chart, and says so', async () => {
    const s = await sheets();
    const page = await openPanel(s, 'meterShowCompareTariffs');
    await page.waitForFunction(() => document.querySelectorAll('#meter option').length > 1);
    expect((await page.inputValue('#tariffs')).split('\n')).toEqual([
      'demo-flat',
      'demo-two-rate',
      'demo-tou',
      'demo-dynamic',
    ]);
    expect(await page.textContent('#tariffs-hint')).toMatch(/=METER_TARIFFS\("agile"\)/);
    expect([await page.inputValue('#start'), await page.inputValue('#end')]).toEqual([
      '2024-01-01',
      '2024-12-31',
    ]);
    await page.fill('#start', '2024-01-01');
    await page.fill('#end', '2024-02-29');
    await page.fill('#tariffs', 'demo-flat, demo-dynamic');
    await page.click('#form button[type=submit]');
    const status = await statusMatching(page, /^Compared/);
    expect(status).toBe(
      'Compared 2 tariffs in the sheet "Tariffs 2024-01..2024-02", with a chart.',
    );
    const log = await gasLog(page);
    expect(log.calls.map((c) => c.name)).toEqual(['meterListMeters', 'meterCompareTariffs']);
    expect(log.calls[1].args[1]).toEqual({
      meter: '',
      start: '2024-01-01',
      end: '2024-02-29',
      tariffs: 'demo-flat, demo-dynamic',
      aggregate: 'total',
      timezone: 'Europe/London',
    });
    const sheet = s.world.spreadsheet.getSheetByName('Tariffs 2024-01..2024-02')!;
    expect(
      sheet
        .grid()
        .slice(1, 3)
        .map((r) => r[0]),
    ).toEqual(['demo-flat', 'demo-dynamic']);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0]).toMatchObject({ type: 'BAR', ranges: ['A1:A3', 'E1:E3'] });
    expect(pageErrors(page)).toEqual([]);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'sheets-tariffs-dialog.png'), fullPage: true });
    await page.close();
  });

  it('shows a tariff it does not know as an error in the dialog, and adds no sheet', async () => {
    const s = await sheets();
    const page = await openPanel(s, 'meterShowCompareTariffs');
    await page.waitForFunction(() => document.querySelectorAll('#meter option').length > 1);
    await page.fill('#tariffs', 'demo-flat\ndemo-nonesuch');
    await page.click('#form button[type=submit]');
    expect(await statusMatching(page, /demo-nonesuch/)).toMatch(
      /^tariff: no demo tariff "demo-nonesuch"/,
    );
    expect(await page.getAttribute('#status', 'class')).toContain('error');
    expect(s.world.spreadsheet.getSheets()).toHaveLength(1);
    expect(await page.isEnabled('#form button[type=submit]')).toBe(true);
    await page.close();
  });
});
