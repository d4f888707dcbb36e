// npm run build: runs every target in scripts/build/ (cli, gas, excel-addin, …) in name
// order. Each target is one small module exporting `build()`, so hosts add targets
// without touching each other.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), 'build');
const only = process.argv.slice(2);
const targets = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && !f.startsWith('_'))
  .sort()
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.mjs$/, '')));

for (const file of targets) {
  const started = Date.now();
  const mod = await import(pathToFileURL(join(here, file)).href);
  await mod.build();
  console.log(`built ${file.replace(/\.mjs$/, '')} in ${Date.now() - started} ms`);
}
