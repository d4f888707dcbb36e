// Bright (Glowmarkt) against its mock, for every harness (see test/providers/case.ts).
import { defineCase, planted } from '../case';
import { createMock } from './mock';

/** Planted credentials the leak tests can find in any form. */
export const BRIGHT_CASE_USERNAME = `${planted('brightuser', 24)}@example.com`;
export const BRIGHT_CASE_PASSWORD = planted('brightpass', 32);
export const BRIGHT_CONFIG = { username: BRIGHT_CASE_USERNAME, password: BRIGHT_CASE_PASSWORD };

export const brightCase = defineCase({
  provider: 'bright',
  label: 'Bright',
  // A household with a Glow display, so METER_NOW has live readings.
  mock: (clock) => createMock({ ...BRIGHT_CONFIG, display: true, clock }),
  config: { ...BRIGHT_CONFIG },
  day: '2024-01-15',
  matrix: {
    // Two months of half-hours: windows of 10 days × consumption and cost, in one batch.
    usageArgs: ['2024-11-01', '2024-12-31', 'day', 'bright'],
    skip: 1,
    isUsage: (req) => req.path.includes('/readings'),
    isToken: (req) => req.path.split('?')[0].endsWith('/auth'),
    tokenMints: (mock) => mock.state.signIns,
  },
});
