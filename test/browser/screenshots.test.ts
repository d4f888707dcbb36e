// The screenshots under docs/img/ are taken here, from the real task pane and sidebar in
// headless chromium, never drawn by hand. Beside each PNG is the fingerprint of what was
// rendered (the page's DOM with its inline SVG, its style rules, the viewport): when the
// pane changes, the fingerprint changes and this test fails until the screenshot is
// taken again. Pixels are not compared (fonts differ between machines; the markup does not).
//
//   UPDATE_SCREENSHOTS=1 npx vitest run test/browser/screenshots.test.ts
//
// retakes them (npm run build first: the pane is served from dist/).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { ROOT } from '../helpers/cli';
import { launch, servePane } from './browser-env';
import { installOfficeStub } from './office-stub';
import { carbonFormView } from '../../shared/carbon/form';
import { SIDEBAR, emptyStored, openPanel, settingsState } from './sheets-render';

const IMG = join(ROOT, 'docs', 'img');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const REFRESH = 'UPDATE_SCREENSHOTS=1 npx vitest run test/browser/screenshots.test.ts';

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  server = await servePane();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * What the screenshot shows, as text: the DOM (attributes, text, inline SVG; form
 * values as they are now), every style rule the page applies, and the viewport. Things
 * that differ between machines but not on screen are left out: the time-zone list
 * (the browser's ICU version) and the server's port.
 */
async function renderedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = document.documentElement.cloneNode(true) as HTMLElement;
    doc.querySelector('datalist#zones')?.replaceChildren();
    const live = document.querySelectorAll('input, select, textarea');
    doc.querySelectorAll('input, select, textarea').forEach((el, i) => {
      const value = (live[i] as HTMLInputElement).value;
      el.setAttribute('data-value', value);
      if ((live[i] as HTMLInputElement).checked) el.setAttribute('data-checked', '');
    });
    doc.querySelectorAll('details').forEach((d, i) => {
      if ((document.querySelectorAll('details')[i] as HTMLDetailsElement).open)
        d.setAttribute('open', '');
    });
    const rules: string[] = [];
    for (const sheet of Array.from(document.styleSheets)) {
      try {
        for (const r of Array.from(sheet.cssRules)) rules.push(r.cssText);
      } catch {
        rules.push(`(unreadable ${sheet.href ?? 'inline'})`);
      }
    }
    const html = doc.outerHTML.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
    return `${window.innerWidth}x${window.innerHeight}\n${rules.join('\n')}\n${html}`;
  });
}

function fingerprint(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}\n`;
}

/** Takes the screenshot when asked to; otherwise fails if the stored one is stale. */
async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  const png = join(IMG, `${name}.png`);
  const print = join(IMG, `${name}.fingerprint`);
  const now = fingerprint(await renderedText(page));
  if (UPDATE) {
    mkdirSync(IMG, { recursive: true });
    await page.screenshot({ path: png, fullPage });
    writeFileSync(print, now);
    return;
  }
  const where = relative(ROOT, png);
  expect(existsSync(png) && existsSync(print), `${where} is missing: run ${REFRESH}`).toBe(true);
  expect(
    readFileSync(print, 'utf8'),
    `${where} is stale: what it shows has changed. Run ${REFRESH} and commit docs/img/.`,
  ).toBe(now);
}

describe('documentation screenshots', () => {
  it('excel-taskpane-compare.png: January against July on the demo meter with the grid intensity, in Excel', async () => {
    const page = await browser.newPage({ viewport: { width: 350, height: 900 } });
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.addInitScript(installOfficeStub);
    // The pane's defaults (last month, the latest January and July) follow the clock.
    await page.clock.setFixedTime(new Date('2025-10-15T12:00:00Z'));
    await page.goto(`http://127.0.0.1:${server.port}/taskpane.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#tab-compare');
    await page.selectOption('#compare-meter', 'demo:electricity');
    const inputs = page.locator('#compare-periods input');
    await inputs.nth(0).fill('2024-01');
    await inputs.nth(1).fill('2024-07');
    await page.fill('#compare-timezone', 'Europe/London');
    await page.check('#compare-overlay'); // the demo meter's grid: the demo grid, offline
    await page.click('#compare-form button[type=submit]');
    await page.waitForSelector('#results svg');
    await page.waitForFunction(() =>
      /with a chart/.test(document.getElementById('status')?.textContent ?? ''),
    );
    await screenshot(page, 'excel-taskpane-compare');
    await page.close();
  });

  it('sheets-settings.png: the Sheets settings sidebar at 300 px', async () => {
    const page = await openPanel(browser, 'Settings', settingsState(), SIDEBAR);
    await page.click('#provider-octopus > summary');
    // What the 300 × 720 sidebar shows, Save at its foot (a full-page shot would strand
    // the sticky footer mid-page).
    await screenshot(page, 'sheets-settings', false);
    await page.close();
  });

  it('sheets-settings-carbon.png: the Carbon section, a default region and a meter’s own choice', async () => {
    const stored = emptyStored();
    stored.settings.carbon = { source: '13', meters: { 'powershaper:c1d2e3f4:electricity': '13' } };
    const meters = [
      {
        id: 'octopus:1200012345678:21L4381234',
        label: 'Electricity import (MPAN …5678)',
        fuel: 'electricity',
        providerCarbon: false,
      },
      {
        id: 'powershaper:c1d2e3f4:electricity',
        label: 'PowerShaper electricity',
        fuel: 'electricity',
        providerCarbon: true,
      },
    ];
    const rows = carbonFormView(stored.settings.carbon, meters).meters;
    const page = await openPanel(browser, 'Settings', settingsState(stored), SIDEBAR, {
      carbonMeters: { rows, problems: [] },
    });
    await page.waitForFunction(
      () => document.querySelectorAll('#carbon-meters select').length === 2,
    );
    await page.selectOption('#carbon-meter-0', 'postcode');
    await page.fill('#carbon-meter-0-postcode', 'RG10');
    await page.evaluate(() => document.getElementById('carbon-section')?.scrollIntoView());
    await screenshot(page, 'sheets-settings-carbon', false);
    await page.close();
  });
});
