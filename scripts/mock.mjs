// npm run mock -- <name> [--port N] [--latency MS]: serve a provider mock from
// test/providers/<name>/mock on 127.0.0.1, to try the CLI or a host against it by hand:
//   npm run mock -- powershaper       then   npx meter-sheets meters --provider powershaper --token … --base-url <printed URL>
// A mock module exports createMock(): { handler, basePath, notes? }, and may export its
// own serve(mock, options) (e.g. the HomeWizard device, which needs HTTPS).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { fromRoot } from './build/_common.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string' }, latency: { type: 'string' } },
});
const name = positionals[0];
/** `<id>` → test/providers/<id>/mock(.ts|/index.ts); `<id>-<part>` → test/providers/<id>/mock/<part>.ts. */
function mockFile(id) {
  const dir = fromRoot('test', 'providers');
  const [provider, part] = id.split(/-(.+)/);
  const candidates = part
    ? [join(dir, provider, 'mock', `${part}.ts`)]
    : [join(dir, provider, 'mock.ts'), join(dir, provider, 'mock', 'index.ts')];
  return candidates.find((f) => existsSync(f));
}
const available = readdirSync(fromRoot('test', 'providers'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const parts = existsSync(fromRoot('test', 'providers', d.name, 'mock'))
      ? readdirSync(fromRoot('test', 'providers', d.name, 'mock'))
          .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
          .map((f) => `${d.name}-${f.replace(/\.ts$/, '')}`)
      : [];
    return [d.name, ...parts];
  })
  .filter((id) => {
    const f = mockFile(id);
    return f && /export (async )?function createMock\b/.test(readFileSync(f, 'utf8'));
  });
const file0 = name && mockFile(name);
if (!file0) {
  console.error(
    `usage: npm run mock -- <name> [--port N] [--latency MS]; mocks: ${available.join(', ') || '(none yet)'}`,
  );
  process.exit(2);
}
const entry = `export * from ${JSON.stringify(file0)};
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
