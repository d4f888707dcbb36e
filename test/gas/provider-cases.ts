// The HTTP providers the Sheets tests run every custom function against, each through its
// mock peer: the test-only providers below, and every provider's test/providers/<id>/case.ts
// (from test/providers/cases.ts), served on the hosts Apps Script would fetch.
import { type Provider, PROVIDERS, findProvider } from '../../shared/providers';
import type { ProviderConfig } from '../../shared/settings';
import { FAKE_CLIENT_ID } from '../helpers/fake-data';
import { fakeProvider } from '../helpers/fake-provider';
import { createMock as fakeMock } from '../helpers/fake-provider-mock';
import { fakeTokenProvider } from '../helpers/fake-token-provider';
import { createMock as tokenMock } from '../helpers/fake-token-mock';
import type { MockHandler } from '../mocks/mock-http';
import { type ProviderCase as TestCase, planted } from '../providers/case';
import { PROVIDER_TEST_CASES } from '../providers/cases';
import { TEST_PROVIDERS_PRELOAD } from './harness';

export { planted };

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

/** The same credentials with every secret replaced by a planted one the mock refuses. */
function refusedConfig(provider: string, config: ProviderConfig): ProviderConfig {
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => {
      const field = findProvider(provider)?.fields.find((f) => f.key === k);
      return [k, field?.kind === 'secret' ? planted(`${provider}x`, String(v).length) : v];
    }),
  );
}

/**
 * A provider's test case as Sheets meets it: its mock on the host of the configured base
 * URL, or else on every host the provider lists.
 */
export function sheetsCase(c: TestCase): ProviderCase {
  return {
    provider: c.provider,
    preload: c.preload,
    config: c.config,
    refused: refusedConfig(c.provider, c.config),
    async routes() {
      const { handler } = c.mock();
      const base =
        typeof c.config.baseUrl === 'string' ? /^https:\/\/[^/]+/.exec(c.config.baseUrl) : null;
      if (base) return { [base[0]]: handler };
      const p = findProvider(c.provider, PROVIDERS);
      if (!p) throw new Error(`test: no provider ${c.provider} in PROVIDERS`);
      return Object.fromEntries(p.hosts.map((h) => [`https://${h}`, handler]));
    },
  };
}

const FAKE_SECRET = planted('fake', 30);
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
  ...PROVIDER_TEST_CASES.map(sheetsCase),
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
