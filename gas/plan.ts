// Planning before fetching: a formula that would return more rows than can be fetched,
// aggregated and handed back within Sheets' 30 seconds is refused at once, with what to
// ask for instead, rather than left to time out. Functions are recognised by their
// parameters (start, end, aggregate), so a new function of that shape is planned too.
import { MeterError } from '../shared/errors';
import { parseAggregate, parseDayRange } from '../shared/functions/args';
import { zoneOf } from '../shared/functions/context';
import { MAX_TABLE_ROWS, usageRows } from '../shared/functions/limits';
import { type FunctionEnv, type FunctionSpec, sheetsName } from '../shared/functions/spec';

/** About 2.3 years of half-hours: what a formula is allowed to return. */
export const MAX_FORMULA_ROWS = 40_000;
/** What one import writes: the largest table any host returns. */
export const MAX_IMPORT_ROWS = MAX_TABLE_ROWS;

/** Rows the call would return, or null when it cannot be told (bad arguments are the function's to report). */
export function estimatedRows(
  spec: FunctionSpec,
  args: unknown[],
  env: FunctionEnv,
): number | null {
  const at = (name: string) => spec.params.findIndex((p) => p.name === name);
  const [s, e, a, tz] = [at('start'), at('end'), at('aggregate'), at('timezone')];
  if (s < 0 || a < 0) return null;
  try {
    const zone = zoneOf(tz < 0 ? undefined : args[tz], env);
    const range = parseDayRange(args[s], e < 0 ? undefined : args[e], env.cellZone ?? zone);
    return usageRows(range.last - range.first + 1, parseAggregate(args[a]));
  } catch {
    return null;
  }
}

export function checkPlan(
  spec: FunctionSpec,
  args: unknown[],
  env: FunctionEnv,
  max: number,
  instead: string,
): void {
  const rows = estimatedRows(spec, args, env);
  if (rows === null || rows <= max) return;
  throw new MeterError(
    'unsupported',
    `${sheetsName(spec)}: this range is about ${rows.toLocaleString('en-GB')} rows, more than ` +
      `${max.toLocaleString('en-GB')}; ${instead}`,
  );
}
