// manifest.xml checked offline (the online validator cannot be reached): well-formed, the
// shape Excel expects of a shared-runtime add-in with custom functions and a ribbon tab,
// every resid resolving to the right kind of resource, ids unique, and every URL one the
// build wrote. manifest.xml at the root is the one the build generates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ORIGIN,
  MAX_DESCRIPTION,
  manifestXml,
} from '../../scripts/build/manifest/manifest';
import { RIBBON } from '../../excel-addin/manifest/ribbon';
import { FUNCTIONS } from '../../shared/functions/catalog';
import { EXCEL_NAMESPACE } from '../../shared/functions/spec';
import { ROOT } from '../helpers/cli';
import { type XmlElement, allElements, parseXml, path } from './manifest-xml';
import { ADDIN_DIR } from './harness';

const text = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const root = parseXml(text);
const all = allElements(root);
const versionOverrides = path(root, 'VersionOverrides');
const host = path(versionOverrides, 'Hosts', 'Host');
const resources = path(versionOverrides, 'Resources');

function resourceIds(
  kind: 'bt:Images' | 'bt:Urls' | 'bt:ShortStrings' | 'bt:LongStrings',
): Map<string, string> {
  return new Map(path(resources, kind).children.map((c) => [c.attrs.id, c.attrs.DefaultValue]));
}
const images = resourceIds('bt:Images');
const urls = resourceIds('bt:Urls');
const shortStrings = resourceIds('bt:ShortStrings');
const longStrings = resourceIds('bt:LongStrings');

/** Which resource list a resid must come from, by the element that holds it. */
function expectedKind(el: XmlElement): Map<string, string> {
  const parent = el.parent?.name;
  if (el.name === 'bt:Image') return images;
  if (['SourceLocation', 'Runtime', 'FunctionFile', 'LearnMoreUrl'].includes(el.name)) return urls;
  if (el.name === 'Description' && (parent === 'Supertip' || parent === 'GetStarted'))
    return longStrings;
  return shortStrings; // Label, Title, Namespace
}

describe('the offline XML check', () => {
  it('refuses what a conforming parser refuses', () => {
    for (const bad of [
      '<a><b></a></b>',
      '<a x=1/>',
      '<a x="1" x="2"/>',
      '<a>fish & chips</a>',
      '<a/><b/>',
      '<a>',
      'text<a/>',
      '<a>x</a>tail',
    ])
      expect(() => parseXml(bad), bad).toThrow();
    const parsed = parseXml('<?xml version="1.0"?><a x="&amp;"><b>t&lt;</b><c/></a>');
    expect(parsed.attrs.x).toBe('&');
    expect(parsed.children.map((c) => [c.name, c.text])).toEqual([
      ['b', 't<'],
      ['c', ''],
    ]);
  });

  it('rejects a manifest broken in any of the ways a hand edit breaks one', () => {
    for (const [what, broken] of [
      ['a crossed end tag', text.replace('</Hosts>', '</Host>')],
      ['an unclosed element', text.replace('</Permissions>', '')],
      ['a repeated attribute', text.replace('lifetime="long"', 'lifetime="long" lifetime="short"')],
      ['an unescaped &', text.replace('>meter-sheets<', '>meter & sheets<')],
      ['text after the root', `${text}<OfficeApp/>`],
    ]) {
      expect(broken, what).not.toBe(text);
      expect(() => parseXml(broken), what).toThrow();
    }
  });
});

