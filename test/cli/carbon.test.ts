// The CLI's carbon: `meter-sheets carbon` and `--carbon` on usage, against the Carbon
// Intensity API and Octopus mocks served on 127.0.0.1, and the demo grid offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, cliJsonAsync } from '../helpers/cli-async';
import * as ci from '../mocks/carbon-intensity';
import { type RunningMock, serveMock } from '../mocks/mock-http';
import * as octopus from '../providers/octopus/mock';

const DATA_UNTIL = Date.UTC(2025, 0, 10, 12);

describe('meter-sheets carbon', () => {
  const grid = ci.createMock({ now: () => DATA_UNTIL });
  const octo = octopus.createMock({ now: () => DATA_UNTIL });
  let gridServer: RunningMock;
  let octoServer: RunningMock;
  beforeAll(async () => {
    gridServer = await serveMock(grid.handler);
    octoServer = await serveMock(octo.handler);
  });
  afterAll(async () => {
    await gridServer.close();
    await octoServer.close();
  });

  it('prints a region’s hourly intensity from the API at --carbon-base-url', async () => {
    const rows = await cliJsonAsync([
      'carbon',
      '--start',
      '2024-03-31',
      '--aggregate',
      'hour',
      '--region',
      '13',
      '--carbon-base-url',
      gridServer.origin,
    ]);
    expect(rows[0]).toEqual(['Start', 'End', 'Intensity (gCO2/kWh)', 'Index', 'Basis', 'Missing']);
    expect(rows).toHaveLength(24); // 23 hours on the spring-forward day
    expect(rows[1][0]).toBe('2024-03-31T00:00:00+00:00');
    const first = Date.UTC(2024, 2, 31, 0);
    expect(rows[1][2]).toBeCloseTo(
      (ci.forecastAt(first, 13) + ci.forecastAt(first + 1_800_000, 13)) / 2,
      9,
    );
  });

  it('adds grid carbon to an Octopus meter’s usage with --carbon', async () => {
    const rows = await cliJsonAsync([
      'usage',
      '--provider',
      'octopus',
      '--api-key',
      octo.apiKey,
      '--account',
      octo.account,
      '--base-url',
      octoServer.origin,
      '--start',
      '2024-06-01',
      '--aggregate',
      'day',
      '--carbon',
      'national',
      '--carbon-base-url',
      gridServer.origin,
    ]);
    expect(rows[0]).toEqual(['Start', 'End', 'kWh', 'Carbon (kg)', 'Carbon basis', 'Missing']);
    expect(rows[1][3]).toBeGreaterThan(0);
    // A past day, measured nationally: the API's actual intensity.
    expect(rows[1][4]).toBe('actual');
  });

  it('runs offline on the demo grid with --provider demo', async () => {
    const rows = await cliJsonAsync([
      'carbon',
      '--provider',
      'demo',
      '--start',
      '2024-07',
      '--aggregate',
      'profile',
    ]);
    expect(rows).toHaveLength(49);
    expect(rows.slice(1).every((r) => typeof r[1] === 'number' && r[4] === 31)).toBe(true);
  });

  it('refuses a full postcode and names the flag', async () => {
    const r = await cliAsync([
      'usage',
      '--provider',
      'demo',
      '--start',
      '2024-06-01',
      '--carbon',
      'SW1A 1AA',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'meter-sheets: carbon: expected only the outward part of a postcode (like "RG10"), not a full postcode\n',
    );
  });
});
