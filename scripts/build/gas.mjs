// dist/gas/: the Google Sheets add-on, ready for `clasp push` (rootDir dist/gas).
//   Code.js          gas/ + shared/ bundled into one IIFE (ES2019: no class fields, private
//                    fields or module syntax, which Apps Script V8 rejects), followed by the
//                    top-level functions generated from the function table (custom
//                    functions with their JSDoc, triggers, menu and panel handlers)
//   appsscript.json  the repository's appsscript.json, urlFetchWhitelist from the providers
//   *.html           the settings sidebar and the import and compare dialogs
// buildGas() returns the files without writing them, so tests can build variants (with
// test providers preloaded) the same way.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { fromRoot, versionDefine, writeMetafile } from './_common.mjs';
import { parseSelection, providerSelection } from './_providers.mjs';
import { stripSpecDocs } from './_spec-docs.mjs';

const HTML_DIR = fromRoot('gas', 'html');

function entry(preload, body) {
  return [...preload.map((p) => `import ${JSON.stringify(fromRoot(p))};`), body].join('\n');
}

async function loadCodegen(preload, selected) {
  const out = await esbuild.build({
    stdin: {
      contents: entry(
        preload,
        `export * from ${JSON.stringify(fromRoot('scripts', 'build', 'codegen', 'gas.ts'))};\n` +
          `export * as main from ${JSON.stringify(fromRoot('gas', 'main.ts'))};`,
      ),
      resolveDir: fromRoot(),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
    plugins: [providerSelection(selected)],
  });
  return import(
    'data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64')
  );
}

function html() {
  const common = readFileSync(join(HTML_DIR, '_common.html'), 'utf8');
  const files = {};
  for (const f of readdirSync(HTML_DIR).filter((x) => x.endsWith('.html') && !x.startsWith('_')))
    files[f] = readFileSync(join(HTML_DIR, f), 'utf8').replace(
      '<!--#include _common.html-->',
      common,
    );
  return files;
}

/** The panels as HtmlService names them: `Settings` for Settings.html. */
function panelsByName() {
  return Object.fromEntries(
    Object.entries(html()).map(([file, text]) => [file.replace(/\.html$/, ''), text]),
  );
}

/**
 * The add-on's files as { name: text }. `preload`: modules (paths from the repository
 * root) imported before the add-on, e.g. to register test providers.
 */
export async function buildGas({
  preload = [],
  minify = true,
  providers,
  inlinePanels = false,
  onMetafile,
} = {}) {
  const selected = parseSelection(providers);
  const source = JSON.parse(readFileSync(fromRoot('appsscript.json'), 'utf8'));
  const codegen = await loadCodegen(preload, selected);
  const manifest = codegen.manifest(source);
  const bundle = await esbuild.build({
    stdin: {
      contents: entry(preload, `export * from ${JSON.stringify(fromRoot('gas', 'main.ts'))};`),
      resolveDir: fromRoot(),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: codegen.BUNDLE_GLOBAL,
    platform: 'neutral',
    target: 'es2019',
    minify,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
    define: {
      ...versionDefine,
      MANUAL_URL_WHITELIST: JSON.stringify(source.urlFetchWhitelist ?? []),
      ENTRY_NAMES: JSON.stringify(codegen.entryNames()),
      // The one-file release carries its panels in the script (no .html files beside it).
      INLINE_PANELS: inlinePanels ? JSON.stringify(panelsByName()) : 'undefined',
    },
    // The functions' documentation is in the JSDoc below the bundle, from codegen's build.
    plugins: [providerSelection(selected), stripSpecDocs()],
    metafile: !!onMetafile,
  });
  onMetafile?.(bundle.metafile);
  const code =
    '// meter-sheets for Google Sheets. Built by npm run build from gas/ and shared/; do not edit.\n' +
    bundle.outputFiles[0].text +
    '\n' +
    codegen.globalsSource(codegen.main);
  return {
    'Code.js': code,
    'appsscript.json': JSON.stringify(manifest, null, 2) + '\n',
    ...(inlinePanels ? {} : html()),
  };
}

export async function build() {
  // METER_SHEETS_PROVIDERS=octopus,kraken: only those providers (and the demo meter).
  // The bundle's metafile (which module takes how many bytes) for bench/bundles.ts.
  const files = await buildGas({
    providers: process.env.METER_SHEETS_PROVIDERS,
    onMetafile: (meta) => writeMetafile('gas', meta),
  });
  const out = fromRoot('dist', 'gas');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(out, name), text);
}
