/// <reference types="google-apps-script" />
// Meter › Keep a log… and Meter › Stop keeping logs, and the time-driven trigger that keeps
// the logs: each run appends the days not yet in a log sheet and fetches the last few again
// (smart-meter data arrives late), rewriting them in place. A failure (expired credentials,
// a provider down) changes no data: it goes into the sheet's status line and the execution
// log, and the next run tries again.
import { MeterError } from '../shared/errors';
import { runSync } from '../shared/flow';
import { runFunction, userError } from '../shared/functions/run';
import { USAGE } from '../shared/functions/usage';
import { DEFAULT_RECHECK_DAYS, MAX_RECHECK_DAYS, logState, planLogRun } from '../shared/log/plan';
import { formatDay, parseDay } from '../shared/time/civil';
import { civilDayAt } from '../shared/time/zone';
import { guarded, startRun } from './commands';
import { now, redactionEnv } from './host';
import { MENU_TITLE, entryName } from './menu';
import { checkNonce } from './panel-keys';
import { readLogRows, setLogStatus, stamp, writeLogRows } from './log-sheet';
import { type LogBook, type LogSpec, MAX_LOGS, readLogBook, writeLogBook } from './log-store';

/** A trigger run stops starting logs after this long, leaving the rest to the next run. */
export const LOG_RUN_BUDGET_MS = 240_000;
/** Daily runs start in this hour of the spreadsheet's zone: yesterday's data is usually in. */
export const DAILY_HOUR = 6;

export interface LogForm {
  meter?: unknown;
  aggregate?: unknown;
  recheckDays?: unknown;
  schedule?: unknown;
  since?: unknown;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

function specFrom(form: LogForm, today: number): Omit<LogSpec, 'sheet'> {
  const aggregate = text(form.aggregate) || 'none';
  if (aggregate !== 'none' && aggregate !== 'day')
    throw new MeterError('argument', `Aggregate: expected half-hours or days, got "${aggregate}"`);
  const recheck = text(form.recheckDays) || String(DEFAULT_RECHECK_DAYS);
  if (!/^\d+$/.test(recheck) || Number(recheck) > MAX_RECHECK_DAYS)
    throw new MeterError(
      'argument',
      `Days to check again: expected a whole number from 0 to ${MAX_RECHECK_DAYS}, got "${recheck}"`,
    );
  const schedule = text(form.schedule) || 'daily';
  if (schedule !== 'daily' && schedule !== 'hourly')
    throw new MeterError('argument', `Schedule: expected daily or hourly, got "${schedule}"`);
  const sinceText = text(form.since);
  const since = sinceText ? parseDay(sinceText) : today - 30;
  if (since === null)
    throw new MeterError(
      'argument',
      `First day: expected a date like 2024-01-31, got "${sinceText}"`,
    );
  return {
    meter: text(form.meter),
    aggregate,
    recheckDays: Number(recheck),
    schedule,
    since: formatDay(since),
  };
}

/** The trigger for this spreadsheet's logs: hourly if any log asks for it, else daily. */
function ensureTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, book: LogBook): void {
  const hourly = book.logs.some((l) => l.schedule === 'hourly');
  const handler = entryName('runLogs');
  const existing = ScriptApp.getProjectTriggers().find((t) => t.getUniqueId() === book.triggerId);
  if (existing) ScriptApp.deleteTrigger(existing);
  const builder = ScriptApp.newTrigger(handler).timeBased();
  const trigger = hourly
    ? builder.everyHours(1).create()
    : builder.everyDays(1).atHour(DAILY_HOUR).inTimezone(ss.getSpreadsheetTimeZone()).create();
  book.triggerId = trigger.getUniqueId();
}

/** Brings one log up to date. Throws, changing nothing, when the fetch fails. */
function runOne(spec: LogSpec, ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const zone = ss.getSpreadsheetTimeZone();
  const sheet = ss.getSheetByName(spec.sheet) ?? ss.insertSheet(spec.sheet);
  const existing = readLogRows(sheet, zone);
  const today = civilDayAt(zone, now());
  const plan = planLogRun(logState(existing.facts), {
    today,
    recheckDays: spec.recheckDays,
    since: parseDay(spec.since) ?? today - 30,
  });
  if (!plan) return `up to date, ${existing.facts.length} rows`;
  const run = startRun(`The log of ${spec.sheet}`);
  try {
    const args = [formatDay(plan.first), formatDay(plan.last), spec.aggregate, spec.meter, zone];
    const table = runSync(runFunction(USAGE.id, args, run.env), run.io);
    let from = existing.facts.findIndex((f) => f.day >= plan.first);
    if (from < 0) from = existing.facts.length;
    const rows = writeLogRows(sheet, table, from, existing.facts.length, new Date(now()), zone);
    return `fetched ${formatDay(plan.first)} to ${formatDay(plan.last)}; ${rows} rows`;
  } finally {
    run.io.release();
  }
}

