/// <reference types="google-apps-script" />
// The custom functions: every METER_… global calls customFunction with its function's id.
// Date cells are read in the spreadsheet's time zone; the answer comes from cache when an
// identical formula was answered recently, else from the providers within the 30 s a
// custom function may run. Errors are thrown with a message the cell shows, secrets
// redacted.
import { runSync } from '../shared/flow';
import { findFunction } from '../shared/functions/catalog';
import { runFunction, userError } from '../shared/functions/run';
import { type FunctionEnv, sheetsName } from '../shared/functions/spec';
import { CUSTOM_FUNCTION_WORK_MS, type SheetsIO, sheetsIO } from './io';
import { now, redactionEnv, userCache, whitelist } from './host';
import { MAX_FORMULA_ROWS, checkPlan } from './plan';
import { type Stored, formulaProviders, readStored } from './settings-store';
import { type SheetValue, toSheetValues } from './values';

export function customFunction(id: string, args: unknown[]): SheetValue[][] {
  const startedAt = now();
  const spec = findFunction(id);
  const label = spec ? sheetsName(spec) : id;
  let stored: Stored | null = null;
  let io: SheetsIO | null = null;
  try {
    const ss = SpreadsheetApp.getActive();
    const cellZone = ss.getSpreadsheetTimeZone();
    stored = readStored(PropertiesService.getUserProperties());
    const allowed = stored.formulaSpreadsheets.includes(ss.getId());
    const usable = formulaProviders(stored.settings, allowed);
    const env: FunctionEnv = {
      settings: usable.settings,
      providers: usable.providers,
      clock: now,
      cellZone,
      runtime: 'sheets',
      // Retries and pauses end in time for the answer to reach the cell within the 30 s.
      deadline: startedAt + CUSTOM_FUNCTION_WORK_MS,
    };
    io = sheetsIO({
      cache: userCache(stored.generation),
      whitelist: whitelist(),
      now,
      budget: {
        label,
        startedAt,
        workMs: CUSTOM_FUNCTION_WORK_MS,
        limit: '30 seconds Google Sheets gives a custom function',
        hint:
          'Ask for a shorter range or a coarser aggregate (day, week or month), or use ' +
          'Meter ▸ Import usage…, which may run for minutes.',
      },
    });
    if (spec)
      checkPlan(
        spec,
        args,
        env,
        MAX_FORMULA_ROWS,
        'a formula could not fetch and return that within 30 seconds. Ask for a coarser ' +
          'aggregate (day, week or month) or a shorter range, or use Meter ▸ Import usage…',
      );
    const table = runSync(runFunction(id, args, env), io);
    return toSheetValues(table, cellZone);
  } catch (e) {
    const { message } = userError(e, redactionEnv(stored));
    console.warn(`${label}: ${message}`);
    throw new Error(message);
  } finally {
    io?.release();
  }
}
