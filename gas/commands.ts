/// <reference types="google-apps-script" />
// The server functions the panels call (google.script.run): list the meters, import
// usage into a sheet, compare profiles with a chart, save settings. Each checks the
// panel's key, runs as the person using it with their own settings for up to six
// minutes, and turns any failure into a redacted message for the panel.
import { compareChartTitle, meterTitle } from '../shared/chart-text';
import { MeterError } from '../shared/errors';
import { type Flow, all, runSync } from '../shared/flow';
import { isUsable, metersOf, providersOf } from '../shared/functions/context';
import { estimatedRows } from '../shared/functions/plan';
import { compareWithOverlay } from '../shared/functions/compare-overlay';
import { runFunction, userError } from '../shared/functions/run';
import type { FunctionEnv } from '../shared/functions/spec';
import { USAGE } from '../shared/functions/usage';
import type { Meter } from '../shared/model';
import { emptyStored, now, redactionEnv, userCache, whitelist } from './host';
import { MENU_END_MARGIN_MS, MENU_RUN_MS, MENU_WORK_MS, type SheetsIO, sheetsIO } from './io';
import { MENU_TITLE } from './menu';
import { checkNonce } from './panel-keys';
import { MAX_IMPORT_ROWS, checkPlan } from './plan';
import {
  type SettingsForm,
  type SettingsView,
  type Stored,
  applyForm,
  hasCredentials,
  readStored,
  settingsView,
  writeStored,
} from './settings-store';
import { WRITE_MS_PER_CELL, type WriteBudget, insertProfileChart, writeTableSheet } from './sheets';

const TOAST_EVERY_MS = 5000;

// ---- shared plumbing for menu commands ----

function loadStored(): Stored {
  return readStored(PropertiesService.getUserProperties());
}

export interface Run {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  stored: Stored;
  env: FunctionEnv;
  io: SheetsIO;
  /** Writing the result: done by the end of the run, or nothing written. */
  budget: WriteBudget;
}

/**
 * `writeMs`: time to keep for converting and writing what is fetched, so fetching stops
 * early enough for the write to finish within the six minutes.
 */
export function startRun(
  label: string,
  progress?: string,
  writeMs: (env: FunctionEnv) => number = () => 0,
): Run {
  const startedAt = now();
  const ss = SpreadsheetApp.getActive();
  const stored = loadStored();
  const env: FunctionEnv = {
    settings: stored.settings,
    clock: now,
    cellZone: ss.getSpreadsheetTimeZone(),
    runtime: 'sheets',
  };
  const workMs = Math.min(MENU_WORK_MS, MENU_RUN_MS - MENU_END_MARGIN_MS - writeMs(env));
  env.deadline = startedAt + workMs;
  let lastToast = startedAt;
  const io = sheetsIO({
    cache: userCache(stored.generation),
    whitelist: whitelist(),
    now,
    budget: {
      label,
      startedAt,
      workMs,
      limit: 'six minutes Apps Script gives a menu command',
      hint: 'Import a shorter range at a time.',
    },
    onBatch: (stats) => {
      if (!progress || now() - lastToast < TOAST_EVERY_MS) return;
      lastToast = now();
      ss.toast(`${progress} (${stats.requests} requests so far)`, MENU_TITLE, 30);
    },
  });
  const budget: WriteBudget = {
    now,
    endBy: startedAt + MENU_RUN_MS - MENU_END_MARGIN_MS,
    tooSlow: (rows) =>
      new MeterError(
        'unavailable',
        `${label} fetched ${rows.toLocaleString('en-GB')} rows but cannot write them within ` +
          'the six minutes Apps Script gives a menu command, so nothing was written. ' +
          'Import a shorter range at a time.',
      ),
  };
  return { ss, stored, env, io, budget };
}

/** The columns of a usage table (Start, End, kWh, Carbon, Carbon basis, Cost, Missing), for planning. */
const USAGE_COLUMNS = 7;

/** Runs a server function, turning any failure into a redacted message for the panel. */
export function guarded<T>(body: () => T, stored: () => Stored | null): T {
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

/** Every usable provider's meters, in one batch; a provider that fails is a problem. */
export function listedMeters(run: Run): { meters: Meter[]; problems: string[] } {
  const providers = providersOf(run.env);
  const usable = providers.filter((p) => isUsable(p, run.env));
  const problems = providers
    .filter((p) => !usable.includes(p) && hasCredentials(run.stored.settings, p))
    .map((p) => `${p.label} is not fully set up in Settings`);
  const lists = runSync(all(usable.map((p) => settle(metersOf(p, run.env)))), run.io);
  const meters: Meter[] = [];
  lists.forEach((r) => {
    if ('ok' in r) meters.push(...r.ok);
    else problems.push(userError(r.error, redactionEnv(run.stored)).message);
  });
  return { meters, problems };
}

export function listMeters(nonce: unknown): { meters: MeterChoice[]; problems: string[] } {
  let stored: Stored | null = null;
  return guarded(
    () => {
      checkNonce(nonce);
      const run = startRun('Listing meters');
      stored = run.stored;
      try {
        const { meters, problems } = listedMeters(run);
        return { meters: meters.map((m) => ({ id: m.id, label: m.label })), problems };
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
      const args = [start, end, aggregate, meter, timezone];
      const run = startRun(
        'The import',
        `Importing ${what}…`,
        (env) => (estimatedRows(USAGE, args, env) ?? 0) * USAGE_COLUMNS * WRITE_MS_PER_CELL,
      );
      stored = run.stored;
      try {
        checkPlan(USAGE, args, run.env, MAX_IMPORT_ROWS, 'import a shorter range at a time');
        run.ss.toast(`Importing ${what}…`, MENU_TITLE, 30);
        const table = runSync(runFunction(USAGE.id, args, run.env), run.io);
        const rows = table.length - 1;
        if (rows > 5000) run.ss.toast(`Writing ${rows} rows…`, MENU_TITLE, 30);
        const range = end && end !== start ? `${start}..${end}` : start;
        const name = `Usage ${meter || 'default'} ${range}${aggregate && aggregate !== 'none' ? ' ' + aggregate : ''}`;
        // The sheet fitted to the table: the default grid would eat the 10-million-cell limit.
        const sheet = writeTableSheet(run.ss, name, table, { trim: true, budget: run.budget });
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
  /** "Overlay grid carbon intensity" ticked, and the area typed (blank: Settings). */
  overlay?: unknown;
  area?: unknown;
}

export function compareProfiles(
  nonce: unknown,
  form: CompareForm,
): { sheet: string; periods: string[]; notes: string[] } {
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
        const request = {
          periods,
          meter,
          timezone: text(f.timezone),
          overlay: f.overlay === true,
          area: text(f.area),
        };
        const { table, labels, area, notes } = runSync(
          compareWithOverlay(request, run.env),
          run.io,
        );
        const sheet = writeTableSheet(
          run.ss,
          `Profiles ${meter || 'default'} ${labels.join(' vs ')}`,
          table,
          { budget: run.budget },
        );
        insertProfileChart(
          sheet,
          table,
          compareChartTitle(meterTitle(meter, run.env.settings.defaultMeter), labels, area),
        );
        run.ss.toast(`Compared ${labels.join(', ')} in "${sheet.getName()}".`, MENU_TITLE, 5);
        return { sheet: sheet.getName(), periods: labels, notes };
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
