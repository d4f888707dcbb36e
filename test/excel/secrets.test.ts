// Planted secrets through the BUILT Excel functions bundle, every provider against its mock
// served on 127.0.0.1 and turned careless (test/mocks/echo.ts: error answers quote the
// Authorization header, the body and its base64 back). Refused credentials, then accepted
// ones: no form of any secret — configured, or issued by the peer (JWTs, refresh and access
// tokens) — is in a cell, a CustomFunctions.Error message, a streamed value, the task
// pane's data (masked settings view, tables, described errors), a console line or a
// storage key. Also the ribbon commands' console output when a command fails.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { associateCommands } from '../../excel-addin/commands/commands';
import { FUNCTIONS } from '../../shared/functions/catalog';
import { findProvider, PROVIDERS } from '../../shared/providers';
import { serveEchoing } from '../mocks/echo';
import { planted } from '../gas/provider-cases';
import { leaks } from '../secrets/leaks';
import { ExcelError, loadFunctionsBundle } from './harness';
import { MOCK_CASES, createMockFor } from './provider-mocks';

let consoleLines: string[] = [];
beforeEach(() => {
  consoleLines = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      consoleLines.push(
        args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '),
      );
    });
});
afterEach(() => vi.restoreAllMocks());

/** The settings with every secret field replaced by a planted one the mock refuses. */
function refusedSettings(provider: string, settings: Record<string, string | number | boolean>) {
  const fields = findProvider(provider, PROVIDERS)?.fields ?? [];
  return Object.fromEntries(
    Object.entries(settings).map(([k, v]) => {
      const f = fields.find((x) => x.key === k);
      if (f?.kind !== 'secret') return [k, v];
      // aiaas's secret travels form-encoded: give it characters that encoding changes.
      if (provider === 'aiaas') return [k, `${planted('excelaiaas', 24)} +/=&%:?`];
      return [k, planted(`excel${provider}`, String(v).length)];
    }),
  );
}

function secretsOf(provider: string, ...configs: Record<string, unknown>[]): string[] {
  const fields = findProvider(provider, PROVIDERS)?.fields ?? [];
  return configs.flatMap((cfg) =>
    fields
      .filter((f) => f.kind === 'secret' && typeof cfg[f.key] === 'string')
      .map((f) => String(cfg[f.key])),
  );
}

const ARGS: Record<string, (day: string, provider: string) => unknown[]> = {
  USAGE: (day, p) => [day, day, 'day', p],
  COMPARE: (day, p) => [day, p],
  METERS: () => [],
  NOW: (_, p) => [p],
  APPLIANCES: (_, p) => [p],
  INSIGHT: (_, p) => [p],
  // The grid, not the provider: the demo grid keeps it offline.
  CARBON: (day) => [day, null, 'day', 'demo'],
  COST: (day, p) => [day, day, 'day', 'demo-flat', p],
  TARIFF_COMPARE: (day, p) => [day, day, 'demo-flat, demo-tou', null, p],
  RATES: (day) => ['demo-two-rate', day],
  TARIFFS: () => ['demo'],
};

