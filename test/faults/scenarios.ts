// The fault matrix's two axes. Providers: each HTTP provider against its mock peer, asked
// for a METER_USAGE whose data takes several requests in one batch, so a fault can land
// mid-way through it. Faults: what a provider (or the network between) does to a client,
// as each provider would do it; `null` where it cannot happen for that provider.
import { findProvider } from '../../shared/providers';
import type { ProviderConfig } from '../../shared/settings';
import { createMock as aiaasMock } from '../providers/aiaas/mock';
import { createMock as bridgeMock } from '../providers/homewizard/mock';
import { MOCK_ACCOUNT, MOCK_API_KEY, createMock as krakenMock } from '../providers/kraken/mock';
import { type Fault, type MockHandler, type MockRequest, json } from '../mocks/mock-http';
import { createMock as octopusMock } from '../providers/octopus/mock';
import { createMock as powershaperMock } from '../providers/powershaper/mock';

/** Virtual time: moved on by latency, pauses and slow answers, never really waited. */
export class VirtualClock {
  constructor(private time: number) {}
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
  set(ms: number): void {
    this.time = ms;
  }
}

export interface ProviderWorld {
  /** The mock peer by origin. */
  routes: Record<string, MockHandler>;
  config: ProviderConfig;
  /** The requests that fetch usage (where faults are injected). */
  isUsage(req: MockRequest): boolean;
  /** The requests that obtain a token, for providers that obtain one. */
  isToken?(req: MockRequest): boolean;
  /** A provider's own way of producing a fault, when it has one (Kraken expiring tokens). */
  native?: Partial<Record<FaultId, (handler: MockHandler, persisting: boolean) => MockHandler>>;
  /** Calls that obtained a token, for the "one token for many cells" checks. */
  tokenMints?: () => number;
}

export interface ProviderScenario {
  provider: string;
  /** Column heading. */
  label: string;
  /** METER_USAGE arguments: a range that takes several requests (or the provider's only one). */
  usageArgs: unknown[];
  /** Usage requests that pass before the fault (1: it lands mid-way through the batch). */
  skip: number;
  world(clock: VirtualClock): ProviderWorld;
}

export const MATRIX_NOW = Date.UTC(2025, 0, 10, 12, 0, 0);

function onHosts(provider: string, handler: MockHandler): Record<string, MockHandler> {
  const p = findProvider(provider);
  if (!p) throw new Error(`test: no provider ${provider}`);
  return Object.fromEntries(p.hosts.map((h) => [`https://${h}`, handler]));
}

const POWERSHAPER_TOKEN = 'PLANTEDpowershaper0123456789abcdef012345';
const OCTOPUS_KEY = 'sk_live_PLANTEDoctopus0123456789';
const AIAAS_SECRET = 'PLANTEDaiaas0123456789abcdef0123';
const BRIDGE_TOKEN = 'PLANTEDbridge0123456789abcdef0123456789abcd';

function operationOf(req: MockRequest): string {
  try {
    return String((JSON.parse(req.body || '{}') as { operationName?: unknown }).operationName);
  } catch {
    return '';
  }
}

