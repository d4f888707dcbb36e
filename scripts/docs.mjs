// npm run docs: regenerate docs/reference.md's function reference from the function table.
import { readFileSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { fromRoot } from './build/_common.mjs';

const out = await esbuild.build({
  entryPoints: [fromRoot('scripts', 'readme-reference.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
});
const mod = await import(
  'data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64')
);
const file = fromRoot('docs', 'reference.md');
writeFileSync(file, mod.updateReadme(readFileSync(file, 'utf8')));
console.log('docs/reference.md function reference updated');
