// The CLI as a user runs it, against the PowerShaper and Octopus mocks served on 127.0.0.1
// and reached with --base-url.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, cliJsonAsync } from '../helpers/cli-async';
import { type RunningMock, serveMock } from '../mocks/mock-http';
import * as octopus from '../providers/octopus/mock';
import * as powershaper from '../providers/powershaper/mock';

/** The mocks' data ends here (the CLI's own clock is the real one). */
const DATA_UNTIL = Date.UTC(2025, 0, 10, 12);

describe('meter-sheets --provider powershaper', () => {
  const mock = powershaper.createMock({ now: () => DATA_UNTIL });
  let server: RunningMock;
  beforeAll(async () => void (server = await serveMock(mock.handler)));
  afterAll(() => server.close());
  const run = (token: string, ...args: string[]) => [
    ...args,
    '--provider',
    'powershaper',
    '--token',
    token,
    '--base-url',
    server.origin + mock.basePath,
  ];
  const elec = `powershaper:${powershaper.HOME_CONSENT}:electricity`;

  it('lists the consents’ meters', async () => {
    const rows = await cliJsonAsync(run(mock.token, 'meters'));
    expect(rows.filter((r) => r[1] === 'powershaper').map((r) => r[0])).toEqual([
      elec,
      `powershaper:${powershaper.HOME_CONSENT}:gas`,
      `powershaper:${powershaper.OLD_CONSENT}:electricity`,
    ]);
  });

  it('prints the fall-back day’s 50 half-hours and a month of days with carbon', async () => {
    const halfHours = await cliJsonAsync(run(mock.token, 'usage', '--start', '2024-10-27'));
    expect(halfHours).toHaveLength(51);
    expect(halfHours[0]).toEqual(['Start', 'End', 'kWh', 'Carbon (kg)', 'Missing']);
    expect(halfHours[1][0]).toBe('2024-10-27T00:00:00+01:00');
    const days = await cliJsonAsync(
      run(mock.token, 'usage', '--start', '2024-01', '--end', '2024-01', '--aggregate', 'day'),
    );
    expect(days).toHaveLength(32);
    expect(days.slice(1).every((r) => typeof r[3] === 'number' && (r[3] as number) > 0)).toBe(true);
  });

  it('says a wrong token was refused, in one line that does not contain it', async () => {
    const wrong = 'e'.repeat(40);
    const r = await cliAsync(run(wrong, 'meters'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'meter-sheets: PowerShaper Monitor refused the credentials for the meter list (HTTP 401); copy the access token again from the Settings page of PowerShaper Monitor into Settings',
    ]);
  });

  it('explains a token of the wrong shape without repeating it', async () => {
    const r = await cliAsync(run('Token 1234', 'meters'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('settings.providers.powershaper.token: expected the 40-character');
    expect(r.stderr).not.toContain('1234');
  });
});

describe('meter-sheets --provider octopus', () => {
  const mock = octopus.createMock({ now: () => DATA_UNTIL });
  let server: RunningMock;
  beforeAll(async () => void (server = await serveMock(mock.handler)));
  afterAll(() => server.close());
  const run = (key: string, ...args: string[]) => [
    ...args,
    '--provider',
    'octopus',
    '--api-key',
    key,
    '--account',
    mock.account,
    '--base-url',
    server.origin,
  ];
  const dataRequests = () => server.requests.filter((r) => r.query.period_from);

  it('lists the account’s import, export and gas meters', async () => {
    const rows = await cliJsonAsync(run(mock.apiKey, 'meters'));
    expect(rows.filter((r) => r[1] === 'octopus').map((r) => [r[0], r[3]])).toEqual([
      [`octopus:${octopus.IMPORT_MPAN}:${octopus.SMART_SERIAL}`, 'import'],
      [`octopus:${octopus.IMPORT_MPAN}:${octopus.OLD_SERIAL}`, 'import'],
      [`octopus:${octopus.EXPORT_MPAN}:${octopus.SMART_SERIAL}`, 'export'],
      [`octopus:${octopus.GAS_MPRN}:${octopus.GAS_SERIAL}`, 'import'],
    ]);
  });

  it('prints a year by month from one consumption request', async () => {
    const before = dataRequests().length;
    const rows = await cliJsonAsync(
      run(mock.apiKey, 'usage', '--start', '2024-01', '--end', '2024-12', '--aggregate', 'month'),
    );
    expect(rows).toHaveLength(13);
    expect(rows[0]).toEqual(['Start', 'End', 'kWh', 'Missing']);
    expect(dataRequests().length - before).toBe(1);
  });

  it('converts gas m³ at the calorific value given on the command line', async () => {
    const gas = `octopus:${octopus.GAS_MPRN}:${octopus.GAS_SERIAL}`;
    const at = async (cv: string) =>
      (
        await cliJsonAsync([
          ...run(
            mock.apiKey,
            'usage',
            '--start',
            '2024-02',
            '--end',
            '2024-02',
            '--aggregate',
            'month',
          ),
          '--meter',
          gas,
          '--calorific-value',
          cv,
        ])
      )[1][2] as number;
    const [a, b] = await Promise.all([at('40'), at('36')]);
    expect(b / a).toBeCloseTo(36 / 40, 12);
  });

  it('says a wrong API key was refused, without showing it', async () => {
    const wrong = 'sk_live_NotTheRightKeyAtAll99';
    const r = await cliAsync(run(wrong, 'meters'));
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(
      'Octopus Energy refused the credentials for account A-1B2C3D4E (HTTP 401)',
    );
    expect(r.stderr).not.toContain(wrong);
  });
});