export const SCENARIOS: ProviderScenario[] = [
  {
    provider: 'powershaper',
    label: 'PowerShaper',
    // A year of half-hours: four quarter-year requests in one batch.
    usageArgs: ['2024-01-01', '2024-12-31', 'month', 'powershaper'],
    skip: 1,
    world(clock) {
      const mock = powershaperMock({ token: POWERSHAPER_TOKEN, now: clock.now });
      return {
        routes: onHosts('powershaper', mock.handler),
        config: { token: POWERSHAPER_TOKEN },
        isUsage: (req) => /\/meter\/[^/]+\/electricity/.test(req.path),
      };
    },
  },
  {
    provider: 'octopus',
    label: 'Octopus (REST)',
    // Two years: two page-sized shards in one batch.
    usageArgs: ['2023-01-01', '2024-12-31', 'month', 'octopus'],
    skip: 1,
    world(clock) {
      const mock = octopusMock({ apiKey: OCTOPUS_KEY, account: 'A-1B2C3D4E', now: clock.now });
      return {
        routes: onHosts('octopus', mock.handler),
        config: { apiKey: OCTOPUS_KEY, account: 'A-1B2C3D4E' },
        isUsage: (req) => req.path.includes('/consumption/'),
      };
    },
  },
  {
    provider: 'kraken',
    label: 'Kraken (GraphQL)',
    // Two months: four sub-ranges of 960 half-hours in one batch.
    usageArgs: ['2024-11-01', '2024-12-31', 'day', 'kraken'],
    skip: 1,
    world(clock) {
      const mock = krakenMock({ clock: clock.now });
      return {
        routes: onHosts('kraken', mock.handler),
        config: { apiKey: MOCK_API_KEY, account: MOCK_ACCOUNT },
        isUsage: (req) => operationOf(req) === 'krakenMeasurements',
        isToken: (req) => operationOf(req) === 'obtainKrakenToken',
        native: {
          // Kraken's way: HTTP 200 with KT-CT-1120 once the token has expired. The meter
          // list and one sub-range pass; the token expires under the rest of the batch.
          // Persisting: every token, each new one too, has expired by the next sub-range.
          expired: (handler, persisting) => {
            mock.expireTokensAfter(2);
            if (!persisting) return handler;
            let seen = 0;
            return (req) => {
              if (operationOf(req) === 'krakenMeasurements' && seen++ > 0) mock.expireAllTokens();
              return handler(req);
            };
          },
        },
        tokenMints: () => mock.callsTo('obtainKrakenToken').length,
      };
    },
  },
  {
    provider: 'aiaas',
    label: 'aiaas',
    // The API answers named periods only: one request, after a token.
    usageArgs: ['last-week', '', 'day', 'aiaas'],
    skip: 0,
    world(clock) {
      const mock = aiaasMock({ clientSecret: AIAAS_SECRET, clock: clock.now });
      return {
        routes: { 'https://aiaas.test': mock.handler },
        config: {
          clientId: 'meter-sheets-client',
          clientSecret: AIAAS_SECRET,
          accountNumber: '1234567890',
          baseUrl: 'https://aiaas.test/api',
        },
        isUsage: (req) => /\/consumption\/\d+(\?|$)/.test(req.path),
        isToken: (req) => req.path.startsWith('/api/auth/token'),
      };
    },
  },
  {
    provider: 'homewizard',
    label: 'HomeWizard bridge',
    // Past a year: two year-sized requests to the bridge in one batch.
    usageArgs: ['2023-06-01', '2024-12-31', 'month', 'homewizard'],
    skip: 1,
    world() {
      const mock = bridgeMock({ token: BRIDGE_TOKEN });
      return {
        routes: { 'https://bridge.test': mock.handler },
        config: { baseUrl: 'https://bridge.test', token: BRIDGE_TOKEN },
        isUsage: (req) => req.path.startsWith('/v1/usage'),
      };
    },
  },
];

export type FaultId =
  | 'expired'
  | '429-retry-after'
  | '429'
  | 'retry-after-too-long'
  | 'kraken-too-many'
  | '500'
  | '502'
  | '503'
  | 'slow'
  | 'malformed-json'
  | 'html'
  | 'truncated'
  | 'graphql-partial'
  | 'drop'
  | 'token-503'
  | 'token-drop';

export interface FaultSpec {
  id: FaultId;
  /** Row heading in the README. */
  label: string;
  /** The fault as the provider's mock produces it; null where it cannot happen. */
  fault(provider: string): Fault | 'native' | null;
  /** Where it strikes: the usage requests (default) or the token request. */
  target?: 'usage' | 'token';
}

