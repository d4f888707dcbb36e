// What each provider's in-process harness (bright/, kraken/, aiaas/) gives its tests: a
// function of the table called as a formula calls it, its table as JSON; the message a
// refused call shows the user; and a listed meter by id.
import { isMeterError } from '../../shared/errors';
import type { Flow } from '../../shared/flow';
import { type UserError, runFunction, userError } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import type { Meter } from '../../shared/model';
import { type Table, tableToJson } from '../../shared/table';

export function functionCalls(env: FunctionEnv, run: <T>(flow: Flow<T>) => T) {
  const call = (id: string, ...args: unknown[]) =>
    tableToJson(run(runFunction(id, args, env)) as Table);
  const fail = (id: string, ...args: unknown[]): UserError => {
    try {
      call(id, ...args);
    } catch (e) {
      if (!isMeterError(e)) throw e;
      return userError(e, env);
    }
    throw new Error(`expected ${id} to fail`);
  };
  return { call, fail };
}

export function meterById(meters: Meter[], id: string): Meter {
  const m = meters.find((x) => x.id === id);
  if (!m) throw new Error(`no meter ${id}`);
  return m;
}
