// The fault matrix: every HTTP provider × every fault, once and persisting, through the
// core as a Sheets formula runs it (matrix.ts). Each ends "recovered" (the fault-free
// table, exactly) or "clear error" (a MeterError naming the provider, no parser or stack
// text), within the 30 s; never a different table. The matrix in docs/reliability.md is this test's
// output: `npm run faults` rewrites it, and this test fails while it differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { type CellResult, PROVIDER_NAMES, judge, runScenario } from './matrix';
import { FAULTS, SCENARIOS } from './scenarios';

const results = new Map<string, { once: CellResult; persisting: CellResult }>();
const keyOf = (provider: string, fault: string) => `${provider}|${fault}`;

describe('fault matrix', () => {
  for (const scenario of SCENARIOS) {
    describe(scenario.label, () => {
      const baseline = runScenario(scenario);

      it('answers with numbers when nothing fails', () => {
        expect('table' in baseline.outcome).toBe(true);
        const table = (baseline.outcome as { table: unknown[][] }).table;
        expect(table.length).toBeGreaterThan(1);
        expect(table.slice(1).some((row) => typeof row[2] === 'number' && row[2] > 0)).toBe(true);
      });

      for (const spec of FAULTS) {
        it(`${spec.label}: recovers or says so clearly, never a wrong number`, () => {
          const table = (baseline.outcome as { table: unknown[][] }).table;
          if (spec.fault(scenario.provider) === null) {
            const na: CellResult = { verdict: 'n/a', detail: '', elapsedMs: 0, requests: 0 };
            results.set(keyOf(scenario.provider, spec.id), { once: na, persisting: na });
            return;
          }
          const names = PROVIDER_NAMES[scenario.provider];
          const once = judge(
            scenario,
            runScenario(scenario, { spec, persisting: false }),
            table,
            names,
          );
          const persisting = judge(
            scenario,
            runScenario(scenario, { spec, persisting: true }),
            table,
            names,
          );
          results.set(keyOf(scenario.provider, spec.id), { once, persisting });
          for (const r of [once, persisting]) {
            expect(['recovered', 'clear error'], `${r.verdict}: ${r.detail}`).toContain(r.verdict);
            expect(r.elapsedMs).toBeLessThanOrEqual(30_000);
          }
          // A fault that never goes away cannot be recovered from: its error must show.
          expect(persisting.verdict === 'recovered' && spec.id !== 'slow').toBe(false);
        });
      }
    });
  }

  it('is the matrix docs/reliability.md shows (npm run faults rewrites it)', () => {
    expect(results.size).toBe(SCENARIOS.length * FAULTS.length);
    const block = renderMatrix();
    const path = join(ROOT, 'docs', 'reliability.md');
    const readme = readFileSync(path, 'utf8');
    const updated = replaceBlock(readme, block);
    if (process.env.METER_FAULTS_WRITE === '1' && updated !== readme) writeFileSync(path, updated);
    else expect(updated).toBe(readme);
  });
});

const START = '<!-- fault-matrix:start -->';
const END = '<!-- fault-matrix:end -->';

function replaceBlock(readme: string, block: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/reliability.md has no ${START} … ${END} block`);
  return readme.slice(0, a + START.length) + '\n' + block + readme.slice(b);
}

const SHORT: Record<string, string> = {
  recovered: 'recovered',
  'clear error': 'clear error',
  'n/a': 'n/a',
};

function renderMatrix(): string {
  const head = ['Fault', ...SCENARIOS.map((s) => s.label)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  const counts: Record<string, number> = { recovered: 0, 'clear error': 0, 'n/a': 0 };
  for (const spec of FAULTS) {
    const cells = SCENARIOS.map((s) => {
      const r = results.get(keyOf(s.provider, spec.id));
      if (!r) return '?';
      counts[r.once.verdict] = (counts[r.once.verdict] ?? 0) + 1;
      counts[r.persisting.verdict] = (counts[r.persisting.verdict] ?? 0) + 1;
      if (r.once.verdict === 'n/a') return 'n/a';
      return `${SHORT[r.once.verdict] ?? r.once.verdict} / ${SHORT[r.persisting.verdict] ?? r.persisting.verdict}`;
    });
    lines.push(`| ${spec.label} | ${cells.join(' | ')} |`);
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  lines.push(
    '',
    `${total} cases (once and persisting): ${counts.recovered} recovered, ` +
      `${counts['clear error']} clear errors, ${counts['n/a']} not applicable, no wrong numbers.`,
  );
  return lines.join('\n') + '\n';
}
