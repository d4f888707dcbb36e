// npm start: build if anything is newer than the build, then run the main job on the
// demo meter: this year's January against July (last year's until July is over), the
// PowerShaper demo's comparison, as one command.
import { spawnSync } from 'node:child_process';
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
  const built = fromRoot('dist', 'cli.js');
  const sources = ['shared', 'cli', 'drivers', 'scripts']
    .map((d) => fromRoot(d))
    .filter(existsSync);
  const stale =
    !existsSync(built) || Math.max(...sources.map(newestSource)) > statSync(built).mtimeMs;
  if (!stale) return;
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
const r = spawnSync(
  process.execPath,
  [fromRoot('dist', 'cli.js'), 'compare', '--provider', 'demo', '--periods', periods],
  {
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
