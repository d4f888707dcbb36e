// dist/cli.js: the CLI as one ESM file for Node 20 (bin/meter-sheets.js loads it).
import * as esbuild from 'esbuild';
import { fromRoot, versionDefine } from './_common.mjs';

export async function build() {
  await esbuild.build({
    entryPoints: [fromRoot('cli/index.ts')],
    outfile: fromRoot('dist/cli.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    // Bundled CommonJS dependencies may call require(): give ESM one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    external: ['better-sqlite3'],
    define: versionDefine,
  });
}
