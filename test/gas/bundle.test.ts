// The shape of what `npm run build` writes to dist/gas: a script Apps Script V8 can parse
// and load without touching a service, top-level declarations Sheets autocompletes, a
// least-privilege manifest, panels whose scripts parse, and a menu that works before the
// add-on is authorised.
import * as espree from 'espree';
import vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/functions/catalog';
import { sheetsName } from '../../shared/functions/spec';
import { CARBON_SOURCES } from '../../shared/carbon';
import { PRICE_SOURCES } from '../../shared/tariffs/sources';
import { PROVIDERS } from '../../shared/providers';
import { ENTRY_POINTS } from '../../gas/entry-points';
import { providerPrefixes } from '../../gas/whitelist';
import { fakeProvider } from '../helpers/fake-provider';
import { fakeTokenProvider } from '../helpers/fake-token-provider';
import { ROOT } from '../helpers/cli';
import { NOT_IN_APPS_SCRIPT, TEST_PROVIDERS_PRELOAD, loadAddOn, sheets } from './harness';

const SCOPES = [
  'https://www.googleapis.com/auth/script.external_request',
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  // The time-driven trigger that keeps log sheets up to date (Meter › Keep a log…).
  'https://www.googleapis.com/auth/script.scriptapp',
];

/** Top-level function declarations of a script, with the JSDoc block right above each. */
function declarations(code: string): Map<string, { params: string[]; doc: string }> {
  const ast = espree.parse(code, {
    ecmaVersion: 2019,
    sourceType: 'script',
    range: true,
  }) as unknown as {
    body: {
      type: string;
      id?: { name: string };
      params?: { name: string }[];
      range: [number, number];
    }[];
  };
  const out = new Map<string, { params: string[]; doc: string }>();
  for (const node of ast.body) {
    if (node.type !== 'FunctionDeclaration' || !node.id) continue;
    const before = code.slice(0, node.range[0]);
    const tail = before.slice(before.lastIndexOf('/**'));
    const doc = /^\/\*\*([\s\S]*?)\*\/\s*$/.exec(tail)?.[1] ?? '';
    out.set(node.id.name, { params: (node.params ?? []).map((p) => p.name), doc });
  }
  return out;
}

