// The tariff commands of the BUILT CLI: the demo comparison offline (no network at all:
// any request would fail), and every command against the Octopus products API mock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, cliJsonAsync } from '../helpers/cli-async';
import { type RunningMock, serveMock } from '../mocks/mock-http';
import { createOctopusTariffsMock } from '../mocks/octopus-tariffs';

describe('meter-sheets tariff commands', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await serveMock(createOctopusTariffsMock().handler);
  });
  afterAll(async () => {
    await mock.close();
  });

  it('tariff-compare replays a year of the demo meter on the demo tariffs, offline', async () => {
    const rows = await cliJsonAsync([
      'tariff-compare',
      '--provider',
      'demo',
      '--start',
      '2024-01',
      '--end',
      '2024-12',
      '--tariffs',
      'demo-flat,demo-two-rate,demo-dynamic',
      // Any request would go here and fail: the demo needs none.
      '--tariff-base-url',
      'http://127.0.0.1:9',
    ]);
    expect(rows.map((r) => r[0])).toEqual(['Tariff', 'demo-flat', 'demo-two-rate', 'demo-dynamic']);
    for (const r of rows.slice(1)) expect(typeof r[4]).toBe('number');
    expect(mock.requests).toHaveLength(0);
  });

  it('cost, rates and tariffs run against the mock with --tariff-base-url and --region', async () => {
    const base = ['--tariff-base-url', mock.origin];
    const cost = await cliJsonAsync([
      'cost',
      '--provider',
      'demo',
      '--start',
      '2024-05-01',
      '--aggregate',
      'day',
      '--tariff',
      'AGILE-24-10-01',
      '--region',
      'C',
      ...base,
    ]);
    expect(cost[0][5]).toBe('Cost (GBP)');
    expect(typeof cost[1][5]).toBe('number');
    const rates = await cliJsonAsync([
      'rates',
      '--tariff',
      'E-1R-AGILE-24-10-01-C',
      '--start',
      '2024-05-01',
      ...base,
    ]);
    expect(rates).toHaveLength(49);
    const tariffs = await cliJsonAsync(['tariffs', '--filter', 'var', '--region', 'A', ...base]);
    expect(tariffs.slice(1).map((r) => r[0])).toEqual([
      'E-1R-VAR-22-11-01-A',
      'E-2R-VAR-22-11-01-A',
      'G-1R-VAR-22-11-01-A',
    ]);
    const compare = await cliJsonAsync([
      'tariff-compare',
      '--provider',
      'demo',
      '--start',
      '2024-01',
      '--end',
      '2024-03',
      '--tariffs',
      'E-1R-VAR-22-11-01-C,E-2R-VAR-22-11-01-C',
      ...base,
    ]);
    expect(compare).toHaveLength(3);
  });

  it('a withdrawn product: exit 1 and a message naming it', async () => {
    const r = await cliAsync([
      'rates',
      '--tariff',
      'E-1R-AGILE-18-02-21-C',
      '--start',
      '2024-05-01',
      '--tariff-base-url',
      mock.origin,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('AGILE-18-02-21');
  });
});
