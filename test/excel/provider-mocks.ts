// Provider mocks the Excel harness runs the built functions against. One line per provider:
// its id (as in PROVIDERS, with its mock in test/mocks/<id>.ts exporting createMock()), the
// settings that point it at the mock, and a day the mock has data for. For example:
//   { provider: 'powershaper', day: '2024-01-15', settings: (baseUrl) => ({ token: 'tok_test', baseUrl }) },
import type { MockHandler } from '../mocks/mock-http';
import { mockModule } from '../providers/mocks';
import {
  DEFAULT_ACCOUNT as OCTOPUS_ACCOUNT,
  DEFAULT_API_KEY as OCTOPUS_KEY,
} from '../providers/octopus/mock';
import { BRIDGE_TOKEN } from '../providers/homewizard/mock';
import { MOCK_ACCOUNT, MOCK_API_KEY } from '../providers/kraken/mock/fixtures';
import { DEFAULT_TOKEN as POWERSHAPER_TOKEN } from '../providers/powershaper/mock';

const AIAAS_SECRET = 'aiaas-excel-secret-5d1c';

export interface MockCase {
  provider: string;
  /** A local day with data in the mock. */
  day: string;
  /** The provider's settings section, pointed at the mock (`origin + basePath`). */
  settings(baseUrl: string): Record<string, string | number | boolean>;
  /** Passed to createMock(). */
  mockOptions?: unknown;
}

export const MOCK_CASES: MockCase[] = [
  {
    provider: 'powershaper',
    day: '2024-01-15',
    settings: (baseUrl) => ({ token: POWERSHAPER_TOKEN, baseUrl }),
  },
  {
    provider: 'octopus',
    day: '2024-01-15',
    settings: (baseUrl) => ({ apiKey: OCTOPUS_KEY, account: OCTOPUS_ACCOUNT, baseUrl }),
  },
  {
    provider: 'kraken',
    day: '2024-01-15',
    settings: (baseUrl) => ({ apiKey: MOCK_API_KEY, account: MOCK_ACCOUNT, baseUrl }),
  },
  {
    provider: 'homewizard',
    day: '2024-01-15',
    settings: (baseUrl) => ({ baseUrl, token: BRIDGE_TOKEN }),
  },
  {
    provider: 'aiaas',
    day: 'yesterday', // the aiaas API only knows named periods
    settings: (baseUrl) => ({
      clientId: 'meter-sheets-client',
      clientSecret: AIAAS_SECRET,
      accountNumber: '1234567890',
      baseUrl,
    }),
    mockOptions: { clientSecret: AIAAS_SECRET },
  },
];

/** The case's mock, made fresh (its own state) from test/mocks/<provider>.ts. */
export async function createMockFor(
  c: MockCase,
): Promise<{ handler: MockHandler; basePath: string }> {
  const mod = await mockModule(c.provider);
  const mock = mod.createMock(c.mockOptions);
  return { handler: mock.handler, basePath: mock.basePath ?? '' };
}
