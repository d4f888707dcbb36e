// Planted secrets through the BUILT Sheets add-on, for every real provider against its
// mock turned careless (test/mocks/echo.ts: error answers quote the Authorization header,
// the body and its base64 back): with refused credentials, then accepted ones, every
// custom function, Import usage…, Compare profiles…, Compare tariffs… and the Settings sidebar run, and no
// form of any secret — planted, or issued by the peer (JWTs, refresh and access tokens) —
// shows in a cell, a thrown message, a sheet, a toast, a panel, a log line or a cache key.
// (The test providers' version of this is in menus.test.ts.)
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/functions/catalog';
import { sheetsName } from '../../shared/functions/spec';
import { echoing, recordingIssued } from '../mocks/echo';
import { MOCK_ACCOUNT, MOCK_API_KEY, MOCK_EMAIL } from '../providers/kraken/mock/customer';
import { json } from '../mocks/mock-http';
import { leaks } from '../secrets/leaks';
import { AddOnError, type Sheets, sheets } from './harness';
import { PROVIDER_CASES, type ProviderCase, planted, plantedSecrets } from './provider-cases';

function attempt(fn: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: fn() };
  } catch (e) {
    if (e instanceof AddOnError) return { error: e.message };
    throw e;
  }
}

/** A secret with characters that change when URL-encoded or JSON-quoted… but not JSON. */
const SPECIAL = (tag: string) => `${planted(tag, 24)} +/=&%:?`;

/** Every place a user, an editor or a log reader could see. */
function everythingShown(s: Sheets, outcomes: unknown[]): Record<string, string[]> {
  const w = s.world;
  return {
    outcomes: outcomes.map((o) => JSON.stringify(o)),
    sheets: w.spreadsheet.sheets.map((sh) => JSON.stringify(sh.grid())),
    toasts: w.spreadsheet.toasts,
    panels: w.panels.map((p) => p.html.getContent()),
    logs: w.logs,
    cacheKeys: [...w.userCaches.values()].flatMap((c) => [...c.keysWritten]),
  };
}

/** Every custom function with the provider as its meter, then the menu paths. */
function useEverything(s: Sheets, provider: string): unknown[] {
  const out: unknown[] = [];
  for (const spec of FUNCTIONS) {
    const name = sheetsName(spec);
    const at = spec.params.findIndex((p) => p.name === 'meter');
    const args: unknown[] =
      // COST with no tariff: an Octopus or Kraken meter's account tariffs, asked with the token.
      spec.id === 'USAGE' || spec.id === 'COST'
        ? ['2024-12-01', '2024-12-02', 'day']
        : spec.id === 'COMPARE'
          ? [[['2024-12-01'], ['2024-12-02']]]
          : [];
    if (at >= 0) {
      while (args.length < at) args.push(undefined);
      args[at] = provider;
    }
    out.push(attempt(() => s.cell(name, ...args)));
  }
  s.menu('meterShowImport');
  const imp = s.panelState('dialog') as { nonce: string; calls: Record<string, string> };
  out.push(attempt(() => s.menu(imp.calls.listMeters, imp.nonce)));
  out.push(
    attempt(() =>
      s.menu(imp.calls.importUsage, imp.nonce, {
        meter: provider,
        start: '2024-12-01',
        end: '2024-12-03',
        aggregate: 'day',
      }),
    ),
  );
  s.menu('meterShowCompare');
  const cmp = s.panelState('dialog') as { nonce: string; calls: Record<string, string> };
  out.push(
    attempt(() =>
      s.menu(cmp.calls.compareProfiles, cmp.nonce, {
        meter: provider,
        periods: ['2024-12-01', '2024-12-02'],
      }),
    ),
  );
  s.menu('meterShowCompareTariffs');
  const trf = s.panelState('dialog') as { nonce: string; calls: Record<string, string> };
  out.push(
    attempt(() =>
      s.menu(trf.calls.compareTariffs, trf.nonce, {
        meter: provider,
        start: '2024-12-01',
        end: '2024-12-03',
        tariffs: 'demo-flat, demo-two-rate',
      }),
    ),
  );
  s.menu('meterShowSettings');
  out.push(s.panelState('sidebar'));
  return out;
}

