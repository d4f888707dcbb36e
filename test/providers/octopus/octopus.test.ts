// Octopus Energy REST against its mock, through the spreadsheet functions as a host runs them.
import { describe, expect, it } from 'vitest';
import { base64Encode } from '../../../shared/http';
import { fieldsByProvider } from '../../../shared/providers';
import { gasM3ToKwh } from '../../../shared/providers/octopus/gas-units';
import { validateSettings } from '../../../shared/settings';
import { type Table, tableToJson } from '../../../shared/table';
import { MS_PER_HALF_HOUR, daysFromCivil } from '../../../shared/time/civil';
import { dayBoundaries } from '../../../shared/time/zone';
import { col, harness, sum, utcOf } from '../../helpers/provider-harness';
import { halfHourAt } from '../../mocks/household';
import { type Fault, fromHttpRequest, withFaults } from '../../mocks/mock-http';
import {
  EXPORT_MPAN,
  GAS_MPRN,
  GAS_SERIAL,
  IMPORT_MPAN,
  OLD_SERIAL,
  type OctopusMockOptions,
  SMART_SERIAL,
  createMock,
} from './mock';

const NOW = Date.UTC(2025, 0, 10, 12);
const ORIGIN = 'https://api.octopus.energy';
const IMPORT = `octopus:${IMPORT_MPAN}:${SMART_SERIAL}`;
const OLD_IMPORT = `octopus:${IMPORT_MPAN}:${OLD_SERIAL}`;
const EXPORT = `octopus:${EXPORT_MPAN}:${SMART_SERIAL}`;
const GAS = `octopus:${GAS_MPRN}:${GAS_SERIAL}`;
const HH = MS_PER_HALF_HOUR;

interface Setup {
  mock?: OctopusMockOptions;
  settings?: Record<string, unknown>;
  faults?: Fault[];
}

function setup({ mock: options = {}, settings = {}, faults = [] }: Setup = {}) {
  const mock = createMock({ now: () => NOW, ...options });
  const h = harness(
    { [ORIGIN]: withFaults(mock.handler, { queue: faults.slice() }) },
    { providers: { octopus: { apiKey: mock.apiKey, account: mock.account, ...settings } } },
    NOW,
  );
  /** Consumption requests for data (not the meter list's one-row probes). */
  const usageQueries = () =>
    h.io.record.requests.map((r) => fromHttpRequest(r).query).filter((q) => q.period_from);
  return { mock, usageQueries, ...h };
}

const rows = (t: Table) => t.slice(1);

describe('Octopus Energy: meters', () => {
  it('finds every meter on the account, with the days it has data for', async () => {
    const { call, io, mock } = setup();
    const table = tableToJson(await call('METERS')).filter((r) => r[1] === 'octopus');
    expect(table.map((r) => r.slice(0, 6))).toEqual([
      [IMPORT, 'octopus', 'electricity', 'import', '2021-03-12', '2025-01-09'],
      [OLD_IMPORT, 'octopus', 'electricity', 'import', null, null],
      [EXPORT, 'octopus', 'electricity', 'export', '2021-03-12', '2025-01-09'],
      [GAS, 'octopus', 'gas', 'import', '2021-03-12', '2025-01-09'],
    ]);
    expect(table[1][6]).toContain('no data');
    expect(table[3][6]).toContain('m³ → kWh at 40 MJ/m³');
    // The account, then both ends of every meter's data in one batch.
    expect(io.record.batches).toEqual([1, 8]);
    expect(io.record.requests[0].url).toBe(`${ORIGIN}/v1/accounts/${mock.account}/`);
    expect(io.record.requests[0].headers?.Authorization).toBe(
      'Basic ' + base64Encode(mock.apiKey + ':'),
    );
  });

  it('makes the reporting import meter the default, not the one it replaced', async () => {
    const { call } = setup();
    expect(await call('USAGE', '2024-06-01', '2024-06-01', 'day', 'octopus')).toEqual(
      await call('USAGE', '2024-06-01', '2024-06-01', 'day', IMPORT),
    );
  });
});

