// Property-based fuzzing of every custom function in the function table, through the BUILT
// Apps Script add-on (test/gas/harness.ts) with the arguments Google Sheets passes: each
// call answers a table Sheets can show or throws an Error whose message a person can
// read, quickly. Mostly the demo meter; also providers set up against their mocks, so the
// provider paths are fuzzed too. FUZZ_SEED / FUZZ_RUNS explore further.
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/functions/catalog';
import { sheetsName } from '../../shared/functions/spec';
import { OCTOPUS_PRODUCTS_URL } from '../../shared/tariffs/sources/octopus/api';
import { AddOnError, DEFAULT_NOW, type Sheets, sheets } from '../gas/harness';
import { createOctopusTariffsMock } from '../mocks/octopus-tariffs';
import { PROVIDER_CASES } from '../gas/provider-cases';
import { FUZZ_RUNS, FUZZ_SEED, callArbitrary, forSheets, show } from './arbitraries';
import { CALL_BUDGET_MS, END_MS, FIRST_MS, isFiniteNumber, notATable, unreadable } from './oracle';

/** Each Sheets call loads the whole script afresh, as Apps Script does: half as many runs. */
const SHEETS_RUNS = Math.max(50, Math.round(FUZZ_RUNS / 2));

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

const DAY = 86_400_000;

/** A Sheets value: text, a finite number, a boolean, a Date a spreadsheet can show, or ''. */
function sheetsCellOk(v: unknown): boolean {
  return (
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    isFiniteNumber(v) ||
    (isDate(v) && v.getTime() >= FIRST_MS - DAY && v.getTime() <= END_MS + DAY)
  );
}

/** Why one call's outcome is wrong, or null. */
function judge(s: Sheets, name: string, args: unknown[]): string | null {
  const started = performance.now();
  let outcome: string | null;
  let shown: string;
  try {
    const table = s.cell(name, ...args);
    shown = `table ${table.length}`;
    outcome = notATable(table, sheetsCellOk);
  } catch (e) {
    shown = `error ${String((e as Error).message)}`;
    outcome = e instanceof AddOnError ? unreadable(e.message) : `threw ${String(e)}`;
  }
  const ms = performance.now() - started;
  if (!outcome && ms > CALL_BUDGET_MS) outcome = `took ${Math.round(ms)} ms`;
  if (process.env.FUZZ_LOG)
    appendFileSync(
      process.env.FUZZ_LOG,
      `${Math.round(ms)}\t${name}\t${show(args)}\t${outcome ?? ''}\t${shown}\n`,
    );
  return outcome && `=${name}(${show(args)}): ${outcome}`;
}

function fuzz(world: () => Sheets, meters: string[], runs: number) {
  for (const spec of FUNCTIONS) {
    const name = sheetsName(spec);
    it(`${name}: ${runs} calls, each a table or a readable error`, () => {
      const s = world();
      fc.assert(
        fc.property(callArbitrary(spec, meters), (raw) => {
          const problem = judge(s, name, raw.map(forSheets));
          if (problem) throw new Error(problem);
        }),
        { seed: FUZZ_SEED, numRuns: runs, endOnFailure: true },
      );
    });
  }
}

describe('Sheets, demo meter (no account)', () => {
  // Odd offsets for Date cells: the spreadsheet's zone reads them.
  let world: Sheets;
  beforeAll(async () => {
    world = await sheets({
      spreadsheetZone: 'Asia/Kathmandu',
      scriptZone: 'Pacific/Chatham',
      // Octopus's public tariffs API, for the tariff functions: no account needed.
      routes: {
        [OCTOPUS_PRODUCTS_URL]: createOctopusTariffsMock({ now: () => DEFAULT_NOW }).handler,
      },
    });
  });
  fuzz(() => world, [], SHEETS_RUNS);

  it('the world stays a spreadsheet (sanity: the harness really ran calls)', () => {
    expect(world.executions).toBeGreaterThanOrEqual(FUNCTIONS.length * SHEETS_RUNS);
  });
});

describe('Sheets, providers set up against their mocks', () => {
  // PowerShaper (REST, token) for usage, aiaas (OAuth) for its appliance functions.
  const cases = PROVIDER_CASES.filter(
    (c) => c.provider === 'powershaper' || c.provider === 'aiaas',
  );
  let world: Sheets;
  beforeAll(async () => {
    const routes = Object.assign({}, ...(await Promise.all(cases.map((c) => c.routes()))));
    world = await sheets({
      preload: cases.flatMap((c) => c.preload ?? []),
      routes,
      spreadsheetZone: 'Pacific/Chatham',
    });
    world.saveSettings({
      providers: Object.fromEntries(cases.map((c) => [c.provider, c.config])),
      allowFormulas: true,
    });
  });
  it('has both cases', () =>
    expect(cases.map((c) => c.provider).sort()).toEqual(['aiaas', 'powershaper']));
  fuzz(
    () => world,
    cases.map((c) => c.provider),
    Math.max(50, Math.round(FUZZ_RUNS / 8)),
  );
});
