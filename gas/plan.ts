// Planning before fetching in Sheets: a formula that would return more rows than can be
// fetched, aggregated and handed back within Sheets' 30 seconds is refused at once, with
// what to ask for instead, rather than left to time out (shared/functions/plan.ts).
import { MAX_TABLE_ROWS } from '../shared/functions/limits';
import { checkPlan as checkRows } from '../shared/functions/plan';
import { type FunctionEnv, type FunctionSpec, sheetsName } from '../shared/functions/spec';

/** About 2.3 years of half-hours: what a formula is allowed to return. */
export const MAX_FORMULA_ROWS = 40_000;
/** What one import writes: the largest table any host returns. */
export const MAX_IMPORT_ROWS = MAX_TABLE_ROWS;

export function checkPlan(
  spec: FunctionSpec,
  args: unknown[],
  env: FunctionEnv,
  max: number,
  instead: string,
): void {
  checkRows(sheetsName(spec), spec, args, env, max, instead);
}
