// The CLI against the Bright mock served on 127.0.0.1, as README's `npm run mock -- bright`
// suggests: --provider bright --username U --password P --base-url <the API root>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync } from '../../helpers/cli-async';
import { type RunningMock, serveMock } from '../../mocks/mock-http';
import { BRIGHT_PASSWORD, BRIGHT_USERNAME, RESOURCES, createMock } from './mock';

let server: RunningMock;
let base: string;
const mock = createMock();

beforeAll(async () => {
  server = await serveMock(mock.handler);
  base = server.origin + mock.basePath;
});
afterAll(() => server.close());

const creds = () => [
  '--provider',
  'bright',
  '--username',
  BRIGHT_USERNAME,
  '--password',
  BRIGHT_PASSWORD,
  '--base-url',
  base,
];

describe('meter-sheets --provider bright', () => {
  it('lists the meters and prints a month of usage by day, with cost', async () => {
    const meters = await cliAsync(['meters', ...creds(), '--format', 'json']);
    expect(meters.code, meters.stderr).toBe(0);
    const ids = (JSON.parse(meters.stdout) as unknown[][]).map((r) => r[0]);
    expect(ids).toContain(`bright:${RESOURCES.electricity}`);
    expect(ids).toContain(`bright:${RESOURCES.gas}`);
    const r = await cliAsync([
      'usage',
      '--start',
      '2024-01',
      '--aggregate',
      'day',
      '--meter',
      `bright:${RESOURCES.gas}`,
      ...creds(),
      '--format',
      'json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as unknown[][];
    expect(rows[0]).toEqual(['Start', 'End', 'kWh', 'Cost (GBP)', 'Missing']);
    expect(rows).toHaveLength(32);
    const truth = mock.truth('gas', Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1));
    const total = truth.reduce((a, t) => a + (t.kwh ?? 0), 0);
    expect(rows.slice(1).reduce((a, row) => a + (row[2] as number), 0)).toBeCloseTo(total, 6);
  });

  it('refuses a wrong password with a clear message that does not repeat it', async () => {
    const r = await cliAsync([
      'usage',
      '--start',
      '2024-01-01',
      '--provider',
      'bright',
      '--username',
      BRIGHT_USERNAME,
      '--password',
      'Not-the-password-9',
      '--base-url',
      base,
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Bright refused the e-mail and password/);
    expect(r.stderr + r.stdout).not.toContain('Not-the-password-9');
  });
});
