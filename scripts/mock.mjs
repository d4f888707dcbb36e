// npm run mock -- <name> [--port N] [--latency MS]: serve a provider mock from
// test/mocks/<name>.ts on 127.0.0.1, to try the CLI or a host against it by hand:
//   npm run mock -- powershaper       then   npx meter-sheets meters --provider powershaper --token … --base-url <printed URL>
// A mock module exports createMock(): { handler, basePath, notes? }, and may export its
// own serve(mock, options) (e.g. the HomeWizard device, which needs HTTPS).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { fromRoot } from './build/_common.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string' }, latency: { type: 'string' } },
});
const name = positionals[0];
const available = readdirSync(fromRoot('test', 'mocks'))
  .filter((f) => f.endsWith('.ts') && f !== 'mock-http.ts')
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !existsSync(fromRoot('test', 'mocks', `${name}.ts`))) {
  console.error(
    `usage: npm run mock -- <name> [--port N] [--latency MS]; mocks: ${available.join(', ') || '(none yet)'}`,
  );
  process.exit(2);
}
const entry = `export * from ${JSON.stringify(fromRoot('test', 'mocks', `${name}.ts`))};
export { serveMock } from ${JSON.stringify(fromRoot('test', 'mocks', 'mock-http.ts'))};`;
const out = await esbuild.build({
  stdin: { contents: entry, resolveDir: fromRoot(), loader: 'ts' },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  banner: {
    js: `import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);`,
  },
  external: ['better-sqlite3'],
});
// Loaded from a file, not a data: URL, so that createRequire (in the banner) has a file to
// resolve from.
mkdirSync(fromRoot('dist', 'mocks'), { recursive: true });
const file = fromRoot('dist', 'mocks', `${name}.mjs`);
writeFileSync(file, out.outputFiles[0].text);
const mod = await import(pathToFileURL(file).href);
const mock = mod.createMock();
if (mod.serve) {
  await mod.serve(mock, { port: values.port === undefined ? undefined : Number(values.port) });
} else {
  const running = await mod.serveMock(mock.handler, {
    port: Number(values.port ?? 0),
    latencyMs: Number(values.latency ?? 0),
  });
  console.log(`${name} mock listening: --base-url ${running.origin}${mock.basePath ?? ''}`);
  if (mock.notes) console.log(mock.notes);
}
