// The Excel add-in's functions bundle: its size as Excel downloads it (minified; target
// ≤ 120 KB; and against its size at issue 11, bench/bundles.ts says by feature) and gzipped, and how long a cold runtime takes to load it and answer a first
// =METER.USAGE for a year of demo half-hours as a profile.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { AT_ISSUE_11 } from './_bundle-features';
import { flush, report } from './_harness';

const TARGET_KB = 120;
const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'excel-addin', 'functions.js');
const code = readFileSync(file);
const kb = code.length / 1024;
const then = AT_ISSUE_11['excel-functions'].total / 1024;
report(
  'excel.functions_bundle.minified_kb',
  kb,
  'KB',
  `(${(kb / TARGET_KB).toFixed(2)}× the ${TARGET_KB} KB budget; ${(kb / then).toFixed(2)}× the ` +
    `${then.toFixed(1)} KB at issue 11, before tariffs and carbon: npm run bench -- bundles)`,
);
report('excel.functions_bundle.gzip_kb', gzipSync(code).length / 1024, 'KB');

async function coldCall(): Promise<number> {
  const started = performance.now();
  const associated = new Map<string, (...a: unknown[]) => Promise<unknown>>();
  const context = vm.createContext({
    CustomFunctions: {
      associate: (id: string, fn: (...a: unknown[]) => Promise<unknown>) => associated.set(id, fn),
      Error: class {},
      ErrorCode: {},
    },
    setTimeout,
    clearTimeout,
    AbortSignal,
    console,
  });
  vm.runInContext(code.toString('utf8'), context);
  await associated.get('USAGE')!('2024-01-01', '2024-12-31', 'profile', null, null, {});
  return performance.now() - started;
}

const samples: number[] = [];
for (let i = 0; i < 5; i++) samples.push(await coldCall());
samples.sort((a, b) => a - b);
report('excel.cold_load_and_year_profile.ms', samples[2], 'ms', '(median of 5 fresh runtimes)');
flush();
