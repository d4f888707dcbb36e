// Provider mocks the Excel harness (and the CLI's leak test) runs against, served on
// 127.0.0.1: one per provider's test case (test/providers/<id>/case.ts), its base URL
// pointed at the served mock.
import type { MockHandler } from '../mocks/mock-http';
import type { ProviderCase } from '../providers/case';
import { PROVIDER_TEST_CASES } from '../providers/cases';

export interface MockCase {
  provider: string;
  /** A local day with data in the mock. */
  day: string;
  /** The provider's settings section, pointed at the mock (`origin + basePath`). */
  settings(baseUrl: string): Record<string, string | number | boolean>;
  case: ProviderCase;
}

export const MOCK_CASES: MockCase[] = PROVIDER_TEST_CASES.map((c) => ({
  provider: c.provider,
  day: c.day,
  settings: (baseUrl) => ({ ...c.config, baseUrl }),
  case: c,
}));

/** The case's mock, made fresh (its own state). */
export async function createMockFor(
  c: MockCase,
): Promise<{ handler: MockHandler; basePath: string }> {
  const mock = c.case.mock();
  return { handler: mock.handler, basePath: mock.basePath ?? '' };
}
