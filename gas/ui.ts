/// <reference types="google-apps-script" />
// The Meter menu, its dialogs and the settings sidebar, and the server functions they
// call. Menu commands run as the person using them, with their own settings, for up to
// six minutes. Every server function checks a one-time key that only a panel opened from
// the menu knows: any top-level function can also be typed into a cell as a formula, and a
// formula must not be able to read or change settings through these.
import { MeterError } from '../shared/errors';
import { type Flow, all, runSync } from '../shared/flow';
import { isUsable, metersOf, providersOf } from '../shared/functions/context';
import { runFunction, userError } from '../shared/functions/run';
import type { FunctionEnv } from '../shared/functions/spec';
import type { Meter } from '../shared/model';
import { AGGREGATES } from '../shared/aggregate';
import { PROVIDERS } from '../shared/providers';
import { DEFAULT_TIMEZONE } from '../shared/settings';
import {
  daysFromCivil,
  daysInMonth,
  civilFromDays,
  formatDay,
  formatMonth,
} from '../shared/time/civil';
import { civilDayAt } from '../shared/time/zone';
import { ENTRY_POINTS, entryName } from './entry-points';
import { MENU_WORK_MS, type SheetsIO, sheetsIO } from './io';
import { emptyStored, now, redactionEnv, userCache, whitelist } from './host';
import {
  GENERATION_KEY,
  type SettingsForm,
  type SettingsView,
  type Stored,
  applyForm,
  hasCredentials,
  readStored,
  settingsView,
  writeStored,
} from './settings-store';
import { MAX_IMPORT_ROWS, checkPlan } from './plan';
import { insertProfileChart, writeTableSheet } from './sheets';
import { USAGE } from '../shared/functions/usage';

export const MENU_TITLE = 'Meter';
const NONCE_PREFIX = 'meter-sheets.panel:';
const NONCE_TTL = 21600;
const TOAST_EVERY_MS = 5000;

// ---- menu ----

export function onOpen(): void {
  // Nothing but the menu: in AuthMode.NONE no other service may be touched.
  SpreadsheetApp.getUi()
    .createMenu(MENU_TITLE)
    .addItem('Import usage…', entryName('showImport'))
    .addItem('Compare profiles…', entryName('showCompare'))
    .addSeparator()
    .addItem('Settings…', entryName('showSettings'))
    .addItem('Refresh', entryName('refresh'))
    .addToUi();
}

export function onInstall(): void {
  onOpen();
}

// ---- panel keys ----

function issueNonce(): string {
  const nonce = Utilities.getUuid();
  CacheService.getUserCache()?.put(NONCE_PREFIX + nonce, '1', NONCE_TTL);
  return nonce;
}

