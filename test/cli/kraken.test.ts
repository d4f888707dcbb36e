// meter-sheets against the Kraken mock served on 127.0.0.1, as a user would run it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MOCK_ACCOUNT,
  MOCK_API_KEY,
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_POINTS,
  createMock,
} from '../providers/kraken/mock';
import { type RunningMock, serveMock } from '../mocks/mock-http';
import { cliAsync } from '../helpers/cli-async';

let server: RunningMock;
let mock: ReturnType<typeof createMock>;
let base: string;
const outputs: string[] = [];

beforeAll(async () => {
  mock = createMock();
  server = await serveMock(mock.handler);
  base = server.origin + mock.basePath;
});
afterAll(() => server.close());

async function run(args: string[], credentials = ['--api-key', MOCK_API_KEY]) {
  const r = await cliAsync([
    ...args,
    '--provider',
    'kraken',
    ...credentials,
    '--account',
    MOCK_ACCOUNT,
    '--base-url',
    base,
  ]);
  outputs.push(r.stdout, r.stderr);
  return r;
}

async function json(args: string[], credentials?: string[]) {
  const r = await run([...args, '--format', 'json'], credentials);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown[][];
}

describe('meter-sheets --provider kraken', () => {
  it('lists the account meters', async () => {
    const rows = await json(['meters']);
    expect(rows.filter((r) => r[1] === 'kraken').map((r) => r[0])).toEqual([
      `kraken:${MOCK_POINTS.import.mpan}`,
      `kraken:${MOCK_POINTS.export.mpan}:export`,
      `kraken:gas:${MOCK_POINTS.gas.mprn}`,
    ]);
  });

  it('prints the fall-back day as 50 half-hours, and a year by month from one batch', async () => {
    const day = await json(['usage', '--start', '2024-10-27']);
    expect(day[0]).toEqual(['Start', 'End', 'kWh', 'Cost (GBP)', 'Missing']);
    expect(day).toHaveLength(51);
    const before = server.requests.length;
    const year = await json([
      'usage',
      '--start',
      '2024-01',
      '--end',
      '2024-12',
      '--aggregate',
      'month',
    ]);
    expect(year).toHaveLength(13);
    const measurements = server.requests
      .slice(before)
      .map((r) => JSON.parse(r.body || '{}'))
      .filter((b) => b.operationName === 'krakenMeasurements');
    expect(measurements).toHaveLength(Math.ceil((366 * 48) / 960));
    expect(measurements.every((b) => b.variables.after === undefined)).toBe(true);
    const truth = mock.truth('import', Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1));
    const total = year.slice(1).reduce((s, r) => s + (r[2] as number), 0);
    expect(total).toBeCloseTo(
      truth.reduce((s, r) => s + r.kwh, 0),
      6,
    );
  });

  it('reads export and the live reading', async () => {
    const july = await json([
      'usage',
      '--meter',
      `kraken:${MOCK_POINTS.export.mpan}:export`,
      '--start',
      '2024-07',
      '--end',
      '2024-07',
      '--aggregate',
      'day',
    ]);
    expect(july).toHaveLength(32);
    expect((july[15][3] as number) < 0).toBe(true); // export earns: a negative cost
    const now = await json(['now']);
    expect(now[0]).toEqual(['Time', 'Demand (W)', 'Import (kWh)']);
    expect(typeof now[1][1]).toBe('number');
  });

  it('signs in with OAuth client credentials at the auth server beside the API', async () => {
    const rows = await json(
      ['meters'],
      ['--client-id', MOCK_CLIENT_ID, '--client-secret', MOCK_CLIENT_SECRET],
    );
    expect(rows.filter((r) => r[1] === 'kraken')).toHaveLength(3);
    expect(server.requests.some((r) => r.path === '/token/')).toBe(true);
  });

  it('exits 1 with one line naming the refused credential, never printing it', async () => {
    const wrong = 'sk_live_notTheRightKeyAtAll00000';
    const r = await run(['meters'], ['--api-key', wrong]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'meter-sheets: Kraken refused the credentials (Authentication failed); check the API key or secret key in Settings (KT-CT-1139, signing in)\n',
    );
  });

  it('never printed a credential or a token', () => {
    const all = outputs.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const secret of [MOCK_API_KEY, MOCK_CLIENT_SECRET]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/eyJ[\w-]{10,}/); // no JWT
  });
});
