// dist/excel-addin/: the Excel add-in, and manifest.xml at the repository root.
//  1. TypeScript declarations of the custom functions are generated from the function
//     table (dist/.gen/excel-functions.ts), custom-functions-metadata turns them into
//     functions.json, and the CustomFunctions.associate calls are appended for the ids it
//     returned; that module is the entry of functions.js.
//  2. The task pane and the ribbon commands are bundled; the page and styles copied.
//  3. The icons the manifest names are copied (rendered once from SVG by `npm run icons` and
//     committed); the manifest is generated, and every URL it names is checked to exist in
//     the output.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { fromRoot, versionDefine, writeMetafile } from './_common.mjs';
import { stripSpecDocs } from './_spec-docs.mjs';

const OUT = fromRoot('dist', 'excel-addin');
const GEN = fromRoot('dist', '.gen');

const browserBundle = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  // Excel's webviews: Edge WebView2 on Windows, Safari WKWebView on Mac, any browser on the web.
  target: 'es2019',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  define: versionDefine,
};

/** The build's TypeScript helpers (excel-tools.ts), bundled for Node. */
export async function loadTools() {
  const file = join(GEN, 'excel-build-tools.mjs');
  await esbuild.build({
    entryPoints: [fromRoot('scripts', 'build', 'excel-tools.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return import(pathToFileURL(file).href + `?t=${Date.now()}`);
}

async function buildFunctions(tools) {
  const entry = join(GEN, 'excel-functions.ts');
  let runtime = relative(GEN, fromRoot('excel-addin', 'functions', 'runtime')).replace(/\\/g, '/');
  if (!runtime.startsWith('.')) runtime = './' + runtime;
  const declarations = tools.declarationsSource(tools.FUNCTIONS, runtime);
  writeFileSync(entry, declarations);
  const metadata = await generateCustomFunctionsMetadata(entry);
  if (metadata.errors.length > 0)
    throw new Error(`custom-functions-metadata:\n${metadata.errors.join('\n')}`);
  const json = JSON.parse(metadata.metadataJson);
  writeFileSync(join(OUT, 'functions.json'), JSON.stringify(json, null, 2) + '\n');
  writeFileSync(entry, declarations + '\n' + tools.associateSource(metadata.associate));
  const built = await esbuild.build({
    ...browserBundle,
    entryPoints: [entry],
    outfile: join(OUT, 'functions.js'),
    // The functions' documentation is in functions.json, generated above.
    plugins: [stripSpecDocs()],
    metafile: true,
  });
  writeMetafile('excel-functions', built.metafile);
}

function copyIcons(tools) {
  for (const icon of tools.manifestIcons()) {
    const file = join(OUT, icon.path);
    mkdirSync(dirname(file), { recursive: true });
    copyFileSync(fromRoot(icon.committed), file);
  }
}

/** The manifest for the add-in's files served at `origin` (a hosted copy, say). */
export async function manifestFor(origin) {
  const tools = await loadTools();
  const { version } = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8'));
  return tools.manifestXml(origin, version);
}

export async function build() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  mkdirSync(GEN, { recursive: true });
  const tools = await loadTools();
  await buildFunctions(tools);
  for (const name of ['taskpane', 'commands'])
    await esbuild.build({
      ...browserBundle,
      entryPoints: [fromRoot('excel-addin', name, `${name}.ts`)],
      outfile: join(OUT, `${name}.js`),
    });
  for (const file of ['taskpane.html', 'taskpane.css'])
    copyFileSync(fromRoot('excel-addin', 'taskpane', file), join(OUT, file));
  copyIcons(tools);
  const { version } = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8'));
  const manifest = tools.manifestXml(tools.DEFAULT_ORIGIN, version);
  writeFileSync(join(OUT, 'manifest.xml'), manifest);
  // The copy users sideload; regenerated here so it can never drift from the build.
  const rootManifest = fromRoot('manifest.xml');
  if (!existsSync(rootManifest) || readFileSync(rootManifest, 'utf8') !== manifest)
    writeFileSync(rootManifest, manifest);
  const missing = tools.manifestPaths().filter((p) => !existsSync(join(OUT, p)));
  if (missing.length > 0)
    throw new Error(`manifest names files the build did not write: ${missing.join(', ')}`);
}