describe('manifest.xml', () => {
  it('is the manifest the build generates, byte for byte (dist has the same)', () => {
    const version = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(text).toBe(manifestXml(DEFAULT_ORIGIN, version));
    expect(readFileSync(join(ADDIN_DIR, 'manifest.xml'), 'utf8')).toBe(text);
  });

  it('is a task pane add-in for Excel that requires the shared runtime', () => {
    expect(root.name).toBe('OfficeApp');
    expect(root.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(root.attrs.xmlns).toBe('http://schemas.microsoft.com/office/appforoffice/1.1');
    // The schema fixes the order of the top-level elements.
    expect(root.children.map((c) => c.name)).toEqual([
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'VersionOverrides',
    ]);
    expect(path(root, 'Id').text).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(path(root, 'Version').text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(path(root, 'Hosts', 'Host').attrs.Name).toBe('Workbook');
    expect(path(root, 'Requirements', 'Sets', 'Set').attrs).toEqual({
      Name: 'SharedRuntime',
      MinVersion: '1.1',
    });
    expect(path(root, 'Permissions').text).toBe('ReadWriteDocument');
    expect(versionOverrides.attrs['xsi:type']).toBe('VersionOverridesV1_0');
    expect(host.attrs['xsi:type']).toBe('Workbook');
  });

  it('runs functions, ribbon and task pane in ONE long-lived runtime page', () => {
    const runtime = path(host, 'Runtimes', 'Runtime');
    expect(runtime.attrs.lifetime).toBe('long');
    const shared = runtime.attrs.resid;
    const cf = path(host, 'AllFormFactors', 'ExtensionPoint');
    expect(cf.attrs['xsi:type']).toBe('CustomFunctions');
    expect(path(cf, 'Page', 'SourceLocation').attrs.resid).toBe(shared);
    expect(path(host, 'DesktopFormFactor', 'FunctionFile').attrs.resid).toBe(shared);
    const taskpaneActions = all.filter(
      (e) => e.name === 'Action' && e.attrs['xsi:type'] === 'ShowTaskpane',
    );
    expect(taskpaneActions.length).toBeGreaterThan(0);
    for (const a of taskpaneActions) {
      expect(path(a, 'SourceLocation').attrs.resid).toBe(shared);
      // Shared runtime: one task pane, so no action names one (a TaskpaneId makes another).
      expect(a.children.map((c) => c.name)).toEqual(['SourceLocation']);
    }
    expect(all.filter((e) => e.name === 'TaskpaneId')).toEqual([]);
    expect(urls.get(shared)).toBe(`${DEFAULT_ORIGIN}/taskpane.html`);
    expect(urls.get(path(cf, 'Script', 'SourceLocation').attrs.resid)).toBe(
      `${DEFAULT_ORIGIN}/functions.js`,
    );
    expect(urls.get(path(cf, 'Metadata', 'SourceLocation').attrs.resid)).toBe(
      `${DEFAULT_ORIGIN}/functions.json`,
    );
    expect(shortStrings.get(path(cf, 'Namespace').attrs.resid)).toBe(EXCEL_NAMESPACE);
    // The page loads the functions bundle itself (the shared runtime loads only the page).
    const page = readFileSync(join(ADDIN_DIR, 'taskpane.html'), 'utf8');
    expect(page).toMatch(/<script src="functions\.js"><\/script>/);
    expect(page).toMatch(/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/);
  });

  it('adds a "Meter" tab with Import usage, Compare profiles, Compare tariffs, Settings and Refresh', () => {
    const tab = path(host, 'DesktopFormFactor', 'ExtensionPoint', 'CustomTab');
    expect(shortStrings.get(tab.children.at(-1)!.attrs.resid)).toBe('Meter'); // Label comes after the groups
    const controls = allElements(tab).filter((e) => e.name === 'Control');
    expect(controls.map((c) => shortStrings.get(path(c, 'Label').attrs.resid))).toEqual([
      'Import usage',
      'Compare profiles',
      'Compare tariffs',
      'Settings',
      'Refresh',
    ]);
    const functionNames = all.filter((e) => e.name === 'FunctionName').map((e) => e.text);
    expect(functionNames).toEqual(
      RIBBON.flatMap((b) => (b.action.kind === 'execute' ? [b.action.functionName] : [])),
    );
    for (const c of controls) {
      expect(c.attrs['xsi:type']).toBe('Button');
      expect(path(c, 'Icon').children.map((i) => i.attrs.size)).toEqual(['16', '32', '80']);
    }
  });

  it('says what it does: every function by its Excel name, and that METER.NOW streams', () => {
    const description = path(root, 'Description').attrs.DefaultValue;
    expect(description.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
    for (const f of FUNCTIONS) expect(description).toContain(`${EXCEL_NAMESPACE}.${f.id}`);
    const streaming = FUNCTIONS.filter((f) => f.streaming).map((f) => `${EXCEL_NAMESPACE}.${f.id}`);
    expect(streaming).toContain('METER.NOW');
    expect(description).toMatch(new RegExp(`${streaming.join('.*')}.*\\bstreams?\\b`));
  });

  it('resolves every resid to a resource of the right kind, within 32 characters', () => {
    const refs = all.filter((e) => e.attrs.resid !== undefined);
    expect(refs.length).toBeGreaterThan(20);
    for (const el of refs) {
      expect(el.attrs.resid.length, el.attrs.resid).toBeLessThanOrEqual(32);
      expect(expectedKind(el).has(el.attrs.resid), `${el.name} resid=${el.attrs.resid}`).toBe(true);
    }
  });

  it('has unique ids and strings within Office’s limits', () => {
    const ids = all.filter((e) => e.attrs.id !== undefined).map((e) => e.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const v of shortStrings.values()) expect(v.length).toBeLessThanOrEqual(125);
    for (const v of longStrings.values()) expect(v.length).toBeLessThanOrEqual(250);
  });

  it('names only https URLs the build wrote, including real PNG icons of the stated size', () => {
    const named = all.flatMap((e) =>
      e.attrs.DefaultValue?.startsWith('http') ? [e.attrs.DefaultValue] : [],
    );
    expect(named.length).toBeGreaterThan(10);
    for (const url of named) {
      expect(url.startsWith(`${DEFAULT_ORIGIN}/`), url).toBe(true);
      const file = join(ADDIN_DIR, url.slice(DEFAULT_ORIGIN.length + 1));
      const bytes = readFileSync(file);
      if (file.endsWith('.png')) {
        expect(bytes.subarray(1, 4).toString()).toBe('PNG');
        const size = Number(/-(\d+)\.png$/.exec(file)![1]);
        expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([size, size]);
      }
    }
    for (const [id, size] of [...images].map(([id, url]) => [id, /-(\d+)\.png$/.exec(url)![1]]))
      expect(id.endsWith(`.${size}`), id).toBe(true);
  });
});
