// Which feature the bytes of a runtime bundle belong to, from esbuild's metafile
// (dist/.gen/<bundle>.meta.json, written by npm run build): so a bundle's growth reads as
// the features that came with it, not as one number. Used by bench/bundles.ts, excel.ts
// and gas.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type Bundle = 'excel-functions' | 'gas';

/** In the order they are tested: the first that matches a module's path takes it. */
export const FEATURES: { name: string; what: string; test: RegExp }[] = [
  {
    name: 'tariffs',
    what: 'tariff model, pricing, price sources, METER_COST/RATES/TARIFFS/TARIFF_COMPARE',
    test: /^shared\/(tariffs\/|functions\/(cost|rates|tariffs|tariff-compare|tariff-context)\.ts$)/,
  },
  {
    name: 'carbon',
    what: 'carbon sources, energy × intensity, METER_CARBON',
    test: /^shared\/(carbon\/|rates\.ts$|functions\/carbon\.ts$)/,
  },
  {
    name: 'logs',
    what: 'log sheets (Sheets) and the log plan',
    test: /^(shared\/log\/|gas\/log-)/,
  },
  { name: 'bright', what: 'the Bright (Glowmarkt) provider', test: /^shared\/providers\/bright\// },
  {
    name: 'providers',
    what: 'the other providers and their shared helpers',
    test: /^shared\/providers\//,
  },
  { name: 'core', what: 'functions, aggregation, time, settings, flow', test: /^shared\// },
  { name: 'host', what: "the host's own code and drivers", test: /./ },
];

export interface Breakdown {
  /** Bytes of the file as shipped. */
  total: number;
  /** Bytes by feature, plus `esbuild` (its wrapper and helpers) and, for Sheets, `entry points`. */
  features: Record<string, number>;
  /** Bytes by module, largest first. */
  modules: [string, number][];
}

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

function normalise(path: string): string {
  const p = path.replace(/\\/g, '/');
  const root = ROOT.replace(/\\/g, '/');
  return p.startsWith(root) ? p.slice(root.length) : p;
}

/** A bundle's bytes by feature; `shipped`: the file's size (Code.js adds its entry points). */
export function breakdown(meta: Metafile, shipped?: number): Breakdown {
  const [output] = Object.entries(meta.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([, o]) => o);
  const features: Record<string, number> = Object.fromEntries(FEATURES.map((f) => [f.name, 0]));
  const modules: [string, number][] = [];
  let counted = 0;
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const p = normalise(path);
    const feature = FEATURES.find((f) => f.test.test(p))!;
    features[feature.name] += bytesInOutput;
    modules.push([p, bytesInOutput]);
    counted += bytesInOutput;
  }
  features.esbuild = output.bytes - counted;
  const total = shipped ?? output.bytes;
  // Sheets: the generated top-level functions with their JSDoc, after the bundle.
  if (total > output.bytes) features['entry points'] = total - output.bytes;
  modules.sort((a, b) => b[1] - a[1]);
  return { total, features, modules };
}

export function readMetafile(bundle: Bundle, dir = `${ROOT}/dist/.gen`): Metafile {
  return JSON.parse(readFileSync(`${dir}/${bundle}.meta.json`, 'utf8')) as Metafile;
}

/**
 * When issue 11 (bundle size) was filed: commit 26234aa (the docs split, before the
 * provider moves), built with this repository's esbuild; the breakdown is this file's
 * applied to that build's metafile. Tariffs, carbon, Bright and logs came after it.
 */
export const AT_ISSUE_11: Record<Bundle, Record<string, number> & { total: number }> = {
  'excel-functions': { total: 109296, providers: 58292, core: 36354, host: 14587, esbuild: 63 },
  gas: {
    total: 121704,
    providers: 58233,
    core: 36501,
    host: 19353,
    esbuild: 469,
    'entry points': 7148,
  },
};

/** dist/gas/Code.js built with METER_SHEETS_PROVIDERS=<id> at the same commit, in bytes. */
export const GAS_ONE_PROVIDER_AT_ISSUE_11: Record<string, number> = {
  powershaper: 65759,
  octopus: 70092,
  kraken: 81523,
  aiaas: 82778,
  homewizard: 64022,
};

export const kb = (bytes: number) => bytes / 1024;
