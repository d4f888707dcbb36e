// HomeWizard through its bridge's mock, for every harness (see test/providers/case.ts).
import { defineCase, planted } from '../case';
import { createMock } from './mock';

const token = planted('bridge', 43);

export const homewizardCase = defineCase({
  provider: 'homewizard',
  label: 'HomeWizard bridge',
  mock: () => createMock({ token }),
  // The advanced route the docs describe: the bridge reachable over HTTPS at a public
  // name (a home address is refused before any request; see test/gas/functions.test.ts).
  config: { baseUrl: 'https://bridge.test', token },
  preload: ['test/providers/homewizard/test-host.ts'],
  day: '2024-01-15',
  matrix: {
    // Past a year: two year-sized requests to the bridge in one batch.
    usageArgs: ['2023-06-01', '2024-12-31', 'month', 'homewizard'],
    skip: 1,
    isUsage: (req) => req.path.startsWith('/v1/usage'),
  },
});
