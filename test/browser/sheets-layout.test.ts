// The Sheets panels laid out by chromium at the sizes Apps Script gives them: the
// settings sidebar (300 px) never scrolls sideways, keeps Save in view, shows one section
// per provider (none for HomeWizard, which Google cannot reach) with selects for fixed
// choices; the compare dialog keeps each Remove button beside its period and, with three
// periods, its buttons and result inside its 520 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carbonFormView } from '../../shared/carbon/form';
import { TARIFFS_DIALOG } from '../../gas/tariff-compare-command';
import { defaultCompareTariffs, tariffFieldHint } from '../../shared/tariffs/compare-command';
import { launch, horizontalOverflow, overflowingElements } from './browser-env';
import {
  COMPARE_DIALOG,
  SIDEBAR,
  dialogState,
  emptyStored,
  openPanel,
  settingsState,
} from './sheets-render';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await horizontalOverflow(page), (await overflowingElements(page)).join('\n')).toBe(0);
}

async function inViewport(page: Page, selector: string, height: number): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  return !!box && box.y >= 0 && box.y + box.height <= height;
}

describe('the Sheets settings sidebar at 300 px', () => {
  it('fits its width with every section open, and keeps Save in view', async () => {
    const page = await openPanel(browser, 'Settings', settingsState(), SIDEBAR);
    const sections = page.locator('#providers details.provider');
    expect(await sections.count()).toBeGreaterThanOrEqual(4);
    // Nothing saved: every section starts collapsed.
    expect(await page.locator('#providers details[open]').count()).toBe(0);
    await expectNoSidewaysScroll(page);
    for (const s of await sections.all()) await s.locator('summary').click();
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(
      2 * SIDEBAR.height,
    );
    await expectNoSidewaysScroll(page);
    expect(await inViewport(page, 'button[type=submit]', SIDEBAR.height)).toBe(true);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 3));
    expect(await inViewport(page, 'button[type=submit]', SIDEBAR.height)).toBe(true);
    await page.close();
  });

  it('leaves HomeWizard out, saying why, and offers fixed choices as a select', async () => {
    const page = await openPanel(browser, 'Settings', settingsState(), SIDEBAR);
    expect(await page.locator('#provider-homewizard').count()).toBe(0);
    expect(await page.textContent('#unavailable')).toMatch(/^HomeWizard.*cannot reach/);
    expect(await page.content()).not.toContain('127.0.0.1');
    const gasUnit = page.locator('#p-octopus-gasUnit');
    expect(await gasUnit.evaluate((e) => e.tagName)).toBe('SELECT');
    expect(
      await gasUnit
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual(['', 'm3', 'kWh']);
    expect(await page.locator('#p-octopus-apiKey-hint a').getAttribute('href')).toMatch(
      /^https:\/\/octopus\.energy\//,
    );
    expect(await page.locator('#providers').textContent()).not.toMatch(/README|`/);
    await page.close();
  });

  it('opens the sections of providers with saved settings and sends selects back', async () => {
    const stored = emptyStored();
    stored.settings.providers.octopus = { gasUnit: 'kWh' };
    const state = settingsState(stored);
    const page = await openPanel(browser, 'Settings', state, SIDEBAR, {
      saveSettings: (state as { view: unknown }).view,
    });
    expect(await page.getAttribute('#provider-octopus', 'open')).toBe('');
    expect(await page.locator('#providers details[open]').count()).toBe(1);
    expect(await page.inputValue('#p-octopus-gasUnit')).toBe('kWh');
    await page.selectOption('#p-octopus-gasUnit', 'm3');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Saved.');
    const sent = await page.evaluate(
      () => (window as unknown as { __gasCalls: { args: unknown[] }[] }).__gasCalls.at(-1)!.args[1],
    );
    expect(
      (sent as { providers: Record<string, Record<string, unknown>> }).providers.octopus.gasUnit,
    ).toBe('m3');
    await page.close();
  });
});

describe('the Carbon section of the sidebar at 300 px', () => {
  it('fits its width with long meter ids and the postcode box shown', async () => {
    const stored = emptyStored();
    stored.settings.carbon = { source: 'RG10' };
    const meters = [
      {
        id: 'octopus:1200012345678:21L4381234567890',
        label: 'Electricity import (MPAN …5678), a long description that has to wrap',
        fuel: 'electricity',
        providerCarbon: false,
      },
      {
        id: 'powershaper:c1d2e3f4:electricity',
        label: 'PS',
        fuel: 'electricity',
        providerCarbon: true,
      },
    ];
    const rows = carbonFormView(stored.settings.carbon, meters).meters;
    const page = await openPanel(browser, 'Settings', settingsState(stored), SIDEBAR, {
      carbonMeters: { rows, problems: [] },
    });
    // Saved: open, and the meters listed straight away.
    expect(await page.getAttribute('#carbon-section', 'open')).toBe('');
    await page.waitForFunction(
      () => document.querySelectorAll('#carbon-meters select').length === 2,
    );
    expect(await page.isVisible('#carbon-source-postcode')).toBe(true);
    await page.selectOption('#carbon-meter-0', 'postcode');
    expect(await page.isVisible('#carbon-meter-0-postcode')).toBe(true);
    await expectNoSidewaysScroll(page);
    await page.locator('#carbon-baseUrl').scrollIntoViewIfNeeded();
    expect(await inViewport(page, 'button[type=submit]', SIDEBAR.height)).toBe(true);
    await page.close();
  });
});

describe('the Sheets compare dialog (440 × 520)', () => {
  it('keeps Remove beside each period, and with three periods its buttons in the dialog', async () => {
    const page = await openPanel(browser, 'Compare', dialogState(), COMPARE_DIALOG, {
      listMeters: { meters: [{ id: 'demo:electricity', label: 'Demo electricity' }], problems: [] },
    });
    await page.click('#add');
    const rows = page.locator('#periods .field');
    expect(await rows.count()).toBe(3);
    for (const row of await rows.all()) {
      const input = await row.locator('input').boundingBox();
      const remove = await row.locator('button').boundingBox();
      // Side by side: the button starts right of the input, on the same line.
      expect(remove!.x).toBeGreaterThanOrEqual(input!.x + input!.width);
      expect(
        Math.abs(remove!.y + remove!.height / 2 - (input!.y + input!.height / 2)),
      ).toBeLessThan(4);
    }
    await expectNoSidewaysScroll(page);
    expect(await inViewport(page, 'button[type=submit]', COMPARE_DIALOG.height)).toBe(true);
    expect(await inViewport(page, '#status', COMPARE_DIALOG.height)).toBe(true);
    await page.close();
  });
});

describe('the Sheets tariffs dialog', () => {
  it('shows every field, the whole hint and its buttons without scrolling', async () => {
    const base = dialogState() as { defaults: object };
    const state = {
      ...base,
      defaults: {
        ...base.defaults,
        tariffs: defaultCompareTariffs({ providers: {} }),
        tariffHint: tariffFieldHint('METER_TARIFFS'),
      },
    };
    const page = await openPanel(browser, 'CompareTariffs', state, TARIFFS_DIALOG, {
      listMeters: { meters: [{ id: 'demo:electricity', label: 'Demo electricity' }], problems: [] },
    });
    await page.waitForFunction(() => document.querySelectorAll('#meter option').length > 1);
    await expectNoSidewaysScroll(page);
    for (const selector of ['#tariffs', '#tariffs-hint', '#timezone', 'button[type=submit]'])
      expect(await inViewport(page, selector, TARIFFS_DIALOG.height), selector).toBe(true);
    expect(await page.inputValue('#tariffs')).toBe(
      'demo-flat\ndemo-two-rate\ndemo-tou\ndemo-dynamic',
    );
    await page.close();
  });
});
