// npm run package [-- --origin https://USER.github.io/meter-sheets]: the release artifacts
// in dist/release/, for people without a toolchain (docs/install.md):
//   meter-sheets.gs    the whole Google Sheets add-on in one script file, panels inlined,
//                      to paste over Code.gs in Extensions › Apps Script
//   appsscript.json    its manifest, pasted beside it
//   excel/             the Excel add-in's static files with a manifest.xml for `origin`
//                      (or METER_SHEETS_ORIGIN), for any static HTTPS host
//   meter-sheets.mjs   the command line in one file: `node meter-sheets.mjs …`
//   SHA256SUMS         sha256sum -c SHA256SUMS checks them
// METER_SHEETS_PROVIDERS=octopus,kraken packages a Sheets add-on with just those providers.
// Run after npm run build (npm run package does both). --out DIR writes elsewhere.
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { fromRoot, versionDefine } from './build/_common.mjs';
import { manifestFor } from './build/excel-addin.mjs';
import { buildGas } from './build/gas.mjs';

const { values } = parseArgs({ options: { origin: { type: 'string' }, out: { type: 'string' } } });
// --out: another folder (the tests package side by side without racing each other).
const OUT = values.out ? resolve(values.out) : fromRoot('dist', 'release');

/** An https origin (with an optional path, e.g. GitHub Pages' /repo), or a loopback http one. */
function checkOrigin(text) {
  const origin = String(text).replace(/\/+$/, '');
  const m = /^(https?):\/\/([^/?#@\s]+)(\/[^?#\s]*)?$/.exec(origin);
  const local = m && /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(m[2]);
  if (!m || (m[1] === 'http' && !local))
    throw new Error(
      `--origin: expected an https URL where the add-in's files will be served, like https://USER.github.io/meter-sheets, got ${JSON.stringify(text)}`,
    );
  return origin;
}

async function sheets() {
  const files = await buildGas({
    providers: process.env.METER_SHEETS_PROVIDERS,
    inlinePanels: true,
  });
  writeFileSync(join(OUT, 'meter-sheets.gs'), files['Code.js']);
  writeFileSync(join(OUT, 'appsscript.json'), files['appsscript.json']);
}

async function excel(origin) {
  const dir = join(OUT, 'excel');
  cpSync(fromRoot('dist', 'excel-addin'), dir, {
    recursive: true,
    filter: (src) => !src.endsWith('.map'),
  });
  writeFileSync(join(dir, 'manifest.xml'), await manifestFor(origin));
}

// The bridge's SQLite binding is a native module a lone file cannot carry: it is loaded
// only when a bridge command runs, with a message saying what to install.
const sqliteOnDemand = {
  name: 'better-sqlite3-on-demand',
  setup(build) {
    build.onResolve({ filter: /^better-sqlite3$/ }, () => ({
      path: 'better-sqlite3',
      namespace: 'on-demand',
    }));
    build.onLoad({ filter: /.*/, namespace: 'on-demand' }, () => ({
      contents: `export default function Database(...args) {
  let Sqlite;
  const name = 'better-sqlite3'; // not a literal: esbuild must leave this require to Node
  try { Sqlite = require(name); } catch {
    throw new Error('the HomeWizard bridge needs the better-sqlite3 package: run npm install better-sqlite3 in this folder, or use a clone of meter-sheets');
  }
  return new Sqlite(...args);
}`,
      loader: 'js',
    }));
  },
};

async function cli() {
  await esbuild.build({
    entryPoints: [fromRoot('cli', 'index.ts')],
    outfile: join(OUT, 'meter-sheets.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: versionDefine,
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    plugins: [sqliteOnDemand],
  });
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function checksums() {
  const lines = files(OUT)
    .filter((p) => !p.endsWith('SHA256SUMS'))
    .map((p) => relative(OUT, p).split('\\').join('/'))
    .sort()
    .map((name) => {
      const hash = createHash('sha256')
        .update(readFileSync(join(OUT, name)))
        .digest('hex');
      return `${hash}  ${name}`;
    });
  writeFileSync(join(OUT, 'SHA256SUMS'), lines.join('\n') + '\n');
}

const given = values.origin ?? process.env.METER_SHEETS_ORIGIN;
// Without one, the manifest points at the local add-in server, like manifest.xml.
const origin = given === undefined ? undefined : checkOrigin(given);
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
await sheets();
await excel(origin);
await cli();
checksums();
console.log(
  `${relative(fromRoot(), OUT)}: meter-sheets.gs, appsscript.json, excel/ (for ${origin ?? 'the local server'}), meter-sheets.mjs, SHA256SUMS`,
);
