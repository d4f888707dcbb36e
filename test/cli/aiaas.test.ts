// meter-sheets against the aiaas mock served on 127.0.0.1, as a user would run it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilDayAt } from '../../shared/time/zone';
import type { CliResult } from '../helpers/cli';
import { cliAsync } from '../helpers/cli-async';
import { createMock } from '../providers/aiaas/mock';
import { type RunningMock, serveMock } from '../mocks/mock-http';

const mock = createMock();
let server: RunningMock;
let creds: string[];
const outputs: CliResult[] = [];

async function run(...args: string[]): Promise<CliResult> {
  const r = await cliAsync(args);
  outputs.push(r);
  return r;
}
async function json(...args: string[]): Promise<unknown[][]> {
  const r = await run(...args, '--format', 'json');
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown[][];
}

beforeAll(async () => {
  server = await serveMock(mock.handler);
  creds = [
    '--provider',
    'aiaas',
    '--client-id',
    mock.clientId,
    '--client-secret',
    mock.clientSecret,
    '--account',
    mock.account,
    '--base-url',
    server.origin + mock.basePath,
  ];
});

afterAll(async () => {
  await server.close();
  // No secret in anything the CLI printed, whatever it was asked.
  for (const o of outputs) {
    expect(o.stdout + o.stderr).not.toContain(mock.clientSecret);
    for (const token of mock.state.tokens.keys()) expect(o.stdout + o.stderr).not.toContain(token);
  }
});

describe('meter-sheets with --provider aiaas', () => {
  it('appliances and usage for yesterday agree on the energy', async () => {
    const romeDay = civilDayAt('Europe/Rome', Date.now());
    const appliances = await json('appliances', '--period', 'yesterday', ...creds);
    const usage = await json(
      'usage',
      '--start',
      'yesterday',
      '--aggregate',
      'day',
      '--tz',
      'Europe/Rome',
      ...creds,
    );
    expect(appliances[0]).toEqual(['Appliance', 'Wh']);
    expect(appliances.slice(1).map((r) => r[0])).toContain('standby');
    expect(usage[0]).toEqual(['Start', 'End', 'kWh', 'Missing']);
    expect(usage[1][3]).toBe(0);
    if (civilDayAt('Europe/Rome', Date.now()) === romeDay) {
      const wh = appliances.slice(1).reduce((s, r) => s + (r[1] as number), 0);
      expect(usage[1][2] as number).toBeCloseTo(wh / 1000, 3);
    }
  });

  it('insight, now, and the errors: unknown kind (exit 2), unsupported range (exit 1)', async () => {
    const trend = await json('insight', '--kind', 'trend', ...creds);
    expect(trend[0]).toEqual(['Month', 'f1 (Wh)', 'f2 (Wh)', 'f3 (Wh)']);
    expect(trend).toHaveLength(13);
    const now = await json('now', ...creds);
    expect(now[0]).toEqual(['Time', 'Demand (W)']);
    expect(now[1][1]).toBeGreaterThan(0);
    const kind = await run('insight', '--kind', 'weather', ...creds);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(
      /^meter-sheets: kind: expected one of power, totals, latest, .*, got "weather"\n$/,
    );
    const range = await run('usage', '--start', '2024-01-01', ...creds);
    expect(range.code).toBe(1);
    expect(range.stderr).toMatch(
      /^meter-sheets: aiaas \(Italian appliance API\) answers only for the periods yesterday, last-seven-days, this-week, last-week, this-month, last-month \(today is .*\); 2024-01-01 is none of them/,
    );
  });

  it('refuses a wrong secret without printing it; --paths reaches the provider', async () => {
    const wrong = [...creds];
    wrong[wrong.indexOf('--client-secret') + 1] = 'wrong-secret-0f1e2d3c';
    const r = await run('appliances', '--period', 'yesterday', ...wrong);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'meter-sheets: aiaas refused the client credentials (HTTP 401, unauthorized_client); check the client ID and secret in Settings\n',
    );
    expect(r.stderr).not.toContain('wrong-secret');
    const paths = await run('now', '--paths', 'realtime=/v2/{account_number}/now', ...creds);
    expect(paths.code).toBe(1);
    expect(paths.stderr).toBe(
      `meter-sheets: aiaas has no realtime consumption for account ${mock.account} (HTTP 404); check the account number in Settings, or the endpoint paths\n`,
    );
  });
});