/** The real providers (the test providers' turn is in menus.test.ts), and variants. */
const CASES: ProviderCase[] = [
  ...PROVIDER_CASES.filter((c) => !c.provider.startsWith('fake')),
  // Email and password travel inside GraphQL variables; a wrong password with characters
  // that URL-encoding changes.
  {
    ...PROVIDER_CASES.find((c) => c.provider === 'kraken')!,
    config: {
      account: MOCK_ACCOUNT,
      email: MOCK_EMAIL,
      password: 'correct-horse-battery-staple-42',
    },
    refused: { account: MOCK_ACCOUNT, email: MOCK_EMAIL, password: SPECIAL('krakenpw') },
  },
];
// aiaas's client secret goes in a form body: URL-encoded on the wire.
const aiaas = CASES.find((c) => c.provider === 'aiaas')!;
CASES[CASES.indexOf(aiaas)] = {
  ...aiaas,
  refused: { ...aiaas.refused, clientSecret: SPECIAL('aiaasform') },
};

describe('Sheets: no secret anywhere a user or a log can see, even from a peer that echoes', () => {
  for (const c of CASES)
    it(`${c.provider} (${Object.keys(c.config).join(', ')})`, async () => {
      const echo = Object.fromEntries(
        Object.entries(await c.routes()).map(([o, h]) => [o, echoing(h)]),
      );
      const { routes, issued } = recordingIssued(echo);
      const s = await sheets({ preload: c.preload, routes });

      s.saveSettings({ providers: { [c.provider]: c.refused }, allowFormulas: true });
      const refused = useEverything(s, c.provider);
      // The refusal is explained, and the peer did quote the request back.
      expect(JSON.stringify(refused)).toMatch(/refused|check|token|credentials/i);
      const echoes = Object.values(echo).reduce(
        (n, h) => n + (h as unknown as { echoes: number }).echoes,
        0,
      );
      expect(echoes).toBeGreaterThan(0);

      s.saveSettings({ providers: { [c.provider]: c.config }, allowFormulas: true });
      const accepted = useEverything(s, c.provider);
      const meters = accepted[FUNCTIONS.findIndex((f) => f.id === 'METERS')] as {
        value?: unknown[][];
      };
      expect(meters.value?.length).toBeGreaterThan(1);

      const secrets = [...plantedSecrets(c), ...issued];
      expect(leaks(everythingShown(s, [...refused, ...accepted]), secrets)).toEqual([]);
      // The checks look at what matters: the secrets did go to the peer.
      const sent = s.world.requests.map((r) => `${JSON.stringify(r.headers)} ${r.body ?? ''}`);
      expect(leaks({ sent }, plantedSecrets(c)).length).toBeGreaterThan(0);
    });
});

describe('Kraken: a GraphQL error of a code the add-on does not know, quoting the token and key', () => {
  it('shows the code and a summary with neither', async () => {
    const c = PROVIDER_CASES.find((x) => x.provider === 'kraken')!;
    const routes = await c.routes();
    const { routes: recorded, issued } = recordingIssued(
      Object.fromEntries(
        Object.entries(routes).map(([origin, handler]) => [
          origin,
          (req: Parameters<typeof handler>[0]) => {
            const token = req.headers.authorization;
            if (!token || req.body.includes('obtainKrakenToken')) return handler(req);
            // Partial data alongside an error that quotes the JWT, the key and the JWT's
            // payload on its own (base64url, as a JWT carries it).
            return json(200, {
              data: { account: null },
              errors: [
                {
                  message: `Token ${token} (payload ${token.split('.')[1]}) not valid for key ${MOCK_API_KEY}`,
                  path: ['account'],
                  extensions: { errorCode: 'KT-CT-4321', errorType: 'VALIDATION' },
                },
              ],
            });
          },
        ]),
      ),
    );
    const s = await sheets({ preload: c.preload, routes: recorded });
    s.saveSettings({ providers: { kraken: c.config }, allowFormulas: true });
    const message = s.cellError('METER_METERS');
    expect(message).toMatch(/^Kraken answered .* with error KT-CT-4321: /);
    expect(issued.size).toBeGreaterThan(0);
    expect(
      leaks(everythingShown(s, [message]), [...plantedSecrets(c), MOCK_API_KEY, ...issued]),
    ).toEqual([]);
  });
});

describe('Settings: a base URL with a password in it', () => {
  it('is refused naming the field, and the password shows nowhere', async () => {
    const c = PROVIDER_CASES.find((x) => x.provider === 'homewizard')!;
    const s = await sheets({ preload: c.preload, routes: await c.routes() });
    const password = planted('userinfo', 24);
    const message = attempt(() =>
      s.saveSettings({
        providers: { homewizard: { ...c.config, baseUrl: `https://me:${password}@bridge.test` } },
      }),
    ).error;
    expect(message).toBe(
      'HomeWizard (local bridge) ▸ Bridge URL: expected a URL without a user name or password in it (https://host/path); put credentials in their own fields',
    );
    expect(s.world.props().getProperty('meter-sheets.settings')).toBeNull();
    expect(leaks(everythingShown(s, [message]), [password, ...plantedSecrets(c)])).toEqual([]);
  });
});
