// Planning before fetching: a call that would return more rows than its host can take is
// refused at once, with what to ask for instead, rather than fetched and then dropped.
// Functions are recognised by their parameters (start, end, aggregate), so a new function
// of that shape is planned too. Each host sets its own limit (Sheets: what 30 s allow;
// Excel: what one formula result may weigh).
import { MeterError } from '../errors';
import { parseAggregate, parseDayRange } from './args';
import { zoneOf } from './context';
import { usageRows } from './limits';
import type { FunctionEnv, FunctionSpec } from './spec';

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

/** The too-big error every host gives: the size, the limit, and what to ask for instead. */
export function tooManyRows(name: string, rows: number, max: number, instead: string): MeterError {
  return new MeterError(
    'unsupported',
    `${name}: this range is about ${rows.toLocaleString('en-GB')} rows, more than ` +
      `${max.toLocaleString('en-GB')}; ${instead}`,
  );
}

/** Refuses a call estimated at more than `max` rows; `name` is the host's spelling. */
export function checkPlan(
  name: string,
  spec: FunctionSpec,
  args: unknown[],
  env: FunctionEnv,
  max: number,
  instead: string,
): void {
  const rows = estimatedRows(spec, args, env);
  if (rows !== null && rows > max) throw tooManyRows(name, rows, max, instead);
}