const GRAPHQL = ['kraken'];
/** Providers that obtain a token (the others send a fixed credential with every request). */
const TOKEN_PROVIDERS = ['kraken', 'aiaas'];

/** The first array under `data`, cut to half: what "partial data" looks like to a client. */
function partial(data: unknown): unknown {
  if (Array.isArray(data)) return data.slice(0, Math.floor(data.length / 2));
  if (data && typeof data === 'object') {
    const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
    for (const k of Object.keys(out)) {
      const v = out[k];
      if (v && typeof v === 'object') {
        out[k] = partial(v);
        break;
      }
    }
    return out;
  }
  return data;
}

export const FAULTS: FaultSpec[] = [
  {
    id: 'expired',
    label: '401 / token expired mid-way through a batch',
    fault: (p) =>
      p === 'kraken'
        ? 'native'
        : { kind: 'status', status: 401, body: '{"detail":"Invalid token."}' },
  },
  {
    id: '429-retry-after',
    label: '429 with `Retry-After: 3`',
    fault: () => ({ kind: 'status', status: 429, headers: { 'retry-after': '3' } }),
  },
  { id: '429', label: '429 without `Retry-After`', fault: () => ({ kind: 'status', status: 429 }) },
  {
    id: 'retry-after-too-long',
    label: '429 with `Retry-After: 120` (past the budget)',
    fault: () => ({ kind: 'status', status: 429, headers: { 'retry-after': '120' } }),
  },
  {
    id: 'kraken-too-many',
    label: '`KT-CT-1199` Too many requests (HTTP 200)',
    fault: (p) =>
      GRAPHQL.includes(p)
        ? {
            kind: 'status',
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              data: null,
              errors: [{ message: 'Too many requests.', extensions: { errorCode: 'KT-CT-1199' } }],
            }),
          }
        : null,
  },
  { id: '500', label: '500', fault: () => ({ kind: 'status', status: 500, body: 'oops' }) },
  { id: '502', label: '502', fault: () => ({ kind: 'status', status: 502 }) },
  {
    id: '503',
    label: '503',
    fault: () => ({ kind: 'status', status: 503, body: '{"detail":"maintenance"}' }),
  },
  {
    id: 'slow',
    label: 'an answer slower than the 30 s budget',
    fault: () => ({ kind: 'slow', ms: 45_000 }),
  },
  {
    id: 'malformed-json',
    label: 'malformed JSON (HTTP 200)',
    fault: () => ({ kind: 'malformed-json' }),
  },
  {
    id: 'html',
    label: 'an HTML error page (HTTP 200, as a portal sends)',
    fault: () => ({ kind: 'html', status: 200 }),
  },
  { id: 'truncated', label: 'a truncated answer', fault: () => ({ kind: 'truncated' }) },
  {
    id: 'graphql-partial',
    label: 'GraphQL `errors` next to partial `data`',
    fault: (p) =>
      GRAPHQL.includes(p)
        ? {
            kind: 'rewrite',
            rewrite: (real) => {
              const body = JSON.parse(real.body) as { data?: unknown };
              return json(200, {
                data: partial(body.data),
                errors: [
                  {
                    message: 'An internal error occurred.',
                    path: ['account', 'properties', 0, 'measurements'],
                    extensions: { errorCode: 'KT-CT-7899' },
                  },
                ],
              });
            },
          }
        : null,
  },
  { id: 'drop', label: 'a dropped connection', fault: () => ({ kind: 'drop' }) },
  {
    id: 'token-503',
    label: 'the token request: 503',
    fault: (p) => (TOKEN_PROVIDERS.includes(p) ? { kind: 'status', status: 503 } : null),
    target: 'token',
  },
  {
    id: 'token-drop',
    label: 'the token request: a dropped connection',
    fault: (p) => (TOKEN_PROVIDERS.includes(p) ? { kind: 'drop' } : null),
    target: 'token',
  },
];