describe('aiaas-pod and aiaas-onboard', () => {
  it('registers a POD, and refuses a malformed one before any request', async () => {
    const ok = await json(
      'aiaas-pod',
      '--pod',
      'IT001E12345678901AB',
      '--company-code',
      'ENEL',
      ...creds,
    );
    expect(ok).toEqual([
      ['Field', 'Value'],
      ['pod', 'IT001E12345678901AB'],
      ['account_number', mock.account],
      ['company_code', 'ENEL'],
    ]);
    expect(mock.state.pods).toHaveLength(1);
    const before = server.requests.length;
    const bad = await run('aiaas-pod', '--pod', 'IT001E1234', '--company-code', 'ENEL', ...creds);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'meter-sheets: pod: expected a POD: a country code and 14 to 20 letters and digits in all, like IT001E12345678, got "IT001E1234"\n',
    );
    expect(server.requests.length).toBe(before);
    const other = await run(
      'aiaas-pod',
      '--pod',
      'IT001E12345678901AB',
      '--company-code',
      'X',
      '--provider',
      'demo',
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toBe(
      'meter-sheets: provider: aiaas-pod is for --provider aiaas only, got "demo"\n',
    );
  });

  it('onboards a household and prints what the API recorded', async () => {
    const rows = await json(
      'aiaas-onboard',
      '--house-type',
      'apartment',
      '--size',
      '87',
      '--province',
      'MI',
      '--adults',
      '2',
      '--appliance',
      'airConditioner=1',
      '--appliance',
      'fridge=1,oven=1',
      ...creds,
    );
    expect(rows).toEqual([
      ['Field', 'Value'],
      ['account_number', mock.account],
      ['house.type', 'apartment'],
      ['house.dimesion', 87],
      ['house.province', 'MI'],
      ['residents.adults', 2],
      ['residents.children', 0],
      ['residents.elderlies', 0],
      ['appliances.airConditioner', 1],
      ['appliances.fridge', 1],
      ['appliances.oven', 1],
    ]);
    expect(mock.state.onboardings.get(mock.account)).toEqual({
      house: { type: 'apartment', dimesion: 87, province: 'MI' },
      residents: { adults: 2, children: 0, elderlies: 0 },
      appliances: [
        { appliance: 'airConditioner', quantity: 1 },
        { appliance: 'fridge', quantity: 1 },
        { appliance: 'oven', quantity: 1 },
      ],
    });
    const bad = await run(
      'aiaas-onboard',
      '--house-type',
      'apartment',
      '--size',
      '87',
      '--province',
      'Milano',
      '--adults',
      '2',
      ...creds,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'meter-sheets: province: expected an Italian province code of two letters, like MI, got "Milano"\n',
    );
  });

  it('are listed in the help, with their flags', async () => {
    const main = await run('--help');
    expect(main.stdout).toMatch(/aiaas-pod\s+register your POD/);
    expect(main.stdout).toMatch(/aiaas-onboard\s+tell the aiaas API about your household/);
    const help = await run('aiaas-onboard', '--help');
    for (const flag of [
      '--house-type',
      '--size',
      '--province',
      '--adults',
      '--appliance',
      '--client-id',
      '--base-url',
    ])
      expect(help.stdout).toContain(flag);
  });
});

describe('named periods for every provider', () => {
  it('usage --start yesterday works on the demo meter', async () => {
    const rows = await json('usage', '--start', 'yesterday', '--aggregate', 'day');
    const londonYesterday = civilDayAt('Europe/London', Date.now()) - 1;
    const expected = new Date(londonYesterday * 86_400_000).toISOString().slice(0, 10);
    expect(rows).toHaveLength(2);
    expect((rows[1][0] as string).slice(0, 10)).toBe(expected);
  });
});
