// The Sheets panels (dist/gas/*.html, as deployed) in chromium without Apps Script: the
// template's state is put in the way HtmlService would (menu.ts's page()), and a small
// google.script stand-in answers the panel's server calls from canned answers. Enough to
// lay the panels out and drive their forms; the server side has its own tests (test/gas).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ENTRY_POINTS } from '../../gas/entry-points';
import { dialogDefaults } from '../../gas/menu';
import { type Stored, settingsView } from '../../gas/settings-store';
import { PROVIDERS } from '../../shared/providers';
import { ROOT } from '../helpers/cli';

/** The sizes Apps Script gives the panels: the sidebar, and menu.ts's dialogs. */
export const SIDEBAR = { width: 300, height: 720 };
export const COMPARE_DIALOG = { width: 440, height: 520 };

export type Panel = 'Settings' | 'Compare' | 'Import' | 'CompareTariffs';

/** Server functions the panel may call, as menu.ts names them. */
function calls(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of ENTRY_POINTS) out[e.target] = e.name;
  return out;
}

export function emptyStored(): Stored {
  return { settings: { providers: {} }, formulaSpreadsheets: [], generation: 0 };
}

export function settingsState(stored: Stored = emptyStored()): object {
  return {
    nonce: '00000000-0000-4000-8000-000000000000',
    view: settingsView(stored, 'spreadsheet-1', 'Europe/London'),
    warning: '',
    providerIds: PROVIDERS.map((p) => p.id),
    calls: calls(),
  };
}

export function dialogState(at = Date.UTC(2025, 9, 15)): object {
  return {
    nonce: '00000000-0000-4000-8000-000000000000',
    defaults: dialogDefaults(null, at),
    calls: calls(),
  };
}

/** The panel's HTML with its state in place, as HtmlService would serve it. */
export function panelHtml(panel: Panel, state: object): string {
  const template = readFileSync(join(ROOT, 'dist', 'gas', `${panel}.html`), 'utf8');
  const json = JSON.stringify(state).replace(/</g, '\\u003c');
  return template.replace('<?!= state ?>', () => json);
}

/** Canned answers for the server functions, by target (listMeters, saveSettings…). */
export type Answers = Record<string, unknown>;

/**
 * google.script.run and google.script.host for the page (serialised by addInitScript:
 * self-contained). Each call answers asynchronously, like the real one; calls are logged.
 */
function installGoogleScript(answers: Answers): void {
  const w = window as unknown as Record<string, unknown>;
  const log: { name: string; args: unknown[] }[] = [];
  w.__gasCalls = log;
  const runner = (ok?: (r: unknown) => void, fail?: (e: unknown) => void): unknown =>
    new Proxy(
      {},
      {
        get(_t, prop: string) {
          if (prop === 'withSuccessHandler') return (f: (r: unknown) => void) => runner(f, fail);
          if (prop === 'withFailureHandler') return (f: (e: unknown) => void) => runner(ok, f);
          return (...args: unknown[]) => {
            log.push({ name: prop, args });
            const state = (w.STATE ?? {}) as { calls?: Record<string, string> };
            const target = Object.keys(state.calls ?? {}).find((k) => state.calls?.[k] === prop);
            setTimeout(() => {
              if (target && target in answers) ok?.(answers[target]);
              else fail?.({ message: `no canned answer for ${target ?? prop}` });
            }, 0);
          };
        },
      },
    );
  w.google = {
    script: { run: runner(), host: { close: () => log.push({ name: 'close', args: [] }) } },
  };
}

/** Opens a panel at the given size, its script run, with nothing fetched from the internet. */
export async function openPanel(
  browser: Browser,
  panel: Panel,
  state: object,
  size: { width: number; height: number },
  answers: Answers = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  page.on('pageerror', (e) => {
    throw e;
  });
  // The Google add-on stylesheet is not fetched (no network): the layout must hold without it.
  await page.route('**/*', (route) =>
    route.request().url().startsWith('http://panel.test/') ? route.continue() : route.abort(),
  );
  await page.addInitScript(installGoogleScript, answers);
  const html = panelHtml(panel, state);
  await page.route('http://panel.test/', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto('http://panel.test/');
  return page;
}