describe('Octopus Energy: consumption', () => {
  it('fetches a year of half-hours in one request', async () => {
    const { call, io, mock, usageQueries } = setup();
    await call('METERS');
    const before = io.record.batches.length;
    const t = await call('USAGE', '2024-01-01', '2024-12-31', 'none', IMPORT);
    expect(io.record.batches.slice(before)).toEqual([1]);
    expect(usageQueries()).toEqual([
      {
        period_from: '2024-01-01T00:00:00Z',
        period_to: '2025-01-01T00:00:00Z',
        page_size: '17568',
        order_by: 'period',
      },
    ]);
    expect(t[0]).toEqual(['Start', 'End', 'kWh', 'Missing']);
    expect(rows(t)).toHaveLength(17_568);
    let missing = 0;
    for (const r of rows(t)) {
      const want = mock.consumptionAt('import', utcOf(r[0]));
      if (want === null) missing++;
      expect([r[2], r[3]]).toEqual([want, want === null ? 1 : 0]);
    }
    expect(missing).toBeGreaterThan(0);
  });

  it('conserves energy and Missing in every aggregate', async () => {
    const { call } = setup();
    const none = await call('USAGE', '2024-03-01', '2024-03-31', 'none', IMPORT);
    expect(rows(none)).toHaveLength(31 * 48 - 2); // the spring-forward day has 46
    const total = sum(rows(none).map((r) => r[2]));
    const missing = sum(rows(none).map((r) => r[3]));
    for (const [how, count] of [
      ['hour', 31 * 24 - 1],
      ['day', 31],
      ['week', 5],
      ['month', 1],
    ] as const) {
      const t = await call('USAGE', '2024-03-01', '2024-03-31', how, IMPORT);
      expect(rows(t)).toHaveLength(count);
      expect(sum(rows(t).map((r) => r[col(t, 'kWh')]))).toBeCloseTo(total, 9);
      expect(sum(rows(t).map((r) => r[col(t, 'Missing')]))).toBe(missing);
    }
    for (const how of ['profile', 'weekday-profile', 'weekend-profile']) {
      const t = await call('USAGE', '2024-03-01', '2024-03-31', how, IMPORT);
      expect(rows(t)).toHaveLength(48);
    }
    const profile = await call('USAGE', '2024-03-01', '2024-03-31', 'profile', IMPORT);
    expect(sum(rows(profile).map((r) => (r[1] as number) * (r[2] as number)))).toBeCloseTo(
      total,
      9,
    );
  });

  it('reads summer (+01:00) and winter (Z) times: 46 and 50 half-hours on the DST days', async () => {
    const { call, mock } = setup();
    const spring = await call('USAGE', '2024-03-31', '2024-03-31', 'none', IMPORT);
    const fall = await call('USAGE', '2024-10-27', '2024-10-27', 'none', IMPORT);
    expect(rows(spring)).toHaveLength(46);
    expect(rows(fall)).toHaveLength(50);
    expect(utcOf(fall[1][0])).toBe(Date.UTC(2024, 9, 26, 23));
    const june = await call('USAGE', '2024-06-01', '2024-06-01', 'none', IMPORT);
    expect(utcOf(june[1][0])).toBe(Date.UTC(2024, 4, 31, 23));
    for (const r of [...rows(spring), ...rows(fall), ...rows(june)])
      expect(r[2]).toBe(mock.consumptionAt('import', utcOf(r[0])));
  });

  it('reads the export meter as export', async () => {
    const { call, mock } = setup();
    const t = await call('USAGE', '2024-07-01', '2024-07-31', 'day', EXPORT);
    const bounds = dayBoundaries(
      'Europe/London',
      daysFromCivil(2024, 7, 1),
      daysFromCivil(2024, 7, 31),
    );
    rows(t).forEach((r, i) => {
      let kwh = 0;
      for (let at = bounds[i]; at < bounds[i + 1]; at += HH)
        kwh += mock.consumptionAt('export', at) ?? 0;
      expect(r[2]).toBeCloseTo(kwh, 9);
    });
    expect(sum(rows(t).map((r) => r[2]))).toBeGreaterThan(100); // a sunny month of solar
  });

  it('turns SMETS2 gas m³ into kWh with the calorific value (default 40 MJ/m³)', async () => {
    const { call, mock } = setup();
    const t = await call('USAGE', '2024-01-01', '2024-01-07', 'none', GAS);
    let seen = 0;
    for (const r of rows(t)) {
      const m3 = mock.consumptionAt('gas', utcOf(r[0]));
      if (m3 === null) {
        expect(r[2]).toBeNull();
        continue;
      }
      seen++;
      expect(r[2]).toBeCloseTo((m3 * 1.02264 * 40) / 3.6, 12);
      expect(Math.abs((r[2] as number) - halfHourAt(utcOf(r[0])).gasKwh)).toBeLessThan(0.006);
    }
    expect(seen).toBeGreaterThan(200);
  });

  it('uses the calorific value in Settings', async () => {
    const cv = 38.7;
    const mine = setup({ mock: { calorificValue: cv }, settings: { calorificValue: cv } });
    const assumed = setup({ mock: { calorificValue: cv } });
    const a = await mine.call('USAGE', '2024-02', '2024-02', 'month', GAS);
    const b = await assumed.call('USAGE', '2024-02', '2024-02', 'month', GAS);
    expect(b[1][2] as number).toBeCloseTo(((a[1][2] as number) * 40) / cv, 9);
    let kwh = 0;
    const [from, to] = dayBoundaries(
      'Europe/London',
      daysFromCivil(2024, 2, 1),
      daysFromCivil(2024, 2, 29),
    ).filter((_, i, all) => i === 0 || i === all.length - 1);
    for (let at = from; at < to; at += HH) {
      const m3 = mine.mock.consumptionAt('gas', at);
      if (m3 !== null) kwh += gasM3ToKwh(m3, cv);
    }
    expect(a[1][2]).toBeCloseTo(kwh, 9);
  });

  it('reads SMETS1 gas as kWh when Settings say so', async () => {
    const { call, mock } = setup({ mock: { gasUnit: 'kWh' }, settings: { gasUnit: 'kWh' } });
    const t = await call('USAGE', '2024-01-01', '2024-01-03', 'none', GAS);
    for (const r of rows(t)) expect(r[2]).toBe(mock.consumptionAt('gas', utcOf(r[0])));
    expect(tableToJson(await call('METERS')).find((r) => r[0] === GAS)?.[6]).toContain('(kWh)');
  });

  it('splits longer ranges into shards of at most 25,000 half-hours, sent in one batch', async () => {
    const { call, io, usageQueries } = setup();
    await call('METERS');
    const before = io.record.batches.length;
    // From before the meter's first reading: only the part with data is asked for.
    await call('USAGE', '2020-01-01', '2024-12-31', 'month', IMPORT);
    const shards = usageQueries();
    expect(io.record.batches.slice(before)).toEqual([shards.length]);
    const first = Date.UTC(2021, 2, 12);
    const last = Date.UTC(2025, 0, 1);
    expect(shards).toHaveLength(Math.ceil((last - first) / HH / 25_000));
    expect(shards[0].period_from).toBe('2021-03-12T00:00:00Z');
    expect(shards[shards.length - 1].period_to).toBe('2025-01-01T00:00:00Z');
    for (let i = 0; i < shards.length; i++) {
      const span = (Date.parse(shards[i].period_to) - Date.parse(shards[i].period_from)) / HH;
      expect(Number(shards[i].page_size)).toBe(span);
      expect(span).toBeLessThanOrEqual(25_000);
      if (i > 0) expect(shards[i].period_from).toBe(shards[i - 1].period_to);
    }
  });

  it('fetches the remaining pages together when a server pages below 25,000', async () => {
    const capped = setup({ mock: { maxPageSize: 5000 } });
    const full = setup();
    await capped.call('METERS');
    const before = capped.io.record.batches.length;
    const a = await capped.call('USAGE', '2023-01-01', '2024-12-31', 'none', IMPORT);
    // Two shards of 17,544 half-hours: each a first page, then 3 more pages each, together.
    expect(capped.io.record.batches.slice(before)).toEqual([2, 6]);
    expect(a).toEqual(await full.call('USAGE', '2023-01-01', '2024-12-31', 'none', IMPORT));
  });

  it('follows a next link it cannot jump ahead in, one page at a time', async () => {
    // A server with opaque cursors instead of page numbers (other Kraken deployments).
    const mock = createMock({ now: () => NOW, maxPageSize: 5000 });
    const cursored: typeof mock.handler = async (req) => {
      const cursor = req.query.cursor;
      const path = cursor
        ? req.path.replace(
            /cursor=([^&]+)/,
            (_, c: string) => `page=${atob(decodeURIComponent(c))}`,
          )
        : req.path;
      const res = await mock.handler(
        fromHttpRequest({ method: 'GET', url: ORIGIN + path, headers: req.headers }),
      );
      return {
        ...res,
        body: res.body.replace(
          /page=(\d+)/g,
          (_, n: string) => `cursor=${encodeURIComponent(btoa(n))}`,
        ),
      };
    };
    const h = harness(
      { [ORIGIN]: cursored },
      { providers: { octopus: { apiKey: mock.apiKey, account: mock.account } } },
      NOW,
    );
    await h.call('METERS');
    const before = h.io.record.batches.length;
    const t = await h.call('USAGE', '2024-01-01', '2024-12-31', 'none', IMPORT);
    expect(h.io.record.batches.slice(before)).toEqual([1, 1, 1, 1]);
    expect(t).toEqual(await setup().call('USAGE', '2024-01-01', '2024-12-31', 'none', IMPORT));
  });

  it('never sends the key to the host a next link names', async () => {
    const { call, io } = setup({
      mock: { maxPageSize: 5000, origin: 'https://elsewhere.example' },
    });
    await call('USAGE', '2024-01-01', '2024-12-31', 'day', IMPORT);
    expect(io.record.requests.length).toBeGreaterThan(10);
    for (const r of io.record.requests) expect(r.url.startsWith(ORIGIN + '/v1/')).toBe(true);
  });

  it('counts intervals the API leaves out as Missing', async () => {
    const { call, mock } = setup();
    const t = await call('USAGE', '2024-05', '2024-05', 'month', IMPORT);
    const [from, to] = [Date.UTC(2024, 3, 30, 23), Date.UTC(2024, 4, 31, 23)];
    let absent = 0;
    for (let at = from; at < to; at += HH) if (mock.consumptionAt('import', at) === null) absent++;
    expect(absent).toBeGreaterThan(0);
    expect(t[1][col(t, 'Missing')]).toBe(absent);
  });
});

