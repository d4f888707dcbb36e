// Octopus (REST) against its mock, for every harness (see test/providers/case.ts).
import { defineCase, planted } from '../case';
import { createMock } from './mock';

const apiKey = `sk_live_${planted('octopus', 24)}`;
const account = 'A-1B2C3D4E';

export const octopusCase = defineCase({
  provider: 'octopus',
  label: 'Octopus (REST)',
  mock: (clock) => createMock({ apiKey, account, now: clock }),
  config: { apiKey, account },
  day: '2024-01-15',
  matrix: {
    // Two years: two page-sized shards in one batch.
    usageArgs: ['2023-01-01', '2024-12-31', 'month', 'octopus'],
    skip: 1,
    isUsage: (req) => req.path.includes('/consumption/'),
  },
});
