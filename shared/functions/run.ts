// The one entry point every host calls: validate the call, answer from cache when an
// identical call was answered recently, otherwise run the function and remember it.
import { MeterError, type ErrorKind, isMeterError } from '../errors';
import { type Flow, cacheGet, cachePut } from '../flow';
import { fingerprint } from '../http';
import { redact, secretValues } from '../settings';
import { type Table, decodeTable, encodeTable } from '../table';
import { isDateObject } from './args';
import { findFunction } from './catalog';
import { fieldsByProvider } from '../providers';
import { providersOf } from './context';
import type { FunctionEnv } from './spec';

function normalise(value: unknown): unknown {
  if (isDateObject(value)) return { date: value.getTime() };
  if (Array.isArray(value)) return value.map(normalise);
  return value === undefined ? null : value;
}

/** The cache key of a call: a fingerprint, so it never holds a credential and stays short. */
export function resultCacheKey(id: string, args: unknown[], env: FunctionEnv): string {
  const trimmed = args.slice();
  while (
    trimmed.length > 0 &&
    (trimmed[trimmed.length - 1] === undefined || trimmed[trimmed.length - 1] === null)
  )
    trimmed.pop();
  const call = JSON.stringify([id, normalise(trimmed), env.cellZone ?? null, env.settings]);
  return `fn:${id}:${fingerprint(call)}`;
}

export function* runFunction(id: string, args: unknown[], env: FunctionEnv): Flow<Table> {
  const spec = findFunction(id);
  if (!spec) throw new MeterError('argument', `unknown function ${id}`);
  if (
    args.length > spec.params.length &&
    args.slice(spec.params.length).some((a) => a !== undefined && a !== null && a !== '')
  )
    throw new MeterError(
      'argument',
      `METER_${spec.id} takes at most ${spec.params.length} arguments, got ${args.length}`,
    );
  const key = resultCacheKey(spec.id, args.slice(0, spec.params.length), env);
  const [hit] = yield* cacheGet([key]);
  if (hit) return decodeTable(hit);
  const { table, ttlSeconds } = yield* spec.run(args, env);
  if (ttlSeconds > 0) yield* cachePut([{ key, value: encodeTable(table), ttlSeconds }]);
  return table;
}

export interface UserError {
  kind: ErrorKind;
  message: string;
}

/** Any thrown value as something safe to show in a cell, a dialog or a terminal. */
export function userError(e: unknown, env: FunctionEnv): UserError {
  const secrets = secretValues(env.settings, fieldsByProvider(providersOf(env)));
  if (isMeterError(e)) return { kind: e.kind, message: redact(e.message, secrets) };
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'provider', message: redact(`unexpected error: ${message}`, secrets) };
}
