// Every provider has the same shape (docs/adding-a-provider.md): its code in
// shared/providers/<id>/ (index.ts the provider object, wire.ts the API on the wire,
// config.ts its settings fields), its test side in test/providers/<id>/ (a mock, a
// case.ts in the one list of cases, fixtures as JSON files). A provider that drifts from
// it, or a folder that is no provider, fails here.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDER_LIST } from '../../shared/providers/registry';
import { PROVIDER_TEST_CASES } from './cases';

const ROOT = join(__dirname, '..', '..');
const CODE = join(ROOT, 'shared', 'providers');
const TESTS = join(ROOT, 'test', 'providers');
/** The provider the docs' steps were written with: a test provider, in the same shape. */
const EXAMPLE = { id: 'example', code: join(TESTS, 'example', 'provider') };

const folders = (dir: string) =>
  readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());

/** A provider without settings speaks to no API (the demo household): no wire, no mock. */
const withApi = PROVIDER_LIST.filter((p) => p.fields.length > 0);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('provider folders', () => {
  it('shared/providers/ holds one folder per registered provider, and nothing else', () => {
    expect(folders(CODE).sort()).toEqual(PROVIDER_LIST.map((p) => p.id).sort());
  });

  it.each(PROVIDER_LIST.map((p) => [p.id, p] as const))(
    '%s: index.ts exports the provider object as <id>Provider',
    async (id, provider) => {
      const index = (await import(`../../shared/providers/${id}/index.ts`)) as Record<string, unknown>;
      expect(index[`${id}Provider`]).toBe(provider);
    },
  );

  it.each(
    withApi.map((p) => [p.id, join(CODE, p.id)] as const).concat([[EXAMPLE.id, EXAMPLE.code]]),
  )('%s: has index.ts, wire.ts and config.ts', (_id, dir) => {
    for (const file of ['index.ts', 'wire.ts', 'config.ts'])
      expect(existsSync(join(dir, file)), `${relative(ROOT, dir)}/${file}`).toBe(true);
  });

  it.each(withApi.map((p) => [p.id, p] as const))(
    "%s: the provider's fields are the ones config.ts declares",
    async (id, provider) => {
      const config = (await import(`../../shared/providers/${id}/config.ts`)) as Record<
        string,
        unknown
      >;
      expect(Object.values(config)).toContain(provider.fields);
    },
  );
});

describe('provider test folders', () => {
  it('test/providers/ holds a folder per registered provider (and the example), nothing else', () => {
    expect(folders(TESTS).sort()).toEqual([...PROVIDER_LIST.map((p) => p.id), EXAMPLE.id].sort());
  });

  it('every provider with an API has its case in the one list, and only those', () => {
    expect(PROVIDER_TEST_CASES.map((c) => c.provider).sort()).toEqual(
      withApi.map((p) => p.id).sort(),
    );
  });

  it.each([...withApi.map((p) => p.id), EXAMPLE.id])('%s: has case.ts and a mock', (id) => {
    const dir = join(TESTS, id);
    expect(existsSync(join(dir, 'case.ts')), `test/providers/${id}/case.ts`).toBe(true);
    expect(
      existsSync(join(dir, 'mock.ts')) || existsSync(join(dir, 'mock', 'index.ts')),
      `test/providers/${id}/mock.ts or mock/index.ts`,
    ).toBe(true);
  });

  it('fixtures are JSON files in fixtures/ folders (a README beside them), never TypeScript', () => {
    const files = filesUnder(TESTS).map((f) => relative(TESTS, f));
    const inFixtures = files.filter((f) => f.split(/[\\/]/).includes('fixtures'));
    expect(inFixtures.length).toBeGreaterThan(0);
    for (const f of inFixtures) {
      expect(f, f).toMatch(/\.json$|[\\/]README\.md$/);
      if (f.endsWith('.json'))
        expect(() => JSON.parse(readFileSync(join(TESTS, f), 'utf8')), f).not.toThrow();
    }
    // Fixture data kept in a TypeScript module instead (the way the Kraken mock's once was).
    expect(files.filter((f) => /(^|[\\/])fixtures?\.ts$/.test(f))).toEqual([]);
  });
});
