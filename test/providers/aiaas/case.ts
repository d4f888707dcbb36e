// The aiaas API against its mock, for every harness (see test/providers/case.ts).
import { defineCase, planted } from '../case';
import { createMock } from './mock';

const clientSecret = planted('aiaas', 32);

export const aiaasCase = defineCase({
  provider: 'aiaas',
  label: 'aiaas',
  mock: (clock) => createMock({ clientSecret, clock }),
  config: {
    clientId: 'meter-sheets-client',
    clientSecret,
    accountNumber: '1234567890',
    // No public host: the user's base URL, whitelisted in appsscript.json as the docs say.
    baseUrl: 'https://aiaas.test/api',
  },
  preload: ['test/providers/aiaas/test-host.ts'],
  day: 'yesterday', // the aiaas API only knows named periods
  matrix: {
    // The API answers named periods only: one request, after a token.
    usageArgs: ['last-week', '', 'day', 'aiaas'],
    skip: 0,
    isUsage: (req) => /\/consumption\/\d+(\?|$)/.test(req.path),
    isToken: (req) => req.path.startsWith('/api/auth/token'),
  },
});
