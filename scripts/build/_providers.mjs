// Building a host with only some providers (METER_SHEETS_PROVIDERS=octopus,kraken): an
// esbuild plugin that rewrites the provider registry and the function table as they are
// loaded, so the other providers' code (and functions that only work with them) never
// enters the bundle, and their hosts never enter Apps Script's urlFetchWhitelist. The
// demo meter is always kept. Without a selection, nothing is rewritten.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fromRoot } from './_common.mjs';

const REGISTRY = fromRoot('shared', 'providers', 'index.ts');
const CATALOG = fromRoot('shared', 'functions', 'catalog.ts');
const IMPORT = /^import \{ (\w+) \} from '\.\/([\w-]+)';\n/gm;

/** The provider ids in the registry, from its imports. */
export function registryIds() {
  return [...readFileSync(REGISTRY, 'utf8').matchAll(IMPORT)].map((m) => m[2]);
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

/** Removes the imports (and list entries) whose module fails `keep`. */
function dropImports(source, keep) {
  let out = source;
  for (const m of source.matchAll(IMPORT)) {
    if (keep(m[2], m[1])) continue;
    out = out
      .replace(m[0], '')
      .replace(new RegExp(`\\b${m[1]},\\s*`, 'g'), '') // an entry followed by another
      .replace(new RegExp(`,\\s*\\b${m[1]}\\b`, 'g'), ''); // the last entry
    if (new RegExp(`\\b${m[1]}\\b`).test(out))
      throw new Error(`providers: could not remove ${m[1]} from ${m[0].trim()}`);
  }
  return out;
}

export function providerSelection(selected) {
  return {
    name: 'provider-selection',
    setup(build) {
      if (!selected) return;
      build.onLoad(
        { filter: /[\\/]shared[\\/](providers[\\/]index|functions[\\/]catalog)\.ts$/ },
        (args) => {
          const source = readFileSync(args.path, 'utf8');
          if (args.path === REGISTRY)
            return { contents: dropImports(source, (id) => selected.includes(id)), loader: 'ts' };
          if (args.path === CATALOG)
            return {
              contents: dropImports(source, (file) => {
                const spec = readFileSync(join(dirname(CATALOG), `${file}.ts`), 'utf8');
                const only = /^\s+provider: '([\w-]+)',$/m.exec(spec)?.[1];
                return !only || selected.includes(only);
              }),
              loader: 'ts',
            };
          return undefined;
        },
      );
    },
  };
}
