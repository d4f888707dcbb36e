// Building a host with only some providers (METER_SHEETS_PROVIDERS=octopus,kraken): an
// esbuild plugin that swaps the provider list (shared/providers/registry.ts) and the
// function list (shared/functions/list.ts) for modules generated from the selection, so
// the other providers' code (and functions that only work with them) never enters the
// bundle, and their hosts never enter Apps Script's urlFetchWhitelist. The demo meter is
// always kept. Without a selection, nothing is swapped.
//
// The conventions it relies on (docs/adding-a-provider.md): a provider is a folder
// shared/providers/<id>/ whose index.ts exports `<id>Provider`; a function is a file
// shared/functions/<id in lower case>.ts that exports its spec as `<ID>`.
import { existsSync, readdirSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { fromRoot } from './_common.mjs';

const PROVIDERS_DIR = fromRoot('shared', 'providers');
const FUNCTIONS_DIR = fromRoot('shared', 'functions');
const REGISTRY = fromRoot('shared', 'providers', 'registry.ts');
const FUNCTION_LIST = fromRoot('shared', 'functions', 'list.ts');

/** The provider ids: the folders under shared/providers/ with an index.ts. */
export function registryIds() {
  return readdirSync(PROVIDERS_DIR, { withFileTypes: true })
    .filter(
      (d) => d.isDirectory() && existsSync(fromRoot('shared', 'providers', d.name, 'index.ts')),
    )
    .map((d) => d.name);
}

/** `octopus, kraken` (or an array) → ['demo', 'octopus', 'kraken']; throws on unknown ids. */
export function parseSelection(value) {
  if (value === undefined || value === null || value === '') return null;
  const ids = (Array.isArray(value) ? value : String(value).split(','))
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
  const known = registryIds();
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0)
    throw new Error(`providers: unknown ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return [...new Set(['demo', ...ids])];
}

const exportName = (id) => `${id.replace(/-(\w)/g, (_, c) => c.toUpperCase())}Provider`;

/** The provider list for a selection, as the source of a module. */
export function registrySource(selected) {
  const lines = selected.map(
    (id) =>
      `import { ${exportName(id)} } from ${JSON.stringify(fromRoot('shared', 'providers', id))};`,
  );
  lines.push(
    'import type { Provider } from ' +
      JSON.stringify(fromRoot('shared', 'providers', 'provider')) +
      ';',
    `export const PROVIDER_LIST: Provider[] = [${selected.map(exportName).join(', ')}];`,
  );
  return lines.join('\n') + '\n';
}

/** Every function's id and the provider it alone works with, read from the built table. */
async function functionOwners() {
  const out = await esbuild.build({
    entryPoints: [FUNCTION_LIST],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
  });
  const mod = await import(
    'data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64')
  );
  return mod.FUNCTION_LIST.map((f) => ({ id: f.id, provider: f.provider }));
}

/** The function list for a selection, as the source of a module. */
export async function functionListSource(selected) {
  const kept = (await functionOwners()).filter((f) => !f.provider || selected.includes(f.provider));
  const lines = kept.map(
    (f) =>
      `import { ${f.id} } from ${JSON.stringify(fromRoot('shared', 'functions', f.id.toLowerCase().replace(/_/g, '-')))};`,
  );
  lines.push(
    'import type { FunctionSpec } from ' +
      JSON.stringify(fromRoot('shared', 'functions', 'spec')) +
      ';',
    `export const FUNCTION_LIST: FunctionSpec[] = [${kept.map((f) => f.id).join(', ')}];`,
  );
  return lines.join('\n') + '\n';
}

export function providerSelection(selected) {
  return {
    name: 'provider-selection',
    setup(build) {
      if (!selected) return;
      const generated = { [REGISTRY]: null, [FUNCTION_LIST]: null };
      build.onLoad(
        { filter: /[\\/]shared[\\/](providers[\\/]registry|functions[\\/]list)\.ts$/ },
        async (args) => {
          if (!(args.path in generated)) return undefined;
          generated[args.path] ??=
            args.path === REGISTRY ? registrySource(selected) : await functionListSource(selected);
          return { contents: generated[args.path], loader: 'ts', resolveDir: FUNCTIONS_DIR };
        },
      );
    },
  };
}
