// shared/ must run where Apps Script runs: no URL, URLSearchParams, TextEncoder, atob/btoa,
// fetch, setTimeout, process or require, and class syntax lowered. Bundle it the way the
// Apps Script build does and run it in a bare V8 context that has only ECMAScript (and Intl).
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/core-entry';
import { ROOT } from '../helpers/cli';
import { NOT_IN_APPS_SCRIPT } from '../gas/harness';

// The same list the Apps Script harness enforces: what Apps Script V8 does not have.
const HOST_APIS = NOT_IN_APPS_SCRIPT;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('the core is platform-free', () => {
  it('runs METER_USAGE and METER_COMPARE in a context with no host APIs', async () => {
    const out = await esbuild.build({
      entryPoints: [join(ROOT, 'test/helpers/core-entry.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'core',
      target: 'es2019',
      platform: 'neutral',
    });
    const code = out.outputFiles[0].text;
    const context = vm.createContext({});
    for (const name of HOST_APIS)
      expect(vm.runInContext(`typeof ${name}`, context)).toBe('undefined');
    vm.runInContext(code, context);
    const now = Date.UTC(2025, 0, 1);
    const inVm = (id: string, args: unknown[]) =>
      JSON.parse(
        vm.runInContext(
          `JSON.stringify(core.call(${JSON.stringify(id)}, ${JSON.stringify(args)}, ${now}))`,
          context,
        ),
      );
    const args = ['2024-01', '2024-01', 'profile'];
    expect(inVm('USAGE', args)).toEqual(call('USAGE', args, now));
    expect(inVm('COMPARE', ['2024-01, 2024-07'])).toEqual(
      call('COMPARE', ['2024-01, 2024-07'], now),
    );
    expect(inVm('USAGE', ['2024-10-27', '2024-10-27'])).toHaveLength(51);
  });

  it('no file in shared/ imports Node or reaches for a host global', () => {
    for (const file of filesUnder(join(ROOT, 'shared'))) {
      const text = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      expect(text, file).not.toMatch(/from ['"](node:|fs|path|http|https|os)['"]/);
      expect(text, file).not.toMatch(
        /\b(UrlFetchApp|OfficeRuntime|Excel\.run|URLSearchParams|TextEncoder|setTimeout\(|fetch\(|new URL\(|atob\(|btoa\()/,
      );
    }
  });
});
