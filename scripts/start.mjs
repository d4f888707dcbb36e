// npm start: build if anything is newer than the build, run the main jobs on the demo
// meter (this year's January against July, last year's until July is over: the
// PowerShaper demo's comparison; then last year's usage replayed on the demo tariffs), then
// serve the Excel add-in (meter-sheets serve) until Ctrl+C. Extra arguments go to the
// server: npm start -- --port 3001.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from './build/_common.mjs';

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const built = [fromRoot('dist', 'cli.js'), fromRoot('dist', 'excel-addin', 'functions.js')];
  const sources = ['shared', 'cli', 'drivers', 'scripts', 'excel-addin', 'server']
    .map((d) => fromRoot(d))
    .filter(existsSync);
  const oldest = built.every(existsSync) ? Math.min(...built.map((f) => statSync(f).mtimeMs)) : 0;
  if (oldest > 0 && Math.max(...sources.map(newestSource)) <= oldest) return;
  const r = spawnSync(process.execPath, [fromRoot('scripts', 'build.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

buildIfNeeded();
const today = new Date();
const year = today.getUTCMonth() >= 7 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
const periods = `${year}-01,${year}-07`;
console.log(
  `Demo meter: average day in January vs July ${year} (kWh per half-hour, Europe/London)\n`,
);
function cli(...args) {
  const r = spawnSync(process.execPath, [fromRoot('dist', 'cli.js'), ...args], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log('');
}

cli('compare', '--provider', 'demo', '--periods', periods);
// The latest complete calendar year, so no day of it is still to come.
const tariffYear = today.getUTCFullYear() - 1;
console.log(`Demo meter: ${tariffYear} replayed on the demo tariffs (no network, no account)\n`);
cli(
  'tariff-compare',
  '--provider',
  'demo',
  '--start',
  `${tariffYear}-01`,
  '--end',
  `${tariffYear}-12`,
  '--tariffs',
  'demo-flat,demo-two-rate,demo-tou,demo-dynamic',
);
const server = spawn(
  process.execPath,
  [fromRoot('dist', 'cli.js'), 'serve', ...process.argv.slice(2).filter((a) => a !== '--')],
  {
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
