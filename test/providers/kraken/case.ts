// Kraken (GraphQL) against its mock, for every harness (see test/providers/case.ts).
import type { MockRequest } from '../../mocks/mock-http';
import { defineCase } from '../case';
import { MOCK_ACCOUNT, MOCK_API_KEY, createMock } from './mock';

function operationOf(req: MockRequest): string {
  try {
    return String((JSON.parse(req.body || '{}') as { operationName?: unknown }).operationName);
  } catch {
    return '';
  }
}

export const krakenCase = defineCase({
  provider: 'kraken',
  label: 'Kraken (GraphQL)',
  mock: (clock) => createMock({ clock }),
  // The mock knows one fixed key; it doubles as the planted secret.
  config: { apiKey: MOCK_API_KEY, account: MOCK_ACCOUNT },
  day: '2024-01-15',
  matrix: {
    // Two months: four sub-ranges of 960 half-hours in one batch.
    usageArgs: ['2024-11-01', '2024-12-31', 'day', 'kraken'],
    skip: 1,
    isUsage: (req) => operationOf(req) === 'krakenMeasurements',
    isToken: (req) => operationOf(req) === 'obtainKrakenToken',
    graphql: true,
    native: {
      // Kraken's way: HTTP 200 with KT-CT-1120 once the token has expired. The meter
      // list and one sub-range pass; the token expires under the rest of the batch.
      // Persisting: every token, each new one too, has expired by the next sub-range.
      expired: (mock, handler, persisting) => {
        mock.expireTokensAfter(2);
        if (!persisting) return handler;
        let seen = 0;
        return (req) => {
          if (operationOf(req) === 'krakenMeasurements' && seen++ > 0) mock.expireAllTokens();
          return handler(req);
        };
      },
    },
    tokenMints: (mock) => mock.callsTo('obtainKrakenToken').length,
  },
});
