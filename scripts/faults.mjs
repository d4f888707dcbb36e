// npm run faults: run the fault matrix (test/faults/matrix.test.ts) and rewrite docs/reliability.md's
// matrix between <!-- fault-matrix:start --> and <!-- fault-matrix:end --> from its results.
import { spawnSync } from 'node:child_process';
import { fromRoot } from './build/_common.mjs';

const run = spawnSync('npx', ['vitest', 'run', 'test/faults/matrix.test.ts'], {
  cwd: fromRoot(),
  stdio: 'inherit',
  env: { ...process.env, METER_FAULTS_WRITE: '1' },
});
if (run.status !== 0) process.exit(run.status ?? 1);
console.log('docs/reliability.md fault matrix updated');
