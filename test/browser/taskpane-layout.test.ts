// The task pane at the widths Excel gives it (300 px and 350 px) in headless chromium:
// no section scrolls sideways, and the preview chart's time axis is labelled on round
// times with labels whose rendered boxes never overlap, for a profile, a two-day and a
// month-long half-hourly import. A failed run leaves no chart from the last one behind.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import {
  axisLabelBoxes,
  collisions,
  horizontalOverflow,
  launch,
  overflowingElements,
  servePane,
} from './browser-env';

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

async function openPane(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(`http://127.0.0.1:${server.port}/taskpane.html`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

async function importUsage(page: Page, start: string, end: string, aggregate: string) {
  await page.click('#tab-import');
  await page.fill('#import-start', start);
  await page.fill('#import-end', end);
  await page.selectOption('#import-aggregate', aggregate);
  await page.click('#import-form button[type=submit]');
  await page.waitForSelector('#results svg text.x-tick');
}

async function compare(page: Page, periods: string[]) {
  await page.click('#tab-compare');
  const inputs = page.locator('#compare-periods input');
  while ((await inputs.count()) < periods.length) await page.click('#compare-add');
  for (let i = 0; i < periods.length; i++) await inputs.nth(i).fill(periods[i]);
  await page.click('#compare-form button[type=submit]');
}

async function expectReadableAxis(page: Page): Promise<string[]> {
  const boxes = await axisLabelBoxes(page, '#results');
  expect(boxes.length).toBeGreaterThanOrEqual(2);
  expect(collisions(boxes)).toEqual([]);
  const svg = await page.locator('#results svg').boundingBox();
  for (const b of boxes) {
    expect(b.left, b.text).toBeGreaterThanOrEqual((svg?.x ?? 0) - 0.5);
    expect(b.right, b.text).toBeLessThanOrEqual((svg?.x ?? 0) + (svg?.width ?? 0) + 0.5);
  }
  expect(await horizontalOverflow(page), (await overflowingElements(page)).join('\n')).toBe(0);
  return boxes.map((b) => b.text);
}

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));

describe.each([300, 350])('the task pane at %i px', (width) => {
  it('has no section wider than the pane', async () => {
    const page = await openPane(width);
    for (const tab of ['import', 'compare', 'tariffs', 'settings']) {
      await page.click(`#tab-${tab}`);
      expect(
        await horizontalOverflow(page),
        `${tab}: ${(await overflowingElements(page)).join('\n')}`,
      ).toBe(0);
    }
    await page.close();
  });

  it('shows settings as collapsed provider sections with Save always in view', async () => {
    const page = await browser.newPage({ viewport: { width, height: 600 } });
    await page.goto(`http://127.0.0.1:${server.port}/taskpane.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#tab-settings');
    const sections = page.locator('#settings-providers details.provider');
    expect(await sections.count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#settings-providers details[open]').count()).toBe(0);
    const save = page.locator('#settings-form button[type=submit]');
    const inView = async () => {
      const box = await save.boundingBox();
      return !!box && box.y >= 0 && box.y + box.height <= 600;
    };
    expect(await inView()).toBe(true);
    // Every section open: far taller than the pane, and Save is still in view, scrolled or not.
    for (const s of await sections.all()) await s.locator('summary').click();
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(1200);
    expect(await inView()).toBe(true);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    expect(await inView()).toBe(true);
    expect(await horizontalOverflow(page), (await overflowingElements(page)).join('\n')).toBe(0);
    // Fixed choices are a select; help links go to the provider's page, not "(see README)".
    expect(
      await page
        .locator('#setting-octopus-gasUnit option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual(['', 'm3', 'kWh']);
    expect(await page.locator('#setting-octopus-apiKey-help a').getAttribute('href')).toMatch(
      /^https:\/\/octopus\.energy\//,
    );
    expect(await page.locator('#settings-providers').textContent()).not.toMatch(/README|`/);
    await page.close();
  });

  it('labels an average day every 3 or 6 hours, never overlapping', async () => {
    const page = await openPane(width);
    await compare(page, ['2024-01', '2024-07', '2024-04']);
    await page.waitForSelector('#results svg text.x-tick');
    const labels = await expectReadableAxis(page);
    const steps = labels.slice(1).map((l, i) => minutes(l) - minutes(labels[i]));
    expect(labels[0]).toBe('00:00');
    expect(new Set(steps).size, labels.join(' ')).toBe(1);
    expect([180, 360]).toContain(steps[0]);
    expect(await page.locator('#results figcaption').textContent()).toBe(
      'Demo meter: average day, 2024-01 vs 2024-07 vs 2024-04',
    );
    expect(await page.locator('#results .axis-title').textContent()).toBe(
      'kWh per half-hour (average day)',
    );
    await page.close();
  });

  it('labels a two-day half-hourly import at round hours, never overlapping', async () => {
    const page = await openPane(width);
    await importUsage(page, '2024-01-01', '2024-01-02', 'none');
    const labels = await expectReadableAxis(page);
    // Midnight names its day; the rest are whole hours on one step.
    expect(labels[0]).toBe('1 Jan');
    expect(labels).toContain('2 Jan');
    for (const l of labels.filter((x) => /^\d\d:\d\d$/.test(x))) expect(minutes(l) % 180).toBe(0);
    expect(await page.locator('#results .axis-title').textContent()).toBe('kWh per half-hour');
    expect(await page.locator('#results figcaption').textContent()).toBe(
      'Demo meter: 2024-01-01..2024-01-02',
    );
    await page.close();
  });

  it('labels a month of half-hours at day boundaries, never overlapping', async () => {
    const page = await openPane(width);
    await importUsage(page, '2024-01-01', '2024-01-31', 'none');
    const labels = await expectReadableAxis(page);
    for (const l of labels) expect(l).toMatch(/^\d{1,2} Jan$/);
    await page.close();
  });

  it('clears the last chart when a comparison fails', async () => {
    const page = await openPane(width);
    await compare(page, ['2024-01', '2024-07']);
    await page.waitForSelector('#results svg');
    await compare(page, ['2024-01', 'not-a-period']);
    await page.waitForSelector('#status.error');
    expect(await page.isVisible('#results')).toBe(false);
    expect(await page.locator('#results svg').count()).toBe(0);
    await page.close();
  });
});
