// Building a host with only some providers (METER_SHEETS_PROVIDERS=octopus,kraken): an
// esbuild plugin that swaps the provider list (shared/providers/registry.ts), the
// function list (shared/functions/list.ts) and the price sources
// (shared/tariffs/sources/index.ts) for modules generated from the selection, so the other
// providers' code (and functions and price sources that only work with them) never enters
// the bundle, and their hosts never enter Apps Script's urlFetchWhitelist. The demo meter
// is always kept. Without a selection, nothing is swapped.
//
// The conventions it relies on (docs/adding-a-provider.md): a provider is a folder
// shared/providers/<id>/ whose index.ts exports `<id>Provider`; a function is a file
// shared/functions/<id in lower case>.ts that exports its spec as `<ID>`; a price source
// is a folder shared/tariffs/sources/<id>/ whose index.ts exports `<ID>_SOURCE` (upper
// case, - as _), with `provider` set when it reads that provider's accounts.
import { existsSync, readdirSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { fromRoot } from './_common.mjs';

const PROVIDERS_DIR = fromRoot('shared', 'providers');
const FUNCTIONS_DIR = fromRoot('shared', 'functions');
const REGISTRY = fromRoot('shared', 'providers', 'registry.ts');
const FUNCTION_LIST = fromRoot('shared', 'functions', 'list.ts');
const SOURCES_DIR = fromRoot('shared', 'tariffs', 'sources');
const PRICE_SOURCES = fromRoot('shared', 'tariffs', 'sources', 'index.ts');

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
/** A module of the core, bundled and loaded here to read its declarations. */
async function loadCore(entry) {
  const out = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
  });
  return import(
    'data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64')
  );
}

async function functionOwners() {
  const mod = await loadCore(FUNCTION_LIST);
  return mod.FUNCTION_LIST.map((f) => ({ id: f.id, provider: f.provider }));
}

/** The price sources for a selection, in the registry's order, as the source of a module. */
export async function priceSourcesSource(selected) {
  const { PRICE_SOURCES: all } = await loadCore(PRICE_SOURCES);
  const kept = all
    .filter((s) => !s.provider || selected.includes(s.provider))
    .map((s) => ({ id: s.id, name: `${s.id.toUpperCase().replace(/-/g, '_')}_SOURCE` }));
  const lines = kept.map(
    (s) =>
      `import { ${s.name} } from ${JSON.stringify(fromRoot('shared', 'tariffs', 'sources', s.id))};`,
  );
  lines.push(
    `import type { PriceSource } from ${JSON.stringify(fromRoot('shared', 'tariffs', 'sources', 'source'))};`,
    `export const PRICE_SOURCES: PriceSource[] = [${kept.map((s) => s.name).join(', ')}];`,
    `export type { PriceSource, TariffContext } from ${JSON.stringify(fromRoot('shared', 'tariffs', 'sources', 'source'))};`,
  );
  return lines.join('\n') + '\n';
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
      const make = {
        [REGISTRY]: async () => registrySource(selected),
        [FUNCTION_LIST]: () => functionListSource(selected),
        [PRICE_SOURCES]: () => priceSourcesSource(selected),
      };
      const generated = {};
      build.onLoad(
        {
          filter:
            /[\\/]shared[\\/](providers[\\/]registry|functions[\\/]list|tariffs[\\/]sources[\\/]index)\.ts$/,
        },
        async (args) => {
          if (!(args.path in make)) return undefined;
          generated[args.path] ??= await make[args.path]();
          const resolveDir = args.path === PRICE_SOURCES ? SOURCES_DIR : FUNCTIONS_DIR;
          return { contents: generated[args.path], loader: 'ts', resolveDir };
        },
      );
    },
  };
}
