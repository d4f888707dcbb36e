#!/usr/bin/env node
// Launcher for the built CLI (npm run build writes dist/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('meter-sheets: not built yet; run `npm run build` (or `npm start`) first\n');
  process.exit(1);
}
await import(cli);