describe('Excel: no secret anywhere a user or a log can see, even from a peer that echoes', () => {
  it('covers every function of the table', () => {
    expect(FUNCTIONS.map((f) => f.id).filter((id) => !ARGS[id])).toEqual([]);
  });

  for (const c of MOCK_CASES)
    it(c.provider, async () => {
      const mock = await createMockFor(c);
      const { echo, issued, server } = await serveEchoing(mock.handler);
      try {
        const loaded = loadFunctionsBundle();
        const host = loaded.api.host();
        const accepted = c.settings(server.origin + (mock.basePath ?? ''));
        const refused = refusedSettings(c.provider, accepted);
        const shown: unknown[] = [];

        async function useEverything() {
          for (const f of FUNCTIONS) {
            const args = ARGS[f.id](c.day, c.provider);
            if (f.id === 'NOW') {
              const cell = loaded.stream('NOW', ...args);
              await expect.poll(() => cell.results.length).toBeGreaterThan(0);
              shown.push(cell.results);
              cell.cancel();
              continue;
            }
            try {
              shown.push(await loaded.call(f.id, ...args));
            } catch (e) {
              if (!(e instanceof ExcelError)) throw e;
              shown.push({ code: e.code, message: e.message });
            }
            // What the task pane shows: the table, or the described error.
            try {
              shown.push(await host.table(f.id, args));
            } catch (e) {
              shown.push(await host.describeError(e));
            }
          }
          shown.push(await host.settings.view());
        }

        await host.settings.save({ providers: { [c.provider]: refused } });
        await host.refresh();
        await useEverything();
        expect(JSON.stringify(shown)).toMatch(/refused|check|token|credentials/i);
        expect(echo.echoes).toBeGreaterThan(0);

        await host.settings.save({ providers: { [c.provider]: accepted } });
        await host.refresh();
        const before = shown.length;
        await useEverything();
        const meters = shown[before + 2 * FUNCTIONS.findIndex((f) => f.id === 'METERS')];
        expect(Array.isArray(meters) && meters.length > 1).toBe(true);

        const secrets = [...secretsOf(c.provider, accepted, refused), ...issued];
        expect(
          leaks(
            {
              shown: shown.map((x) => JSON.stringify(x)),
              console: consoleLines,
              storageKeys: await loaded.storage.getKeys(),
              memoryCacheKeys: [
                ...(
                  host.cache.memory as unknown as { entries: Map<string, unknown> }
                ).entries.keys(),
              ],
            },
            secrets,
          ),
        ).toEqual([]);
        // The secrets did go to the peer: the checks look where it matters.
        const sent = server.requests.map((r) => `${JSON.stringify(r.headers)} ${r.body}`);
        expect(leaks({ sent }, secretsOf(c.provider, accepted)).length).toBeGreaterThan(0);
      } finally {
        await server.close();
      }
    });
});

describe('Excel settings: a base URL with a password in it', () => {
  it('is refused naming the field, and nothing is saved', async () => {
    const loaded = loadFunctionsBundle();
    const password = planted('exceluserinfo', 24);
    const error = await loaded.api
      .host()
      .settings.save({
        providers: { octopus: { baseUrl: `https://me:${password}@api.octopus.energy/v1` } },
      })
      .then(
        () => null,
        (e: Error) => e.message,
      );
    expect(error).toBe(
      'settings.providers.octopus.baseUrl: expected a URL without a user name or password in it (https://host/path); put credentials in their own fields',
    );
    expect(await loaded.storage.getKeys()).toEqual([]);
    expect(leaks({ console: consoleLines }, [password])).toEqual([]);
  });
});

describe('Excel ribbon commands', () => {
  it('log a failure with the redacted message only, never the raw error', async () => {
    const secret = planted('ribbon', 40);
    const loaded = loadFunctionsBundle();
    await loaded.api.host().settings.save({ providers: { powershaper: { token: secret } } });
    const handlers = new Map<string, (event: { completed(): void }) => Promise<void>>();
    const g = globalThis as Record<string, unknown>;
    const saved = { Excel: g.Excel, Office: g.Office };
    // Excel fails the recalculation with a message quoting the credential, as a failed
    // request's error can.
    g.Excel = {
      CalculationType: { full: 'Full' },
      run: async () => {
        const e = new Error(`request to https://app.powershaper.io failed: Token ${secret}`);
        (e as { response?: unknown }).response = { headers: { Authorization: `Token ${secret}` } };
        throw e;
      },
    };
    try {
      associateCommands({
        actions: { associate: (name: string, fn: never) => handlers.set(name, fn) },
      } as unknown as typeof Office);
      let completed = false;
      await handlers.get('meterRefresh')!({ completed: () => (completed = true) });
      expect(completed).toBe(true);
      expect(consoleLines).toHaveLength(1);
      expect(consoleLines[0]).toMatch(/^meter-sheets: Refresh failed: .*\[redacted\]/);
      expect(leaks({ console: consoleLines }, [secret])).toEqual([]);
    } finally {
      g.Excel = saved.Excel;
      g.Office = saved.Office;
    }
  });
});
