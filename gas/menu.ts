/// <reference types="google-apps-script" />
// The Meter menu and the panels it opens: the import and compare dialogs and the settings
// sidebar, each an HTML page started from state the server gives it (never a secret),
// and Refresh. Menu commands run as the person using them, with their own settings.
import { AGGREGATES } from '../shared/aggregate';
import { DEFAULT_RECHECK_DAYS } from '../shared/log/plan';
import { userError } from '../shared/functions/run';
import { PROVIDERS } from '../shared/providers';
import { DEFAULT_TIMEZONE } from '../shared/settings';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatDay,
  formatMonth,
} from '../shared/time/civil';
import { civilDayAt } from '../shared/time/zone';
import { emptyStored, now, redactionEnv } from './host';
import { VERSION } from '../shared/version';
import { logsView } from './log-commands';
import { issueNonce } from './panel-keys';
import { GENERATION_KEY, type Stored, readStored, settingsView } from './settings-store';

export const MENU_TITLE = 'Meter';

/**
 * The globals' names by the add-on export each calls (gas/entry-points.ts), put in by the
 * build: the entry points' parameters and JSDoc are the build's business, not the bundle's.
 */
declare const ENTRY_NAMES: Record<string, string>;

/** The global name of an entry point, by its target. */
export function entryName(target: string): string {
  const name = ENTRY_NAMES[target];
  if (!name) throw new Error(`no entry point for ${target}`);
  return name;
}

// ---- menu ----

export function onOpen(): void {
  // Nothing but the menu: in AuthMode.NONE no other service may be touched.
  SpreadsheetApp.getUi()
    .createMenu(MENU_TITLE)
    .addItem('Import usage…', entryName('showImport'))
    .addItem('Compare profiles…', entryName('showCompare'))
    .addItem('Compare tariffs…', entryName('showCompareTariffs'))
    .addSeparator()
    .addItem('Settings…', entryName('showSettings'))
    .addItem('Refresh', entryName('refresh'))
    .addSeparator()
    .addItem('Keep a log…', entryName('showLog'))
    .addItem('Stop keeping logs', entryName('stopLogs'))
    .addToUi();
}

export function onInstall(): void {
  onOpen();
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// The panels' HTML by file name when the build inlined them (the one-file release, pasted
// over Code.gs, has no .html files beside it); undefined in the clasp build.
declare const INLINE_PANELS: Record<string, string> | undefined;

function panelTemplate(file: string): GoogleAppsScript.HTML.HtmlTemplate {
  const inlined = typeof INLINE_PANELS === 'undefined' ? undefined : INLINE_PANELS[file];
  return inlined === undefined
    ? HtmlService.createTemplateFromFile(file)
    : HtmlService.createTemplate(inlined);
}

/** An HTML panel with its state, including the names of the server functions it may call. */
export function page(file: string, state: object): GoogleAppsScript.HTML.HtmlOutput {
  const calls = ENTRY_NAMES;
  const template = panelTemplate(file);
  (template as unknown as { state: string }).state = scriptJson({ ...state, calls });
  return template.evaluate();
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
  /** Settings' grid carbon area, shown as what a blank area means in Compare. */
  carbonArea: string;
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
    carbonArea: stored?.settings.carbon?.source ?? '',
  };
}

// ---- menu commands ----

export function showImport(): void {
  const out = page('Import', {
    nonce: issueNonce(),
    defaults: dialogDefaults(storedForDialog(), now()),
  });
  SpreadsheetApp.getUi().showModalDialog(out.setWidth(440).setHeight(480), 'Import usage');
}

export function showLog(): void {
  const ss = SpreadsheetApp.getActive();
  const out = page('Log', {
    nonce: issueNonce(),
    defaults: { recheckDays: DEFAULT_RECHECK_DAYS, zone: ss.getSpreadsheetTimeZone() },
  });
  SpreadsheetApp.getUi().showModalDialog(out.setWidth(440).setHeight(500), 'Keep a log');
}

export function showCompare(): void {
  const out = page('Compare', {
    nonce: issueNonce(),
    defaults: dialogDefaults(storedForDialog(), now()),
  });
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
    version: VERSION,
    logs: logsView(ss.getId()),
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

function loadStored(): Stored {
  return readStored(PropertiesService.getUserProperties());
}

/** The settings a dialog starts from; none when unreadable (the dialog still opens, and
 *  what it runs explains). */
export function storedForDialog(): Stored | null {
  try {
    return loadStored();
  } catch {
    return null;
  }
}
