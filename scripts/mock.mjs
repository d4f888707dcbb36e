// npm run mock -- <name> [--port N] [--latency MS]: serve a provider mock from
// test/mocks/<name>.ts on 127.0.0.1, to try the CLI or a host against it by hand:
//   npm run mock -- powershaper       then   npx meter-sheets meters --provider powershaper --token … --base-url <printed URL>
// A mock module exports createMock(): { handler, basePath, notes? }.
import { existsSync, readdirSync } from 'node:fs';
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
// A mock may export its own serve(mock, options) (e.g. a device that needs HTTPS).
const entry = `export * from ${JSON.stringify(fromRoot('test', 'mocks', `${name}.ts`))};
export { serveMock } from ${JSON.stringify(fromRoot('test', 'mocks', 'mock-http.ts'))};`;
const out = await esbuild.build({
  stdin: { contents: entry, resolveDir: fromRoot(), loader: 'ts' },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  // The bundle runs from a data: URL, which createRequire cannot anchor on: use the repo.
  banner: {
    js: `import { createRequire as __cr } from 'node:module'; const require = __cr(${JSON.stringify(fromRoot('package.json'))});`,
  },
  external: ['better-sqlite3'],
});
const mod = await import(
  'data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64')
);
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
