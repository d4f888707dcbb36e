// Property-based fuzzing of every custom function in the function table, through the BUILT
// Excel functions bundle (test/excel/harness.ts) with the arguments Excel passes (serials
// for dates, null for empty cells, 2-D arrays for ranges): each call spills a table Excel
// can show or rejects with a CustomFunctions.Error (#VALUE! or #N/A) whose message a
// person can read, quickly; streaming functions deliver one or the other first. Mostly
// the demo meter; also providers set up against their HTTP mocks. FUZZ_SEED / FUZZ_RUNS.
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { FUNCTIONS } from '../../shared/functions/catalog';
import type { FunctionSpec } from '../../shared/functions/spec';
import { ERROR_CODES, ExcelError, type LoadedBundle, loadFunctionsBundle } from '../excel/harness';
import { MOCK_CASES, createMockFor } from '../excel/provider-mocks';
import { createOctopusTariffsMock } from '../mocks/octopus-tariffs';
import { type RunningMock, serveMock } from '../mocks/mock-http';
import { FUZZ_RUNS, FUZZ_SEED, callArbitrary, forExcel, show } from './arbitraries';
import {
  CALL_BUDGET_MS,
  END_SERIAL,
  FIRST_SERIAL,
  isFiniteNumber,
  notATable,
  unreadable,
} from './oracle';

/** An Excel value: text, a finite number, a boolean, or a date Excel can show (formatted number). */
function excelCellOk(v: unknown): boolean {
  if (typeof v === 'string' || typeof v === 'boolean' || isFiniteNumber(v)) return true;
  const f = v as { type?: unknown; basicValue?: unknown; numberFormat?: unknown } | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    (f.type === 'Double' || f.type === 'FormattedNumber') &&
    isFiniteNumber(f.basicValue) &&
    (f.basicValue as number) >= FIRST_SERIAL &&
    (f.basicValue as number) <= END_SERIAL &&
    typeof f.numberFormat === 'string'
  );
}

function errorProblem(e: unknown): string | null {
  if (!(e instanceof ExcelError)) return `rejected with ${String(e)} (not a CustomFunctions.Error)`;
  if (e.code !== ERROR_CODES.invalidValue && e.code !== ERROR_CODES.notAvailable)
    return `error code ${e.code}`;
  return unreadable(e.message);
}

/** The first value a cell shows: the spilled table, or the error value. */
async function firstResult(bundle: LoadedBundle, spec: FunctionSpec, args: unknown[]) {
  if (!spec.streaming) return bundle.call(spec.id, ...args);
  const cell = bundle.stream(spec.id, ...args);
  try {
    const deadline = performance.now() + CALL_BUDGET_MS;
    while (cell.results.length === 0 && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 1));
    if (cell.results.length === 0) throw new Error('streamed nothing in time');
    if (cell.results[0] instanceof ExcelError) throw cell.results[0];
    return cell.results[0] as unknown[][];
  } finally {
    cell.cancel();
  }
}

async function judge(bundle: LoadedBundle, spec: FunctionSpec, args: unknown[]) {
  const started = performance.now();
  let outcome: string | null;
  let shown: string;
  try {
    const table = await firstResult(bundle, spec, args);
    shown = `table ${table.length}`;
    outcome = notATable(table, excelCellOk);
  } catch (e) {
    shown = `error ${(e as { code?: string }).code} ${(e as Error).message}`;
    outcome = errorProblem(e);
  }
  const ms = performance.now() - started;
  if (!outcome && ms > CALL_BUDGET_MS) outcome = `took ${Math.round(ms)} ms`;
  if (process.env.FUZZ_LOG)
    appendFileSync(
      process.env.FUZZ_LOG,
      `${Math.round(ms)}\tEXCEL.${spec.id}\t${show(args)}\t${outcome ?? ''}\t${shown}\n`,
    );
  return outcome && `=METER.${spec.id}(${show(args)}): ${outcome}`;
}

function fuzz(bundle: () => LoadedBundle, meters: string[], runs: number) {
  for (const spec of FUNCTIONS)
    it(`METER.${spec.id}: ${runs} calls, each a table or #VALUE!/#N/A with a readable message`, async () => {
      const b = bundle();
      await fc.assert(
        fc.asyncProperty(callArbitrary(spec, meters), async (raw) => {
          const problem = await judge(b, spec, raw.map(forExcel));
          if (problem) throw new Error(problem);
        }),
        { seed: FUZZ_SEED, numRuns: runs, endOnFailure: true },
      );
    });
}

describe('Excel, demo meter (no account)', () => {
  let bundle: LoadedBundle;
  let octopus: RunningMock;
  beforeAll(async () => {
    bundle = loadFunctionsBundle();
    // Octopus's public tariffs API, for the tariff functions: no account needed.
    octopus = await serveMock(createOctopusTariffsMock().handler);
    await bundle.api
      .host()
      .settings.save({ providers: {}, tariffs: { octopusBaseUrl: octopus.origin } });
  });
  afterAll(async () => {
    await octopus.close();
  });
  fuzz(() => bundle, [], FUZZ_RUNS);
});

describe('Excel, providers set up against their HTTP mocks', () => {
  const cases = MOCK_CASES.filter((c) => c.provider === 'powershaper' || c.provider === 'aiaas');
  let bundle: LoadedBundle;
  const servers: RunningMock[] = [];
  beforeAll(async () => {
    bundle = loadFunctionsBundle();
    const providers: Record<string, Record<string, string | number | boolean>> = {};
    for (const c of cases) {
      const mock = await createMockFor(c);
      const server = await serveMock(mock.handler);
      servers.push(server);
      providers[c.provider] = c.settings(server.origin + (mock.basePath ?? ''));
    }
    const octopus = await serveMock(createOctopusTariffsMock().handler);
    servers.push(octopus);
    await bundle.api
      .host()
      .settings.save({ providers, tariffs: { octopusBaseUrl: octopus.origin } });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });
  fuzz(
    () => bundle,
    cases.map((c) => c.provider),
    Math.max(50, Math.round(FUZZ_RUNS / 8)),
  );
});
