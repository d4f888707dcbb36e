// The PowerShaper and Octopus providers run where Apps Script runs: bundled like the core
// and executed in a bare V8 context, with only the HTTP exchange supplied from outside.
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../../shared/http';
import type { Settings } from '../../shared/settings';
import { ROOT } from '../helpers/cli';
import { call } from '../helpers/rest-core-entry';
import { type MockHandler, fromHttpRequest } from '../mocks/mock-http';
import * as octopus from '../mocks/octopus';
import * as powershaper from '../mocks/powershaper';

const NOW = Date.UTC(2025, 0, 10, 12);

describe('the REST providers are platform-free', () => {
  it('give the same tables in a context with no host APIs as in Node', async () => {
    const out = await esbuild.build({
      entryPoints: [join(ROOT, 'test/helpers/rest-core-entry.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'core',
      target: 'es2019',
      platform: 'neutral',
    });
    const context = vm.createContext({});
    for (const name of ['URL', 'URLSearchParams', 'fetch', 'atob', 'btoa', 'TextEncoder'])
      expect(vm.runInContext(`typeof ${name}`, context)).toBe('undefined');
    vm.runInContext(out.outputFiles[0].text, context);
    const ps = powershaper.createMock({ now: () => NOW });
    const oe = octopus.createMock({ now: () => NOW });
    const routes: Record<string, MockHandler> = {
      'https://app.powershaper.io': ps.handler,
      'https://api.octopus.energy': oe.handler,
    };
    // Only JSON crosses into the context, the way UrlFetchApp hands over strings.
    const fetchAll = (json: string): string =>
      JSON.stringify(
        (JSON.parse(json) as HttpRequest[]).map(
          (r) => routes[new URL(r.url).origin](fromHttpRequest(r)) as HttpResponse,
        ),
      );
    context.hostFetchAll = fetchAll;
    const settings: Settings = {
      providers: {
        powershaper: { token: ps.token },
        octopus: { apiKey: oe.apiKey, account: oe.account },
      },
    };
    const cases: [string, unknown[]][] = [
      ['USAGE', ['2024-03-31', '2024-03-31', 'none', 'powershaper']],
      [
        'USAGE',
        ['2024-01', '2024-12', 'month', `octopus:${octopus.GAS_MPRN}:${octopus.GAS_SERIAL}`],
      ],
      ['METERS', []],
    ];
    for (const [id, args] of cases) {
      const inVm = JSON.parse(
        vm.runInContext(
          `JSON.stringify(core.call(${JSON.stringify(id)}, ${JSON.stringify(args)}, ${NOW}, ` +
            `${JSON.stringify(settings)}, (rs) => JSON.parse(hostFetchAll(JSON.stringify(rs)))))`,
          context,
        ),
      );
      const inNode = call(id, args, NOW, settings, (rs) =>
        JSON.parse(fetchAll(JSON.stringify(rs))),
      );
      expect(inVm).toEqual(inNode);
      expect((inVm as unknown[]).length).toBeGreaterThan(4);
    }
  });
});
