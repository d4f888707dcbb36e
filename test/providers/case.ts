// What a provider's test side declares once (test/providers/<id>/case.ts), for every
// harness to pick up from test/providers/cases.ts: the Sheets and Excel host tests, the
// CLI and leak tests, the fault matrix and the fuzzers.
import type { ProviderConfig } from '../../shared/settings';
import type { MockHandler, MockRequest } from '../mocks/mock-http';

/** A provider mock: an HTTP peer with its own state (see test/mocks/mock-http.ts). */
export interface MockPeer {
  handler: MockHandler;
  /** The path the API lives under on the mock's origin (for a base URL setting). */
  basePath?: string;
}

/** How a provider's mock can break a request the provider's own way (fault matrix). */
export type NativeFault<M> = (mock: M, handler: MockHandler, persisting: boolean) => MockHandler;

export interface ProviderCase<M extends MockPeer = MockPeer> {
  /** The provider id (as in PROVIDERS and in formulas' meter argument). */
  provider: string;
  /** Its name as a column heading (the fault matrix). */
  label: string;
  /** A fresh mock peer that accepts `config`; `clock` is its "now" (virtual in the matrix). */
  mock(clock?: () => number): M;
  /**
   * A settings section the mock accepts, every secret planted (see `planted`) so that leak
   * tests can look for it. A provider whose user gives a base URL includes one on a made-up
   * https host; hosts that serve the mock on 127.0.0.1 replace it.
   */
  config: ProviderConfig;
  /** Modules a Sheets test build preloads for this provider (e.g. to whitelist a test host). */
  preload?: string[];
  /** A local day the mock has data for (or a named period the API answers). */
  day: string;
  /** The fault matrix's view of the provider. */
  matrix: {
    /** METER_USAGE arguments: a range that takes several requests (or the provider's only one). */
    usageArgs: unknown[];
    /** Usage requests that pass before the fault (1: it lands mid-way through the batch). */
    skip: number;
    /** The requests that fetch usage (where faults are injected). */
    isUsage(req: MockRequest): boolean;
    /** The requests that obtain a token, for providers that obtain one. */
    isToken?(req: MockRequest): boolean;
    /** Speaks GraphQL (errors inside HTTP 200 can happen). */
    graphql?: boolean;
    /** The provider's own way of producing a fault, when it has one (Kraken expiring tokens). */
    native?: { expired?: NativeFault<M> };
    /** Calls that obtained a token, for the "one token for many cells" checks. */
    tokenMints?(mock: M): number;
  };
}

/** Declares a case with its own mock type; the list holds them all as plain ProviderCases. */
export function defineCase<M extends MockPeer>(c: ProviderCase<M>): ProviderCase {
  return c as unknown as ProviderCase;
}

/** A recognisable credential for leak checks: `PLANTED…` padded with hex to `length`. */
export function planted(tag: string, length = 32): string {
  let s = `PLANTED${tag.replace(/[^A-Za-z0-9]/g, '')}`;
  for (let i = 0; s.length < length; i++) s += ((i * 7 + tag.length) % 16).toString(16);
  return s.slice(0, length);
}
