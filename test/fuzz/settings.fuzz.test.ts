// Malformed settings, fuzzed through every way they come in: the core's validateSettings
// (the document every host stores), the Sheets sidebar's save (built add-on), the Excel
// task pane's settings store (built bundle) and the CLI's config file and flags. A valid
// document gets one thing wrong — a wrong type, an unknown provider or key, a prototype
// key, a base URL that is plain http to another machine or carries user:password@, an odd
// or invalid zone — and the answer is either accepted (when it is in fact fine) or a
// config error naming exactly that field, never quoting a secret, never a crash.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFrom } from '../../cli/main';
import { isMeterError } from '../../shared/errors';
import { PROVIDERS, fieldsByProvider } from '../../shared/providers';
import {
  type Settings,
  formFieldMessage,
  isAcceptableBaseUrl,
  validateSettings,
} from '../../shared/settings';
import { canonicalZone } from '../../shared/time/zone';
import { loadFunctionsBundle } from '../excel/harness';
import { memoryStorage } from '../../excel-addin/functions/storage';
import { AddOnError, type Sheets, sheets } from '../gas/harness';
import { PROVIDER_CASES, plantedSecrets } from '../gas/provider-cases';
import { FUZZ_RUNS, FUZZ_SEED, ODD_ZONES, PROTOTYPE_KEYS } from './arbitraries';
import { unreadable } from './oracle';

const FIELDS = fieldsByProvider();
/** The real providers' cases (test-only ones are not in a plain build). */
const CASES = PROVIDER_CASES.filter((c) => FIELDS[c.provider]);
const SECRETS = CASES.flatMap(plantedSecrets);
/** A password in a URL's userinfo: as secret as any field. */
const URL_PASSWORD = 'PLANTEDurlpw7c1e';

type Doc = Record<string, unknown>;

/** A valid document: every real provider set up as its mock accepts. */
function baseDoc(): Doc {
  return {
    defaultMeter: 'demo',
    timezone: 'Europe/London',
    providers: Object.fromEntries(CASES.map((c) => [c.provider, { ...c.config }])),
  };
}

/** One thing wrong (or odd but fine): where, what, and whether it must be refused. */
interface Mutation {
  /** Path below `settings.` the error must name; null when nothing may be refused. */
  path: string | null;
  mustRefuse: boolean;
  apply(doc: Doc): void;
  describe: string;
  /** The Sheets sidebar too must refuse it (a bad value of a field it has, as text). */
  sidebarRefuses?: boolean;
}

const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant([]),
  fc.array(fc.string(), { minLength: 1, maxLength: 2 }),
  fc.constant({ nested: { value: 'x' } }),
  fc.constant({}),
);
const junkKey = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS, 'timeZone', 'provider', 'default_meter', 'Providers', ''),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const badZone = fc.oneof(
  fc.constantFrom('Mars/Olympus', '+05:45', 'GMT+5:45', 'Europe/', ...PROTOTYPE_KEYS),
  fc.string({ maxLength: 10 }).filter((z) => z !== '' && canonicalZone(z) === null),
);
const BAD_URLS = [
  'http://example.com/api',
  'http://192.168.1.20',
  'http://localhost.example.com',
  'http://127.0.0.1.example.com',
  `http://127.0.0.1@example.com`,
  `https://user:${URL_PASSWORD}@api.example.com/v1`,
  `http://user:${URL_PASSWORD}@127.0.0.1:8080`,
  `https://${URL_PASSWORD}@api.example.com`,
  'ftp://example.com',
  'javascript:alert(1)',
  'example.com',
  'https://',
  '//example.com',
  ' ',
];
const GOOD_URLS = [
  'https://api.example.com',
  'https://api.example.com:8443/v1/',
  'http://127.0.0.1:8080',
  'http://localhost/api',
  'http://[::1]:3000',
];