describe('dist/gas/Code.js', () => {
  it('parses as an ES2019 script: no modules, class fields, private fields or ?. for V8 in Apps Script to reject', async () => {
    const { code } = await loadAddOn();
    expect(() => espree.parse(code, { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
    // The parser is the judge of syntax; this catches the same by eye in a failure.
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('declares every function of the table at top level, with @customfunction JSDoc and its parameters', async () => {
    const decls = declarations((await loadAddOn()).code);
    for (const spec of FUNCTIONS) {
      const d = decls.get(sheetsName(spec));
      expect(d, sheetsName(spec)).toBeDefined();
      expect(d!.params).toEqual(spec.params.map((p) => p.name));
      expect(d!.doc).toContain('@customfunction');
      expect(d!.doc).toContain(spec.description);
      const documented = [...d!.doc.matchAll(/@param \{[^}]+\} (\w+) /g)].map((m) => m[1]);
      expect(documented).toEqual(spec.params.map((p) => p.name));
    }
    for (const e of ENTRY_POINTS) expect(decls.get(e.name)?.params, e.name).toEqual(e.params);
  });

  it("carries each function's documentation once, in its JSDoc, not in the bundle too", async () => {
    const { code } = await loadAddOn();
    const count = (text: string) => code.split(text).length - 1;
    for (const spec of FUNCTIONS) {
      expect(count(spec.description), spec.id).toBe(1);
      expect(count(spec.result), spec.id).toBe(1);
    }
  });

  it('loads without touching any Apps Script service, in a context without Node or browser APIs', async () => {
    const { code } = await loadAddOn();
    const touched: string[] = [];
    const trap = (name: string) =>
      new Proxy({}, { get: (_t, p) => (touched.push(`${name}.${String(p)}`), undefined) });
    const services = [
      'SpreadsheetApp',
      'UrlFetchApp',
      'CacheService',
      'PropertiesService',
      'LockService',
      'HtmlService',
      'Utilities',
      'Session',
      'ScriptApp',
      'Logger',
      'Charts',
    ];
    const ctx = vm.createContext(Object.fromEntries(services.map((s) => [s, trap(s)])));
    for (const name of NOT_IN_APPS_SCRIPT)
      expect(vm.runInContext(`typeof ${name}`, ctx), name).toBe('undefined');
    vm.runInContext(code, ctx);
    expect(touched).toEqual([]);
    expect(typeof vm.runInContext('METER_USAGE', ctx)).toBe('function');
  });

  it('calls the same entry points the menu names', async () => {
    const s = await sheets();
    s.run('none', 'onOpen', { authMode: 'NONE' });
    const decls = declarations(s.addOn.code);
    const [menu] = s.world.menus;
    expect(menu.title).toBe('Meter');
    expect(
      menu.items.filter((i) => i !== 'separator').map((i) => (i as { caption: string }).caption),
    ).toEqual([
      'Import usage…',
      'Compare profiles…',
      'Compare tariffs…',
      'Settings…',
      'Refresh',
      'Keep a log…',
      'Stop keeping logs',
    ]);
    for (const item of menu.items)
      if (item !== 'separator') expect(decls.has(item.functionName)).toBe(true);
  });
});

describe('onOpen', () => {
  it('builds the Meter menu in AuthMode.NONE, where every other service is refused', async () => {
    const s = await sheets();
    s.run('none', 'onOpen', { authMode: 'NONE' });
    expect(s.world.menus).toHaveLength(1);
    expect(s.world.menus[0].added).toBe(true);
    s.run('none', 'onInstall', { authMode: 'NONE' });
    expect(s.world.menus).toHaveLength(2);
  });
});

describe('dist/gas/appsscript.json', () => {
  it("keeps the repository's manifest, V8, and asks only for the four scopes it needs", async () => {
    const { manifest } = await loadAddOn();
    const source = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toEqual(SCOPES);
    for (const [k, v] of Object.entries(source))
      if (k !== 'urlFetchWhitelist') expect(manifest[k]).toEqual(v);
  });

  it("whitelists exactly the providers' hosts, https with a path", async () => {
    const expected = (list: string[]) => (list.length > 0 ? list.sort() : undefined);
    const { manifest } = await loadAddOn();
    expect(manifest.urlFetchWhitelist).toEqual(
      expected(providerPrefixes([...PROVIDERS, ...CARBON_SOURCES, ...PRICE_SOURCES])),
    );
    expect(manifest.urlFetchWhitelist).toContain('https://api.carbonintensity.org.uk/');
    // Dutch day-ahead prices for METER_COST: a price source's host, not a provider's.
    expect(manifest.urlFetchWhitelist).toContain('https://api.energyzero.nl/');
    // A provider added to the registry appears with no edit to gas/ or the manifest.
    const test = await loadAddOn(TEST_PROVIDERS_PRELOAD);
    const all = providerPrefixes([
      ...PROVIDERS,
      ...CARBON_SOURCES,
      ...PRICE_SOURCES,
      fakeProvider,
      fakeTokenProvider,
    ]);
    expect(test.manifest.urlFetchWhitelist).toEqual(expected(all));
    expect(all).toEqual(expect.arrayContaining(['https://fake.test/', 'https://token.fake.test/']));
    for (const p of test.manifest.urlFetchWhitelist ?? [])
      expect(p).toMatch(/^https:\/\/[^/]+\/.*$/);
  });
});

describe('the panels', () => {
  it('are small, labelled pages whose scripts parse and which get their state from the server', async () => {
    const { html } = await loadAddOn();
    expect(Object.keys(html).sort()).toEqual([
      'Compare',
      'CompareTariffs',
      'Import',
      'Log',
      'Settings',
    ]);
    for (const [name, page] of Object.entries(html)) {
      // Settings: every provider's section, the Carbon section (its script draws the choices
      // and lists the meters when opened), logs, version.
      expect(page.length, name).toBeLessThan(name === 'Settings' ? 22_000 : 14_000);
      expect(page.match(/<\?!= state \?>/g), name).toHaveLength(1);
      expect(page, name).toMatch(/<html lang="en">/);
      expect(page, name).toMatch(/role="status"/);
      for (const m of page.matchAll(/<label for="([^"]+)"/g))
        expect(page, `${name}: #${m[1]}`).toContain(`id="${m[1]}"`);
      const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) =>
        m[1].replace('<?!= state ?>', '{}'),
      );
      expect(scripts.length, name).toBeGreaterThan(0);
      for (const s of scripts)
        expect(() => espree.parse(s, { ecmaVersion: 2017, sourceType: 'script' })).not.toThrow();
    }
  });
});