function checkNonce(nonce: unknown): void {
  const ok =
    typeof nonce === 'string' &&
    /^[0-9a-f-]{16,64}$/i.test(nonce) &&
    CacheService.getUserCache()?.get(NONCE_PREFIX + nonce) === '1';
  if (!ok)
    throw new MeterError(
      'config',
      'This panel has expired or was not opened from the Meter menu; close it and open it again from Meter',
    );
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** An HTML panel with its state, including the names of the server functions it may call. */
function page(file: string, state: object): GoogleAppsScript.HTML.HtmlOutput {
  const calls: Record<string, string> = {};
  for (const e of ENTRY_POINTS) calls[e.target] = e.name;
  const template = HtmlService.createTemplateFromFile(file);
  (template as unknown as { state: string }).state = scriptJson({ ...state, calls });
  return template.evaluate();
}

// ---- shared plumbing for menu commands ----

function loadStored(): Stored {
  return readStored(PropertiesService.getUserProperties());
}

interface Run {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  stored: Stored;
  env: FunctionEnv;
  io: SheetsIO;
}

function startRun(label: string, progress?: string): Run {
  const startedAt = now();
  const ss = SpreadsheetApp.getActive();
  const stored = loadStored();
  const env: FunctionEnv = {
    settings: stored.settings,
    clock: now,
    cellZone: ss.getSpreadsheetTimeZone(),
    runtime: 'sheets',
  };
  let lastToast = startedAt;
  const io = sheetsIO({
    cache: userCache(stored.generation),
    whitelist: whitelist(),
    now,
    budget: {
      label,
      startedAt,
      workMs: MENU_WORK_MS,
      limit: 'six minutes Apps Script gives a menu command',
      hint: 'Import a shorter range at a time.',
    },
    onBatch: (stats) => {
      if (!progress || now() - lastToast < TOAST_EVERY_MS) return;
      lastToast = now();
      ss.toast(`${progress} (${stats.requests} requests so far)`, MENU_TITLE, 30);
    },
  });
  return { ss, stored, env, io };
}

/** Runs a server function, turning any failure into a redacted message for the panel. */
function guarded<T>(body: () => T, stored: () => Stored | null): T {
  try {
    return body();
  } catch (e) {
    const { message } = userError(e, redactionEnv(stored()));
    console.warn(message);
    throw new Error(message);
  }
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

// ---- defaults for the dialogs ----

interface DialogDefaults {
  meter: string;
  timezone: string;
  start: string;
  end: string;
  aggregate: string;
  aggregates: readonly string[];
  periods: string[];
}

/** The last complete month, and the latest complete January and July. */
export function dialogDefaults(stored: Stored | null, at: number): DialogDefaults {
  const zone = stored?.settings.timezone ?? DEFAULT_TIMEZONE;
  const today = civilFromDays(civilDayAt(zone, at));
  const lastMonth =
    today.month === 1 ? { y: today.year - 1, m: 12 } : { y: today.year, m: today.month - 1 };
  const first = daysFromCivil(lastMonth.y, lastMonth.m, 1);
  const latest = (month: number) => (today.month > month ? today.year : today.year - 1);
  return {
    meter: stored?.settings.defaultMeter ?? '',
    timezone: zone,
    start: formatDay(first),
    end: formatDay(first + daysInMonth(lastMonth.y, lastMonth.m) - 1),
    aggregate: 'day',
    aggregates: AGGREGATES,
    periods: [1, 7].map((m) => formatMonth(daysFromCivil(latest(m), m, 1))),
  };
}

// ---- menu commands ----

export function showImport(): void {
  let stored: Stored | null = null;
  try {
    stored = loadStored();
  } catch {
    stored = null; // the dialog still opens; the import will explain
  }
  const out = page('Import', { nonce: issueNonce(), defaults: dialogDefaults(stored, now()) });
  SpreadsheetApp.getUi().showModalDialog(out.setWidth(440).setHeight(480), 'Import usage');
}

export function showCompare(): void {
  let stored: Stored | null = null;
  try {
    stored = loadStored();
  } catch {
    stored = null;
  }
  const out = page('Compare', { nonce: issueNonce(), defaults: dialogDefaults(stored, now()) });
  SpreadsheetApp.getUi().showModalDialog(out.setWidth(440).setHeight(520), 'Compare profiles');
}

export function showSettings(): void {
  const ss = SpreadsheetApp.getActive();
  let stored = emptyStored();
  let warning = '';
  try {
    stored = loadStored();
  } catch (e) {
    warning = userError(e, redactionEnv(null)).message;
  }
  const view = settingsView(stored, ss.getId(), ss.getSpreadsheetTimeZone());
  const out = page('Settings', {
    nonce: issueNonce(),
    view,
    warning,
    providerIds: PROVIDERS.map((p) => p.id),
  });
  SpreadsheetApp.getUi().showSidebar(out.setTitle('Meter settings'));
}

export function refresh(): void {
  const props = PropertiesService.getUserProperties();
  const generation = (Number(props.getProperty(GENERATION_KEY) ?? 0) || 0) + 1;
  props.setProperty(GENERATION_KEY, String(generation));
  SpreadsheetApp.getActive().toast(
    'Cached meter data cleared: formulas fetch anew when they next recalculate (edit one to recalculate it now).',
    MENU_TITLE,
    8,
  );
}

// ---- server functions for the panels ----

interface MeterChoice {
  id: string;
  label: string;
}

// A provider that fails (credentials refused, unreachable) should not hide the others.
function* settle<T>(flow: Flow<T>): Flow<{ ok: T } | { error: unknown }> {
  try {
    return { ok: yield* flow };
  } catch (error) {
    return { error };
  }
}

export function listMeters(nonce: unknown): { meters: MeterChoice[]; problems: string[] } {
  let stored: Stored | null = null;
  return guarded(
    () => {
      checkNonce(nonce);
      const run = startRun('Listing meters');
      stored = run.stored;
      try {
        const providers = providersOf(run.env);
        const usable = providers.filter((p) => isUsable(p, run.env));
        const problems = providers
          .filter((p) => !usable.includes(p) && hasCredentials(run.stored.settings, p))
          .map((p) => `${p.label} is not fully set up in Settings`);
        const lists = runSync(all(usable.map((p) => settle(metersOf(p, run.env)))), run.io);
        const meters: MeterChoice[] = [];
        lists.forEach((r) => {
          if ('ok' in r) r.ok.forEach((m: Meter) => meters.push({ id: m.id, label: m.label }));
          else problems.push(userError(r.error, redactionEnv(run.stored)).message);
        });
        return { meters, problems };
      } finally {
        run.io.release();
      }
    },
    () => stored,
  );
}

export interface ImportForm {
  meter?: unknown;
  start?: unknown;
  end?: unknown;
  aggregate?: unknown;
  timezone?: unknown;
}

export function importUsage(nonce: unknown, form: ImportForm): { sheet: string; rows: number } {
  let stored: Stored | null = null;
  return guarded(
    () => {
      checkNonce(nonce);
      const f = form ?? {};
      const [meter, start, end, aggregate, timezone] = [
        f.meter,
        f.start,
        f.end,
        f.aggregate,
        f.timezone,
      ].map(text);
      const what = `${meter || 'the default meter'}, ${start}${end && end !== start ? ' to ' + end : ''}`;
      const run = startRun('The import', `Importing ${what}…`);
      stored = run.stored;
      try {
        const args = [start, end, aggregate, meter, timezone];
        checkPlan(USAGE, args, run.env, MAX_IMPORT_ROWS, 'import a shorter range at a time');
        run.ss.toast(`Importing ${what}…`, MENU_TITLE, 30);
        const table = runSync(runFunction(USAGE.id, args, run.env), run.io);
        const rows = table.length - 1;
        if (rows > 5000) run.ss.toast(`Writing ${rows} rows…`, MENU_TITLE, 30);
        const range = end && end !== start ? `${start}..${end}` : start;
        const name = `Usage ${meter || 'default'} ${range}${aggregate && aggregate !== 'none' ? ' ' + aggregate : ''}`;
        const sheet = writeTableSheet(run.ss, name, table);
        run.ss.toast(`Imported ${rows} rows into "${sheet.getName()}".`, MENU_TITLE, 5);
        return { sheet: sheet.getName(), rows };
      } finally {
        run.io.release();
      }
    },
    () => stored,
  );
}

export interface CompareForm {
  meter?: unknown;
  periods?: unknown;
  timezone?: unknown;
}

export function compareProfiles(
  nonce: unknown,
  form: CompareForm,
): { sheet: string; periods: string[] } {
  let stored: Stored | null = null;
  return guarded(
    () => {
      checkNonce(nonce);
      const f = form ?? {};
      const periods = (Array.isArray(f.periods) ? f.periods : []).map(text).filter((p) => p !== '');
      if (periods.length < 2)
        throw new MeterError(
          'argument',
          'periods: pick two or more periods to compare, like 2024-01 and 2024-07',
        );
      const meter = text(f.meter);
      const run = startRun('The comparison', 'Comparing profiles…');
      stored = run.stored;
      try {
        const table = runSync(
          runFunction('COMPARE', [periods.map((p) => [p]), meter, text(f.timezone)], run.env),
          run.io,
        );
        const labels = table[0].slice(1).map(String);
        const sheet = writeTableSheet(
          run.ss,
          `Profiles ${meter || 'default'} ${labels.join(' vs ')}`,
          table,
        );
        insertProfileChart(
          sheet,
          table.length,
          table[0].length,
          `Average day${meter ? ', ' + meter : ''}: ${labels.join(' vs ')}`,
        );
        run.ss.toast(`Compared ${labels.join(', ')} in "${sheet.getName()}".`, MENU_TITLE, 5);
        return { sheet: sheet.getName(), periods: labels };
      } finally {
        run.io.release();
      }
    },
    () => stored,
  );
}

export function saveSettings(nonce: unknown, form: SettingsForm): SettingsView {
  let stored: Stored | null = null;
  return guarded(
    () => {
      checkNonce(nonce);
      const ss = SpreadsheetApp.getActive();
      const props = PropertiesService.getUserProperties();
      try {
        stored = readStored(props);
      } catch {
        stored = emptyStored(); // unreadable settings are replaced by what is saved now
      }
      const next = applyForm(stored, form, ss.getId());
      writeStored(props, next);
      stored = next;
      return settingsView(next, ss.getId(), ss.getSpreadsheetTimeZone());
    },
    () => stored,
  );
}