function set(doc: Doc, path: string[], value: unknown): void {
  let o = doc as Record<string, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  // defineProperty: "__proto__" becomes an own key, as JSON.parse makes it.
  Object.defineProperty(o, path[path.length - 1], {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const caseArb = fc.constantFrom(...CASES);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  wrongType.map((v) => ({
    path: 'defaultMeter',
    mustRefuse: true,
    apply: (d: Doc) => set(d, ['defaultMeter'], v),
    describe: `defaultMeter = ${JSON.stringify(v)}`,
  })),
  fc.oneof(badZone, wrongType).map((v) => ({
    path: 'timezone',
    mustRefuse: true,
    sidebarRefuses: typeof v === 'string' && v.trim() !== '' && canonicalZone(v.trim()) === null,
    apply: (d: Doc) => set(d, ['timezone'], v),
    describe: `timezone = ${JSON.stringify(v)}`,
  })),
  fc.constantFrom(...ODD_ZONES).map((z) => ({
    path: null,
    mustRefuse: false,
    apply: (d: Doc) => set(d, ['timezone'], z),
    describe: `timezone = ${z}`,
  })),
  fc.oneof(fc.constant('not an object'), fc.integer(), fc.constant([])).map((v) => ({
    path: 'providers',
    mustRefuse: true,
    apply: (d: Doc) => set(d, ['providers'], v),
    describe: `providers = ${JSON.stringify(v)}`,
  })),
  junkKey
    .filter((k) => !['defaultMeter', 'timezone', 'providers'].includes(k))
    .map((k) => ({
      path: k,
      mustRefuse: true,
      apply: (d: Doc) => set(d, [k], 'x'),
      describe: `unknown key ${JSON.stringify(k)}`,
    })),
  junkKey
    .filter((k) => !FIELDS[k] || !Object.prototype.hasOwnProperty.call(FIELDS, k))
    .map((k) => ({
      path: `providers.${k}`,
      mustRefuse: true,
      apply: (d: Doc) => set(d, ['providers', k], { token: 'x' }),
      describe: `unknown provider ${JSON.stringify(k)}`,
    })),
  fc
    .tuple(caseArb, fc.oneof(fc.constant(null), fc.constant('x'), fc.constant([]), fc.integer()))
    .map(([c, v]) => ({
      path: `providers.${c.provider}`,
      mustRefuse: true,
      apply: (d: Doc) => set(d, ['providers', c.provider], v),
      describe: `providers.${c.provider} = ${JSON.stringify(v)}`,
    })),
  fc
    .tuple(caseArb, junkKey)
    .filter(([c, k]) => !FIELDS[c.provider].some((f) => f.key === k))
    .map(([c, k]) => ({
      path: `providers.${c.provider}.${k}`,
      mustRefuse: true,
      apply: (d: Doc) => set(d, ['providers', c.provider, k], 'x'),
      describe: `unknown field providers.${c.provider}.${JSON.stringify(k)}`,
    })),
  fc.tuple(caseArb, fc.nat(), wrongType).map(([c, i, v]) => {
    const fields = FIELDS[c.provider];
    const f = fields[i % fields.length];
    // A number where a number goes, a boolean where a boolean goes, is fine.
    const fine =
      (f.kind === 'number' && typeof v === 'number' && Number.isFinite(v)) ||
      (f.kind === 'boolean' && typeof v === 'boolean');
    return {
      path: `providers.${c.provider}.${f.key}`,
      mustRefuse: !fine,
      apply: (d: Doc) => set(d, ['providers', c.provider, f.key], v),
      describe: `providers.${c.provider}.${f.key} = ${JSON.stringify(v)}`,
    };
  }),
  fc
    .tuple(
      fc.constantFrom(...CASES.filter((c) => FIELDS[c.provider].some((f) => f.kind === 'url'))),
      fc.oneof(
        fc.constantFrom(...BAD_URLS).map((u) => [u, true] as const),
        fc.constantFrom(...GOOD_URLS).map((u) => [u, false] as const),
      ),
    )
    .map(([c, [url, bad]]) => {
      const f = FIELDS[c.provider].find((x) => x.kind === 'url');
      const key = f?.key ?? 'baseUrl';
      return {
        path: `providers.${c.provider}.${key}`,
        mustRefuse: bad,
        sidebarRefuses: bad && url.trim() !== '',
        apply: (d: Doc) => set(d, ['providers', c.provider, key], url),
        describe: `providers.${c.provider}.${key} = ${url}`,
      };
    }),
);

/** Why an outcome is wrong, or null. */
/**
 * Whether the outcome is right for the mutation. `asLabelled`: the message comes from a
 * form, which names the field as labelled (formFieldMessage), not by its settings path.
 */
function judge(
  m: Mutation,
  outcome: { settings?: Settings; error?: unknown },
  asLabelled = false,
): string | null {
  if ('settings' in outcome && outcome.settings) {
    if (m.mustRefuse) return `${m.describe}: accepted`;
    for (const [id, cfg] of Object.entries(outcome.settings.providers))
      for (const f of FIELDS[id] ?? [])
        if (
          f.kind === 'url' &&
          typeof cfg[f.key] === 'string' &&
          !isAcceptableBaseUrl(cfg[f.key] as string)
        )
          return `${m.describe}: kept an unacceptable URL in ${id}.${f.key}`;
    return null;
  }
  const e = outcome.error;
  const message = String((e as Error)?.message ?? e);
  if (!(isMeterError(e) || e instanceof AddOnError))
    return `${m.describe}: crashed with ${String(e)}`;
  if (isMeterError(e) && e.kind !== 'config') return `${m.describe}: error of kind ${e.kind}`;
  const leaked = [...SECRETS, URL_PASSWORD].find((s) => message.includes(s));
  if (leaked) return `${m.describe}: the message quotes a secret: ${message}`;
  const bad = unreadable(message);
  if (bad) return `${m.describe}: ${bad}`;
  if (m.path === null) return `${m.describe}: refused (${message})`;
  // Keys are shown printable and at most 40 characters.
  const shownPath = m.path.replace(/[^\x20-\x7e]/g, '?');
  const path = `settings.${shownPath.length > 60 ? shownPath.slice(0, 30) : shownPath}`;
  const prefix = asLabelled ? formFieldMessage(`${path}: `, PROVIDERS).slice(0, -2) : path;
  if (!message.includes(prefix))
    return `${m.describe}: the message does not name ${prefix}: ${message}`;
  return null;
}

function outcomeOf(fn: () => Settings): { settings?: Settings; error?: unknown } {
  try {
    return { settings: fn() };
  } catch (error) {
    return { error };
  }
}

const runs = (share: number) => Math.max(50, Math.round(FUZZ_RUNS * share));
const options = (n: number) => ({ seed: FUZZ_SEED, numRuns: n, endOnFailure: true });

describe('malformed settings name their field', () => {
  it('the unchanged document is valid (the mutations are the only thing wrong)', () => {
    expect(() => validateSettings(JSON.parse(JSON.stringify(baseDoc())), FIELDS)).not.toThrow();
    expect(CASES.length).toBeGreaterThanOrEqual(PROVIDERS.length - 1);
  });

  it(`validateSettings (the stored document): ${runs(1)} documents`, () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const doc = baseDoc();
        m.apply(doc);
        // Through JSON, as every host stores it ("__proto__" stays an own key).
        const parsed = JSON.parse(JSON.stringify(doc));
        const problem = judge(
          m,
          outcomeOf(() => validateSettings(parsed, FIELDS)),
        );
        if (problem) throw new Error(problem);
      }),
      options(runs(1)),
    );
  });

  describe('CLI: config file and --base-url', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'meter-fuzz-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it(`config files: ${runs(0.3)} documents`, () => {
      let n = 0;
      fc.assert(
        fc.property(mutation, (m) => {
          const doc = baseDoc();
          m.apply(doc);
          const file = join(dir, `config-${n++}.json`);
          writeFileSync(file, JSON.stringify(doc));
          const problem = judge(
            m,
            outcomeOf(() => settingsFrom({ config: file }).settings),
          );
          if (problem) throw new Error(problem);
        }),
        options(runs(0.3)),
      );
    });

    it('--base-url: refused naming the field, unless https or this machine', () => {
      const file = join(dir, 'empty.json');
      writeFileSync(file, '{}');
      for (const c of CASES.filter((x) => FIELDS[x.provider].some((f) => f.key === 'baseUrl')))
        for (const url of [...BAD_URLS, ...GOOD_URLS]) {
          const m: Mutation = {
            path: `providers.${c.provider}.baseUrl`,
            mustRefuse: BAD_URLS.includes(url),
            apply: () => undefined,
            describe: `--provider ${c.provider} --base-url ${url}`,
          };
          const problem = judge(
            m,
            outcomeOf(
              () => settingsFrom({ config: file, provider: c.provider, 'base-url': url }).settings,
            ),
          );
          expect(problem).toBeNull();
        }
    });
  });

  it(`Excel task pane settings store (built bundle): ${runs(0.3)} updates`, async () => {
    const { api } = loadFunctionsBundle();
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        // The pane sends an update: the whole document, field by field, onto empty storage.
        const doc = baseDoc();
        m.apply(doc);
        const store = api.createHost({ storage: memoryStorage() }).settings;
        let outcome: { settings?: Settings; error?: unknown };
        try {
          outcome = { settings: await store.save(doc as Parameters<typeof store.save>[0]) };
        } catch (error) {
          outcome = { error };
        }
        // The store refuses the same things, except what an update means differently:
        // null for a whole provider is an error, null for a field clears it.
        const problem = judge(m, outcome);
        if (problem) throw new Error(problem);
        if (outcome.settings) {
          // And what it saved reads back as the same valid settings.
          const again = await api
            .createHost({ storage: memoryStorage() })
            // (The base document has no carbon, whose form input differs from the document's.)
            .settings.save(outcome.settings as Parameters<typeof store.save>[0]);
          expect(again).toEqual(outcome.settings);
        }
      }),
      options(runs(0.3)),
    );
  });

  describe('Sheets settings sidebar (built add-on)', () => {
    let s: Sheets;
    beforeAll(async () => {
      s = await sheets();
    });

    it(`${runs(0.15)} forms: saved, or refused naming the field, secrets never quoted`, () => {
      fc.assert(
        fc.property(mutation, (m) => {
          const doc = baseDoc();
          m.apply(doc);
          let outcome: { settings?: Settings; error?: unknown };
          try {
            s.saveSettings({ ...doc, allowFormulas: true });
            outcome = { settings: { providers: {} } };
          } catch (error) {
            outcome = { error };
          }
          // The sidebar only sends its own fields, as text: a wrong type or an unknown key
          // cannot come from it and is ignored; what must still be refused is a bad value
          // of a field it has (a URL, a zone).
          const sidebarRefuses = m.sidebarRefuses === true;
          if (outcome.error) {
            const problem = judge(m, outcome, true);
            if (problem) throw new Error(problem);
          } else if (sidebarRefuses) throw new Error(`${m.describe}: the sidebar saved it`);
        }),
        options(runs(0.15)),
      );
    });
  });
});
