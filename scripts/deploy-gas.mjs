// npm run deploy:gas (after npm run build): pushes dist/gas to the Apps Script project in
// .clasp.json with clasp 3, run through npx so it need not be a dependency. The first time,
// it says how to log in and create the project (docs/google-sheets.md).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromRoot } from './build/_common.mjs';

const CLASP = ['--yes', '@google/clasp@3'];
const projectFile = fromRoot('.clasp.json');
const rootDir = fromRoot('dist', 'gas');

if (!existsSync(projectFile)) {
  console.error(
    [
      'deploy:gas: no .clasp.json yet. Once:',
      '  npx @google/clasp@3 login',
      '  npx @google/clasp@3 create-script --type sheets --title "Meter sheets" --rootDir dist/gas',
      'then run npm run deploy:gas again (docs/google-sheets.md).',
    ].join('\n'),
  );
  process.exit(1);
}
const project = JSON.parse(readFileSync(projectFile, 'utf8'));
if (resolve(fromRoot(), project.rootDir ?? '.') !== rootDir) {
  console.error(
    `deploy:gas: .clasp.json must have "rootDir": "dist/gas" (it has "${project.rootDir ?? ''}")`,
  );
  process.exit(1);
}
if (!existsSync(resolve(rootDir, 'Code.js'))) {
  console.error('deploy:gas: dist/gas is not built; run npm run build first');
  process.exit(1);
}
// --force: the manifest is ours (built from appsscript.json), not the server's.
const r = spawnSync('npx', [...CLASP, 'push', '--force'], { cwd: fromRoot(), stdio: 'inherit' });
process.exit(r.status ?? 1);
