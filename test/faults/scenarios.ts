// The fault matrix's two axes. Providers: each HTTP provider against its mock peer, asked
// for a METER_USAGE whose data takes several requests in one batch, so a fault can land
// mid-way through it. Faults: what a provider (or the network between) does to a client,
// as each provider would do it; `null` where it cannot happen for that provider.
import { findProvider } from '../../shared/providers';
import type { ProviderConfig } from '../../shared/settings';
import { type Fault, type MockHandler, type MockRequest, json } from '../mocks/mock-http';
import type { ProviderCase } from '../providers/case';
import { PROVIDER_TEST_CASES } from '../providers/cases';

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

/** The mock on the host of the configured base URL, or else on every host the provider lists. */
function routesFor(c: ProviderCase, handler: MockHandler): Record<string, MockHandler> {
  const base =
    typeof c.config.baseUrl === 'string' ? /^https:\/\/[^/]+/.exec(c.config.baseUrl) : null;
  if (base) return { [base[0]]: handler };
  const p = findProvider(c.provider);
  if (!p) throw new Error(`test: no provider ${c.provider}`);
  return Object.fromEntries(p.hosts.map((h) => [`https://${h}`, handler]));
}

/** A column per provider's test case (test/providers/<id>/case.ts). */
export const SCENARIOS: ProviderScenario[] = PROVIDER_TEST_CASES.map((c) => ({
  provider: c.provider,
  label: c.label,
  usageArgs: c.matrix.usageArgs,
  skip: c.matrix.skip,
  world(clock) {
    const mock = c.mock(clock.now);
    const expired = c.matrix.native?.expired;
    return {
      routes: routesFor(c, mock.handler),
      config: c.config,
      isUsage: c.matrix.isUsage,
      isToken: c.matrix.isToken,
      native: expired && {
        expired: (handler, persisting) => expired(mock, handler, persisting),
      },
      tokenMints: c.matrix.tokenMints && (() => c.matrix.tokenMints?.(mock) ?? 0),
    };
  },
}));

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

const GRAPHQL = PROVIDER_TEST_CASES.filter((c) => c.matrix.graphql).map((c) => c.provider);
/** Providers that obtain a token (the others send a fixed credential with every request). */
const TOKEN_PROVIDERS = PROVIDER_TEST_CASES.filter((c) => c.matrix.isToken).map((c) => c.provider);
/** Providers whose mock expires a token its own way. */
const NATIVE_EXPIRY = PROVIDER_TEST_CASES.filter((c) => c.matrix.native?.expired).map(
  (c) => c.provider,
);

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
      NATIVE_EXPIRY.includes(p)
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
