// Shared esbuild settings and paths for the build targets.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = join(root, 'dist');
export const fromRoot = (...parts) => join(root, ...parts);

/** package.json's version, which every build writes into its bundle (shared/version.ts). */
export const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
export const versionDefine = { METER_SHEETS_VERSION: JSON.stringify(version) };

/**
 * dist/.gen/<name>.meta.json: esbuild's account of a bundle (the bytes each module takes),
 * read by bench/bundles.ts; https://esbuild.github.io/analyze/ draws it too.
 */
export function writeMetafile(name, metafile) {
  mkdirSync(join(dist, '.gen'), { recursive: true });
  writeFileSync(join(dist, '.gen', `${name}.meta.json`), JSON.stringify(metafile));
}
