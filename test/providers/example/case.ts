// Example Energy's test case (step 6 of docs/adding-a-provider.md): what every harness
// needs to run it against its mock. A real provider adds this to test/providers/cases.ts.
import { defineCase, planted } from '../case';
import { createMock } from './mock';

const token = planted('example', 32);

export const exampleCase = defineCase({
  provider: 'example',
  label: 'Example Energy',
  mock: (clock) => createMock({ token, now: clock }),
  config: { token },
  day: '2024-01-15',
  matrix: {
    // Three weeks: three week-long shards in one batch.
    usageArgs: ['2024-01-01', '2024-01-21', 'day', 'example'],
    skip: 1,
    isUsage: (req) => req.path.includes('/readings'),
  },
});