describe('Octopus Energy: errors', () => {
  it('says the API key was refused, without showing it in any form', async () => {
    const key = 'sk_live_WrongKeyWrongKey1234';
    const { fail } = setup({ settings: { apiKey: key } });
    const e = await fail('METERS');
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(
      /^Octopus Energy refused the credentials for account A-1B2C3D4E \(HTTP 401\)/,
    );
    for (const form of [key, base64Encode(key + ':'), encodeURIComponent(key)])
      expect(e.message).not.toContain(form);
  });

  it('says which account number it could not find', async () => {
    const { fail } = setup({ settings: { account: 'a-00000000' } });
    const e = await fail('USAGE', '2024-01-01', '2024-01-01', 'day', 'octopus');
    expect(e.kind).toBe('not-found');
    expect(e.message).toBe(
      'Octopus Energy has no account A-00000000 for this API key; check the account number in Settings (like A-1B2C3D4E)',
    );
  });

  it('checks the account number and key formats, never echoing the key', () => {
    const check = (octopus: Record<string, unknown>) => {
      try {
        validateSettings({ providers: { octopus } }, fieldsByProvider());
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(check({ apiKey: 'sk_live_abcdefghijklmnop', account: '12345678' })).toBe(
      'settings.providers.octopus.account: expected an account number like A-1B2C3D4E (on your bills and at the top of your online account)',
    );
    const spaced = 'sk_live abcdefghijklmnop';
    const m = check({ apiKey: spaced, account: 'A-1B2C3D4E' });
    expect(m).toMatch(/^settings\.providers\.octopus\.apiKey: expected an API key like sk_live_…/);
    expect(m).not.toContain(spaced);
  });

  it('refuses a calorific value that cannot be natural gas', async () => {
    const { fail } = setup({ settings: { calorificValue: 400 } });
    const e = await fail('USAGE', '2024-01-01', '2024-01-01', 'day', GAS);
    expect(e.kind).toBe('config');
    expect(e.message).toContain(
      'calorificValue: expected a gas calorific value in MJ/m³ between 30 and 50',
    );
  });

  it('retries a throttled request after the time the server asks for', async () => {
    const throttled: Fault = {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '3', 'content-type': 'application/json' },
      body: '{"detail":"Request was throttled. Expected available in 3 seconds."}',
    };
    const { call, io } = setup({ faults: [throttled] });
    const t = await call('USAGE', '2024-01-01', '2024-01-01', 'day', 'octopus');
    expect(typeof t[1][2]).toBe('number');
    expect(io.record.batches).toEqual([1, 1, 8, 1]); // 429, the account again, probes, usage
  });

  it('gives a clear error when throttling persists', async () => {
    const throttled: Fault = { kind: 'status', status: 429, headers: { 'retry-after': '1' } };
    const { fail } = setup({ faults: [throttled, throttled, throttled, throttled] });
    const e = await fail('METERS');
    expect(e).toEqual({
      kind: 'rate-limit',
      message:
        'Octopus Energy is rate-limiting requests for account A-1B2C3D4E (HTTP 429, asking to wait 1 s); try again later',
    });
  });
});

describe('the Octopus mock', () => {
  it('caps page_size at 25,000, pages with next, and treats period_to as exclusive', async () => {
    const mock = createMock({ now: () => NOW });
    const ask = async (query: string) =>
      JSON.parse(
        (
          await mock.handler(
            fromHttpRequest({
              method: 'GET',
              url: `${ORIGIN}/v1/electricity-meter-points/${IMPORT_MPAN}/meters/${SMART_SERIAL}/consumption/?${query}`,
              headers: { Authorization: 'Basic ' + base64Encode(mock.apiKey + ':') },
            }),
          )
        ).body,
      );
    const big = await ask('period_from=2022-01-01T00:00:00Z&page_size=30000&order_by=period');
    expect(big.results).toHaveLength(25_000);
    expect(big.next).toContain('page=2');
    const hour = await ask('period_from=2024-07-01T00:00:00Z&period_to=2024-07-01T01:00:00Z');
    expect(hour.results.map((r: { interval_start: string }) => r.interval_start)).toEqual([
      '2024-07-01T01:30:00+01:00',
      '2024-07-01T01:00:00+01:00',
    ]);
  });
});
