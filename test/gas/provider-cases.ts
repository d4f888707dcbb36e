// The HTTP providers the Sheets tests run every custom function against, each through its
// mock peer. A provider mock added later (test/mocks/<name>.ts, convention in the brief)
// joins with ONE line in PROVIDER_CASES, e.g.
//   mockCase('powershaper', { token: planted('powershaper', 40) }, { token: planted('powershaper', 40) }),
// where the config is the provider's settings section the mock accepts (secrets planted,
// so the leak tests can look for them) and the last argument the mock's createMock options.
import { type Provider, PROVIDERS, findProvider } from '../../shared/providers';
import type { ProviderConfig } from '../../shared/settings';
import { FAKE_CLIENT_ID } from '../helpers/fake-data';
import { fakeProvider } from '../helpers/fake-provider';
import { createMock as fakeMock } from '../helpers/fake-provider-mock';
import { fakeTokenProvider } from '../helpers/fake-token-provider';
import { createMock as tokenMock } from '../helpers/fake-token-mock';
import { MOCK_ACCOUNT, MOCK_API_KEY } from '../providers/kraken/mock/fixtures';
import type { MockHandler } from '../mocks/mock-http';
import { mockModule } from '../providers/mocks';
import { TEST_PROVIDERS_PRELOAD } from './harness';

export interface ProviderCase {
  /** The provider id (as in PROVIDERS and in formulas' meter argument). */
  provider: string;
  /** Modules that add the provider to a test build (test-only providers). */
  preload?: string[];
  /** The same providers for the core's reference run in Node. */
  extraProviders?: Provider[];
  /** A fresh mock peer, by origin (https://host). */
  routes(): Promise<Record<string, MockHandler>>;
  /** A settings section the mock accepts. */
  config: ProviderConfig;
  /** The same with a credential the mock refuses (also planted). */
  refused: ProviderConfig;
}

/** A recognisable credential for leak checks: `PLANTED…` padded with hex to `length`. */
export function planted(tag: string, length = 32): string {
  let s = `PLANTED${tag.replace(/[^A-Za-z0-9]/g, '')}`;
  for (let i = 0; s.length < length; i++) s += ((i * 7 + tag.length) % 16).toString(16);
  return s.slice(0, length);
}

/** A provider mock from test/mocks/<name>.ts, answering on every host the provider lists. */
export function mockCase(
  provider: string,
  config: ProviderConfig,
  options?: unknown,
  refused?: ProviderConfig,
): ProviderCase {
  return {
    provider,
    config,
    refused:
      refused ??
      Object.fromEntries(
        Object.entries(config).map(([k, v]) => {
          const field = findProvider(provider)?.fields.find((f) => f.key === k);
          return [k, field?.kind === 'secret' ? planted(`${provider}x`, String(v).length) : v];
        }),
      ),
    async routes() {
      const mod = await mockModule(provider);
      const { handler } = mod.createMock(options);
      const p = findProvider(provider, PROVIDERS);
      if (!p) throw new Error(`test: no provider ${provider} in PROVIDERS`);
      return Object.fromEntries(p.hosts.map((h) => [`https://${h}`, handler]));
    },
  };
}

const FAKE_SECRET = planted('fake', 30);
const POWERSHAPER_TOKEN = planted('powershaper', 40);
const OCTOPUS_KEY = planted('octopus', 32);
const AIAAS_SECRET = planted('aiaas', 32);
const BRIDGE_SECRET = planted('bridge', 43);
const AIAAS_CONFIG: ProviderConfig = {
  clientId: 'meter-sheets-client',
  clientSecret: AIAAS_SECRET,
  accountNumber: '1234567890',
  baseUrl: 'https://aiaas.test/api',
};
const TOKEN_SECRET = planted('faketoken', 40);

export const PROVIDER_CASES: ProviderCase[] = [
  {
    provider: 'fake',
    preload: TEST_PROVIDERS_PRELOAD,
    extraProviders: [fakeProvider, fakeTokenProvider],
    routes: async () => ({ 'https://fake.test': fakeMock({ token: FAKE_SECRET }).handler }),
    config: { token: FAKE_SECRET },
    refused: { token: planted('fakewrong', 30) },
  },
  {
    provider: 'faketoken',
    preload: TEST_PROVIDERS_PRELOAD,
    extraProviders: [fakeProvider, fakeTokenProvider],
    routes: async () => ({
      'https://token.fake.test': tokenMock({ clientSecret: TOKEN_SECRET }).handler,
    }),
    config: { clientId: FAKE_CLIENT_ID, clientSecret: TOKEN_SECRET },
    refused: { clientId: FAKE_CLIENT_ID, clientSecret: planted('faketokenwrong', 40) },
  },
  // Provider mocks, one line each (see the top of this file).
  mockCase('powershaper', { token: POWERSHAPER_TOKEN }, { token: POWERSHAPER_TOKEN }),
  mockCase(
    'octopus',
    { apiKey: OCTOPUS_KEY, account: 'A-1B2C3D4E' },
    { apiKey: OCTOPUS_KEY, account: 'A-1B2C3D4E' },
  ),
  // The mock knows one fixed key; it doubles as the planted secret.
  mockCase('kraken', { apiKey: MOCK_API_KEY, account: MOCK_ACCOUNT }),
  {
    // No public host: the user's base URL, whitelisted in appsscript.json as README says.
    provider: 'aiaas',
    preload: ['test/providers/aiaas/test-host.ts'],
    routes: async () => ({
      'https://aiaas.test': (await import('../providers/aiaas/mock')).createMock({
        clientSecret: AIAAS_SECRET,
      }).handler,
    }),
    config: AIAAS_CONFIG,
    refused: { ...AIAAS_CONFIG, clientSecret: planted('aiaaswrong', 32) },
  },
  {
    // The advanced route README describes: the bridge reachable over HTTPS at a public
    // name (a home address is refused before any request; see functions.test.ts).
    provider: 'homewizard',
    preload: ['test/providers/homewizard/test-host.ts'],
    routes: async () => ({
      'https://bridge.test': (await import('../providers/homewizard/mock')).createMock({
        token: BRIDGE_SECRET,
      }).handler,
    }),
    config: { baseUrl: 'https://bridge.test', token: BRIDGE_SECRET },
    refused: { baseUrl: 'https://bridge.test', token: planted('bridgewrong', 43) },
  },
];

/** Every planted credential in a case, for leak checks. */
export function plantedSecrets(c: ProviderCase): string[] {
  const p = findProvider(c.provider, [...PROVIDERS, ...(c.extraProviders ?? [])]);
  const secretKeys = new Set(
    (p?.fields ?? []).filter((f) => f.kind === 'secret').map((f) => f.key),
  );
  return [c.config, c.refused].flatMap((cfg) =>
    Object.entries(cfg)
      .filter(([k, v]) => secretKeys.has(k) && typeof v === 'string')
      .map(([, v]) => String(v)),
  );
}
