// Runs the spreadsheet functions in-process against provider mocks, the way a host does
// (runFunction with the async driver), keeping the request record for batching asserts.
import { isMeterError } from '../../shared/errors';
import { runAsync } from '../../shared/flow';
import { runFunction, type UserError, userError } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import { PROVIDERS, fieldsByProvider } from '../../shared/providers';
import type { Runtime } from '../../shared/providers/provider';
import { type Settings, validateSettings } from '../../shared/settings';
import { type Cell, type DateTimeCell, type Table, isDateTimeCell } from '../../shared/table';
import { type MockHandler, asyncMockIO } from '../mocks/mock-http';

export interface Harness {
  env: FunctionEnv;
  io: ReturnType<typeof asyncMockIO>;
  /** The function's table (date-times as cells carrying their UTC instant). */
  call(id: string, ...args: unknown[]): Promise<Table>;
  /** The error a user would see; fails the test if the call succeeds. */
  fail(id: string, ...args: unknown[]): Promise<UserError>;
  /** Forget cached results and meter lists (the request record is kept). */
  clearCache(): void;
}

export function harness(
  routes: Record<string, MockHandler>,
  settings: unknown,
  now: number,
  runtime: Runtime = 'node',
): Harness {
  const io = asyncMockIO(routes);
  const env: FunctionEnv = {
    settings: validateSettings(settings, fieldsByProvider()) as Settings,
    clock: () => now,
    providers: PROVIDERS,
    runtime,
  };
  const call = (id: string, ...args: unknown[]) => runAsync(runFunction(id, args, env), io);
  return {
    env,
    io,
    call,
    async fail(id, ...args) {
      try {
        await call(id, ...args);
      } catch (e) {
        if (!isMeterError(e)) throw e;
        return userError(e, env);
      }
      throw new Error(`expected ${id} to fail`);
    },
    clearCache: () => io.cache.clear(),
  };
}

export function utcOf(cell: Cell): number {
  if (!isDateTimeCell(cell)) throw new Error(`not a date-time cell: ${JSON.stringify(cell)}`);
  return (cell as DateTimeCell).utc;
}

/** Column index by header name. */
export function col(table: Table, name: string): number {
  const i = table[0].indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in ${table[0].join(', ')}`);
  return i;
}

export function sum(values: (Cell | undefined)[]): number {
  return values.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
}
