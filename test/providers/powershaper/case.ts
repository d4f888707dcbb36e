// PowerShaper against its mock, for every harness (see test/providers/case.ts).
import { defineCase, planted } from '../case';
import { createMock } from './mock';

const token = planted('powershaper', 40);

export const powershaperCase = defineCase({
  provider: 'powershaper',
  label: 'PowerShaper',
  mock: (clock) => createMock({ token, now: clock }),
  config: { token },
  day: '2024-01-15',
  matrix: {
    // A year of half-hours: four quarter-year requests in one batch.
    usageArgs: ['2024-01-01', '2024-12-31', 'month', 'powershaper'],
    skip: 1,
    isUsage: (req) => /\/meter\/[^/]+\/electricity/.test(req.path),
  },
});
