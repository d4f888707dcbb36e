// Loads the BUILT functions bundle (dist/excel-addin/functions.js) in Node the way Excel's
// runtime would: CustomFunctions, Office and OfficeRuntime stubs first, then the script.
// Calls go through the functions the bundle associated, with Excel's calling convention
// (every declared parameter, null when omitted, then the invocation object).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import type { MeterSheetsApi } from '../../excel-addin/functions/api';
import { memoryStorage } from '../../excel-addin/functions/storage';
import { ROOT } from '../helpers/cli';

export const ADDIN_DIR = join(ROOT, 'dist', 'excel-addin');

export class ExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const ERROR_CODES = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
};

export interface FunctionsJson {
  allowCustomDataForDataTypeAny?: boolean;
  functions: {
    id: string;
    name: string;
    description?: string;
    parameters: {
      name: string;
      description?: string;
      type?: string;
      optional?: boolean;
      dimensionality?: string;
    }[];
    result?: { type?: string; dimensionality?: string };
    options?: { stream?: boolean; cancelable?: boolean };
  }[];
}

export interface StreamCell {
  results: unknown[];
  cancel(): void;
}

export interface LoadedBundle {
  api: MeterSheetsApi;
  metadata: FunctionsJson;
  associated: Map<string, (...args: unknown[]) => unknown>;
  storage: ReturnType<typeof memoryStorage>;
  /** A cell calling METER.<id>(args…): resolves with the spilled array, rejects with the error value. */
  call(id: string, ...args: unknown[]): Promise<unknown[][]>;
  /** A cell holding a streaming formula. */
  stream(id: string, ...args: unknown[]): StreamCell;
}

export interface LoadOptions {
  /** Highest ExcelApi requirement set the stub Excel supports, e.g. '1.19'; null: none. */
  excelApi?: string | null;
  /**
   * Highest CustomFunctionsRuntime set; default '1.5' (Microsoft 365). Perpetual Excel
   * for Windows stops at '1.3' (no data types from custom functions).
   */
  customFunctionsRuntime?: string | null;
}

function versionAtLeast(have: string, want: string): boolean {
  const [a, b] = have.split('.').map(Number);
  const [c, d] = want.split('.').map(Number);
  return a > c || (a === c && b >= d);
}

export function loadFunctionsBundle(options: LoadOptions = {}): LoadedBundle {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  const storage = memoryStorage();
  // Each requirement set answered for itself, as Office does: no set implies another.
  const sets: Record<string, string | null> = {
    ExcelApi: options.excelApi === undefined ? '1.19' : options.excelApi,
    CustomFunctionsRuntime:
      options.customFunctionsRuntime === undefined ? '1.5' : options.customFunctionsRuntime,
  };
  const g = globalThis as Record<string, unknown>;
  g.CustomFunctions = {
    associate(id: string, fn: (...args: unknown[]) => unknown) {
      associated.set(id, fn);
    },
    Error: ExcelError,
    ErrorCode: ERROR_CODES,
  };
  g.Office = {
    context: {
      requirements: {
        isSetSupported: (name: string, version = '1.1') => {
          const have = sets[name];
          return typeof have === 'string' && versionAtLeast(have, version);
        },
      },
    },
  };
  g.OfficeRuntime = { storage };
  delete g.meterSheets;
  const code = readFileSync(join(ADDIN_DIR, 'functions.js'), 'utf8');
  vm.runInThisContext(code, { filename: join(ADDIN_DIR, 'functions.js') });
  const api = g.meterSheets as MeterSheetsApi;
  const metadata = JSON.parse(
    readFileSync(join(ADDIN_DIR, 'functions.json'), 'utf8'),
  ) as FunctionsJson;
  const paramsOf = (id: string) => {
    const f = metadata.functions.find((x) => x.id === id);
    if (!f) throw new Error(`functions.json has no ${id}`);
    return f.parameters.length;
  };
  const excelArgs = (id: string, args: unknown[]) => {
    const n = paramsOf(id);
    return Array.from({ length: n }, (_, i) => (i < args.length ? args[i] : null));
  };
  return {
    api,
    metadata,
    associated,
    storage,
    async call(id, ...args) {
      const fn = associated.get(id);
      if (!fn) throw new Error(`${id} was not associated`);
      return (await fn(...excelArgs(id, args), { address: 'Sheet1!A1' })) as unknown[][];
    },
    stream(id, ...args) {
      const fn = associated.get(id);
      if (!fn) throw new Error(`${id} was not associated`);
      const cell: StreamCell & { invocation: Record<string, unknown> } = {
        results: [],
        invocation: {},
        cancel: () => (cell.invocation.onCanceled as () => void)(),
      };
      cell.invocation.setResult = (v: unknown) => cell.results.push(v);
      fn(...excelArgs(id, args), cell.invocation);
      return cell;
    },
  };
}

/** The error value a failing call produced. */
export async function excelErrorOf(p: Promise<unknown>): Promise<ExcelError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ExcelError) return e;
    throw e;
  }
  throw new Error('expected an error value');
}
