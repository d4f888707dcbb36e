// Provider mocks the Excel harness runs the built functions against. One line per provider:
// its id (as in PROVIDERS, with its mock in test/mocks/<id>.ts exporting createMock()), the
// settings that point it at the mock, and a day the mock has data for. For example:
//   { provider: 'powershaper', day: '2024-01-15', settings: (baseUrl) => ({ token: 'tok_test', baseUrl }) },
export interface MockCase {
  provider: string;
  /** A local day with data in the mock. */
  day: string;
  /** The provider's settings section, pointed at the mock (`origin + basePath`). */
  settings(baseUrl: string): Record<string, string | number | boolean>;
  /** Passed to createMock(). */
  mockOptions?: unknown;
}

export const MOCK_CASES: MockCase[] = [];
