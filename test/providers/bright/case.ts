// Bright in the shared test registries (Sheets provider cases, Excel/CLI mock cases, the
// fault matrix): what each needs, in one place, so each registry adds Bright in a line.
import { findProvider } from '../../../shared/providers';
import type { MockHandler, MockRequest } from '../../mocks/mock-http';
import { createMock } from './mock';

/** Planted-looking credentials the leak tests can find in any form. */
export const BRIGHT_CASE_USERNAME = 'PLANTEDbrightuser0123@example.com';
export const BRIGHT_CASE_PASSWORD = 'PLANTEDbrightpass0123456789abcdef';
export const BRIGHT_CONFIG = { username: BRIGHT_CASE_USERNAME, password: BRIGHT_CASE_PASSWORD };
/** A household with a Glow display, so METER_NOW has live readings. */
export const BRIGHT_MOCK_OPTIONS = { ...BRIGHT_CONFIG, display: true };

/** For test/excel/provider-mocks.ts MOCK_CASES. */
export const BRIGHT_MOCK_CASE = {
  provider: 'bright',
  day: '2024-01-15',
  settings: (baseUrl: string) => ({ ...BRIGHT_CONFIG, baseUrl }),
  mockOptions: BRIGHT_MOCK_OPTIONS,
};

/** For test/faults/scenarios.ts SCENARIOS: a month of half-hours is 4 windows × 2 resources. */
export const BRIGHT_SCENARIO = {
  provider: 'bright',
  label: 'Bright',
  usageArgs: ['2024-11-01', '2024-12-31', 'day', 'bright'],
  skip: 1,
  world(clock: { now: () => number }) {
    const mock = createMock({ ...BRIGHT_MOCK_OPTIONS, clock: clock.now });
    const hosts = findProvider('bright')?.hosts ?? [];
    const routes: Record<string, MockHandler> = Object.fromEntries(
      hosts.map((h) => [`https://${h}`, mock.handler]),
    );
    return {
      routes,
      config: { ...BRIGHT_CONFIG },
      isUsage: (req: MockRequest) => req.path.includes('/readings'),
      isToken: (req: MockRequest) => req.path.split('?')[0].endsWith('/auth'),
      tokenMints: () => mock.state.signIns,
    };
  },
};