function runAndRecord(spec: LogSpec, ss: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean {
  const zone = ss.getSpreadsheetTimeZone();
  const sheet = ss.getSheetByName(spec.sheet) ?? ss.insertSheet(spec.sheet);
  const what = `Log of ${spec.meter || 'the default meter'} (${spec.aggregate === 'day' ? 'days' : 'half-hours'})`;
  try {
    const outcome = runOne(spec, ss);
    setLogStatus(sheet, `${what}. Last run ${stamp(now(), zone)}: ${outcome}.`);
    return true;
  } catch (e) {
    const { message } = userError(e, redactionEnv(null));
    console.warn(`${spec.sheet}: ${message}`);
    setLogStatus(
      sheet,
      `${what}. Last run ${stamp(now(), zone)} failed: ${message}. Nothing was changed; the next run tries again.`,
    );
    return false;
  }
}

// ---- the dialog's server function ----

export function startLog(nonce: unknown, form: LogForm): { sheet: string; status: string } {
  return guarded(
    () => startLogChecked(nonce, form),
    () => null,
  );
}

function startLogChecked(nonce: unknown, form: LogForm): { sheet: string; status: string } {
  checkNonce(nonce);
  const ss = SpreadsheetApp.getActive();
  const zone = ss.getSpreadsheetTimeZone();
  const spec = specFrom(form ?? {}, civilDayAt(zone, now()));
  const book = readLogBook(ss.getId());
  const name = `Log ${spec.meter || 'default'} ${spec.aggregate === 'day' ? 'days' : 'half-hours'}`;
  const others = book.logs.filter((l) => l.sheet !== name);
  if (others.length >= MAX_LOGS)
    throw new MeterError(
      'argument',
      `This spreadsheet keeps ${MAX_LOGS} logs already: stop one first`,
    );
  book.logs = [...others, { ...spec, sheet: name }];
  ensureTrigger(ss, book);
  writeLogBook(ss.getId(), book);
  runAndRecord({ ...spec, sheet: name }, ss);
  const sheet = ss.getSheetByName(name);
  return { sheet: name, status: String(sheet?.getRange(1, 1).getValue() ?? '') };
}

// ---- menu command and trigger ----

export function stopLogs(): void {
  const ss = SpreadsheetApp.getActive();
  const book = readLogBook(ss.getId());
  // Only the trigger this add-on made for this spreadsheet: never anybody else's.
  for (const t of ScriptApp.getProjectTriggers())
    if (t.getUniqueId() === book.triggerId) ScriptApp.deleteTrigger(t);
  const count = book.logs.length;
  writeLogBook(ss.getId(), { logs: [], next: 0, triggerId: null });
  ss.toast(
    count > 0
      ? `Stopped ${count} log${count === 1 ? '' : 's'}; the sheets stay as they are.`
      : 'No logs were being kept in this spreadsheet.',
    MENU_TITLE,
    5,
  );
}

export function runLogs(): void {
  const started = now();
  const ss = SpreadsheetApp.getActive();
  const book = readLogBook(ss.getId());
  const n = book.logs.length;
  for (let k = 0; k < n; k++) {
    const i = (book.next + k) % n;
    if (k > 0 && now() - started > LOG_RUN_BUDGET_MS) {
      // Out of time for this run: the rest go first next time, and their sheets say so.
      book.next = i;
      for (let j = k; j < n; j++) {
        const spec = book.logs[(book.next + j - k) % n];
        const sheet = ss.getSheetByName(spec.sheet);
        if (sheet)
          setLogStatus(
            sheet,
            `Waiting for the next run: this spreadsheet's logs share Apps Script's 6 minutes a run.`,
          );
      }
      writeLogBook(ss.getId(), book);
      return;
    }
    runAndRecord(book.logs[i], ss);
  }
  book.next = 0;
  writeLogBook(ss.getId(), book);
}

/** The active logs, for the settings sidebar. */
export function logsView(
  spreadsheetId: string,
): { sheet: string; meter: string; schedule: string }[] {
  return readLogBook(spreadsheetId).logs.map((l) => ({
    sheet: l.sheet,
    meter: l.meter || 'default meter',
    schedule: l.schedule,
  }));
}
