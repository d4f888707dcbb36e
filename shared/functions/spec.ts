// The shape of a function declaration. Hosts generate everything user-visible from it:
// Apps Script globals with JSDoc (@customfunction, @param), Excel's functions.json and
// associate() calls, the CLI's commands, and docs/reference.md is generated
// against it. So a function's name, arguments and documentation are written exactly once.
import type { Flow } from '../flow';
import type { Provider } from '../providers';
import type { Runtime } from '../providers/provider';
import type { Settings } from '../settings';
import type { Table } from '../table';

export interface ParamSpec {
  name: string;
  description: string;
  /** Excel metadata type; Sheets accepts anything. `any` for dates (text, Date or serial). */
  type: 'any' | 'string' | 'number';
  /** Accepts a range of cells (2-D). */
  matrix?: boolean;
  optional?: boolean;
}

export interface FunctionEnv {
  settings: Settings;
  /** Current time, UTC ms. */
  clock(): number;
  /** Zone that Date cells are read in: the spreadsheet's zone. Default: the requested zone. */
  cellZone?: string;
  /** Provider set override, for tests. */
  providers?: Provider[];
  /** The host running the functions. Default: node. */
  runtime?: Runtime;
  /** When the host needs the answer by, UTC ms (Sheets: 20 s after the formula started). */
  deadline?: number;
}

export interface FunctionResult {
  table: Table;
  /** How long an identical call may be answered from cache; 0 = never. */
  ttlSeconds: number;
}

export interface FunctionSpec {
  /** `USAGE`: Sheets shows METER_USAGE, Excel METER.USAGE. */
  id: string;
  /** One or two sentences, shown by autocomplete. */
  description: string;
  params: ParamSpec[];
  /** What the returned table holds. */
  result: string;
  /** Formulas in Sheets spelling (METER_…); Excel's are derived. */
  examples: string[];
  /** Excel streams it (METER.NOW): refreshed at the provider's pace until cancelled. */
  streaming?: boolean;
  /**
   * The provider the function only works with (e.g. aiaas for METER_APPLIANCES): a host
   * built with a chosen set of providers leaves it out when that provider is not chosen.
   */
  provider?: string;
  run(args: unknown[], env: FunctionEnv): Flow<FunctionResult>;
}

export const SHEETS_PREFIX = 'METER_';
export const EXCEL_NAMESPACE = 'METER';

export function sheetsName(spec: FunctionSpec): string {
  return SHEETS_PREFIX + spec.id;
}

/** `METER_USAGE(start, end, [aggregate], [meter], [timezone])`. */
export function signature(spec: FunctionSpec, style: 'sheets' | 'excel' = 'sheets'): string {
  const name = style === 'sheets' ? sheetsName(spec) : `${EXCEL_NAMESPACE}.${spec.id}`;
  return `${name}(${spec.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})`;
}
