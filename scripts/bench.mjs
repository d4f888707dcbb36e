// npm run bench: bundles every bench/*.ts, runs each in its own Node process (so one
// benchmark's heap and JIT state cannot skew another's), and merges the figures each
// prints into bench-results.json: {"name": {"value": n, "unit": "…"}}.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { fromRoot } from './build/_common.mjs';

const only = process.argv.slice(2);
const benches = readdirSync(fromRoot('bench'))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const outDir = fromRoot('dist', 'bench');
mkdirSync(outDir, { recursive: true });
const resultsFile = fromRoot('bench-results.json');
const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};

let failed = false;
for (const file of benches) {
  const out = join(outDir, file.replace(/\.ts$/, '.mjs'));
  await esbuild.build({
    entryPoints: [fromRoot('bench', file)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    external: ['better-sqlite3', 'esbuild'],
  });
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, ['--expose-gc', out], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('BENCH ')) Object.assign(results, JSON.parse(line.slice(6)));
    else if (line) console.log(line);
  }
  if (r.status !== 0) {
    console.error(`${file} failed (exit ${r.status})`);
    failed = true;
  }
}
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote ${Object.keys(results).length} figures to bench-results.json`);
process.exit(failed ? 1 : 0);
