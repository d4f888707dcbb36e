// PowerShaper Monitor against its mock, through the spreadsheet functions as a host runs them.
import { describe, expect, it } from 'vitest';
import { fieldsByProvider } from '../../../shared/providers';
import { dayShards } from '../../../shared/providers/powershaper';
import { parseRecords } from '../../../shared/providers/powershaper/wire';
import { validateSettings } from '../../../shared/settings';
import { type Table, tableToJson } from '../../../shared/table';
import { MS_PER_DAY, MS_PER_HALF_HOUR, daysFromCivil } from '../../../shared/time/civil';
import { dayBoundaries } from '../../../shared/time/zone';
import { col, harness, sum, utcOf } from '../../helpers/provider-harness';
import { type Fault, fromHttpRequest, withFaults } from '../../mocks/mock-http';
import { HOME_CONSENT, OLD_CONSENT, type PowerShaperMockOptions, createMock } from './mock';

const NOW = Date.UTC(2025, 0, 10, 12);
const ORIGIN = 'https://app.powershaper.io';
const ELEC = `powershaper:${HOME_CONSENT}:electricity`;
const GAS = `powershaper:${HOME_CONSENT}:gas`;
const OLD = `powershaper:${OLD_CONSENT}:electricity`;
const HH = MS_PER_HALF_HOUR;

function setup(options: PowerShaperMockOptions = {}, faults: Fault[] = [], token?: string) {
  const mock = createMock({ now: () => NOW, ...options });
  const plan = { queue: faults.slice() };
  const h = harness(
    { [ORIGIN]: withFaults(mock.handler, plan) },
    { providers: { powershaper: { token: token ?? mock.token } } },
    NOW,
  );
  const usageRequests = () => h.io.record.requests.filter((r) => r.url.includes('/meter/'));
  return { mock, plan, usageRequests, ...h };
}

function rows(t: Table) {
  return t.slice(1);
}

describe('PowerShaper Monitor: meters', () => {
  it('lists every consent’s meters with their data range, MPAN tail and status', async () => {
    const { call, io } = setup();
    const table = tableToJson(await call('METERS')).filter((r) => r[1] === 'powershaper');
    expect(table.map((r) => r.slice(0, 6))).toEqual([
      [ELEC, 'powershaper', 'electricity', 'import', '2021-03-12', '2025-01-09'],
      [GAS, 'powershaper', 'gas', 'import', '2021-03-12', '2025-01-09'],
      [OLD, 'powershaper', 'electricity', 'import', '2019-06-01', '2021-02-28'],
    ]);
    expect(table[0][6]).toContain('MPAN …4821');
    expect(table[2][6]).toContain('revoked');
    expect(io.record.requests[0].url).toBe(`${ORIGIN}/meters/api/v1/meters/`);
    expect(io.record.requests[0].headers?.Authorization).toMatch(/^Token [0-9a-f]{40}$/);
  });

  it('makes the electricity meter the default for the provider name', async () => {
    const { call } = setup();
    const byName = await call('USAGE', '2024-06-01', '2024-06-01', 'day', 'powershaper');
    const byId = await call('USAGE', '2024-06-01', '2024-06-01', 'day', ELEC);
    expect(byName).toEqual(byId);
  });
});

describe('PowerShaper Monitor: usage', () => {
  it('gives the records’ half-hours, with carbon, and their missing half-hours as Missing', async () => {
    const { call, mock } = setup();
    const t = await call('USAGE', '2024-07-01', '2024-07-31', 'none', ELEC);
    expect(t[0]).toEqual(['Start', 'End', 'kWh', 'Carbon (kg)', 'Missing']);
    expect(rows(t)).toHaveLength(31 * 48);
    let missing = 0;
    for (const r of rows(t)) {
      const want = mock.rowAt(mock.meters[0], utcOf(r[0]));
      expect(want).not.toBeNull();
      if (want!.missing) {
        missing++;
        expect([r[2], r[3], r[4]]).toEqual([null, null, 1]);
      } else expect([r[2], r[3], r[4]]).toEqual([want!.kwh, want!.carbonKg, 0]);
    }
    expect(missing).toBeGreaterThan(0);
  });

  it('conserves energy and Missing in every aggregate', async () => {
    const { call } = setup();
    const none = await call('USAGE', '2024-10-01', '2024-10-31', 'none', ELEC);
    const total = sum(rows(none).map((r) => r[2]));
    const missing = sum(rows(none).map((r) => r[4]));
    expect(rows(none)).toHaveLength(31 * 48 + 2); // the fall-back day has 50
    for (const [how, count] of [
      ['hour', 31 * 24 + 1],
      ['day', 31],
      ['week', 5],
      ['month', 1],
    ] as const) {
      const t = await call('USAGE', '2024-10-01', '2024-10-31', how, ELEC);
      expect(rows(t)).toHaveLength(count);
      expect(sum(rows(t).map((r) => r[col(t, 'kWh')]))).toBeCloseTo(total, 9);
      expect(sum(rows(t).map((r) => r[col(t, 'Missing')]))).toBe(missing);
    }
    let profiled = 0;
    for (const how of ['weekday-profile', 'weekend-profile']) {
      const t = await call('USAGE', '2024-10-01', '2024-10-31', how, ELEC);
      expect(rows(t)).toHaveLength(48);
      profiled += sum(rows(t).map((r) => (r[1] as number) * (r[2] as number)));
    }
    const profile = await call('USAGE', '2024-10-01', '2024-10-31', 'profile', ELEC);
    expect(sum(rows(profile).map((r) => (r[1] as number) * (r[2] as number)))).toBeCloseTo(
      total,
      9,
    );
    expect(profiled).toBeCloseTo(total, 9);
  });

  it('has 46 half-hours on the spring-forward day and 50 on the fall-back day', async () => {
    const { call, mock } = setup();
    const spring = await call('USAGE', '2024-03-31', '2024-03-31', 'none', ELEC);
    expect(rows(spring)).toHaveLength(46);
    expect(utcOf(spring[1][0])).toBe(Date.UTC(2024, 2, 31, 0));
    expect(utcOf(spring[46][1])).toBe(Date.UTC(2024, 2, 31, 23));
    const fall = await call('USAGE', '2024-10-27', '2024-10-27', 'none', ELEC);
    expect(rows(fall)).toHaveLength(50);
    for (const r of rows(fall)) {
      const want = mock.rowAt(mock.meters[0], utcOf(r[0]))!;
      expect(r[2]).toBe(want.missing ? null : want.kwh);
    }
    const hours = await call('USAGE', '2024-10-27', '2024-10-27', 'hour', ELEC);
    expect(rows(hours)).toHaveLength(25);
  });

  it('reads gas, with its missing days', async () => {
    const { call, mock } = setup();
    const t = await call('USAGE', '2024-01-01', '2024-12-31', 'day', GAS);
    expect(rows(t)).toHaveLength(366);
    const bounds = dayBoundaries(
      'Europe/London',
      daysFromCivil(2024, 1, 1),
      daysFromCivil(2024, 12, 31),
    );
    let missingDays = 0;
    rows(t).forEach((r, i) => {
      let kwh = 0;
      let missing = 0;
      for (let at = bounds[i]; at < bounds[i + 1]; at += HH) {
        const row = mock.rowAt(mock.meters[1], at)!;
        if (row.missing) missing++;
        else kwh += row.kwh;
      }
      expect(r[col(t, 'Missing')]).toBe(missing);
      if (missing === (bounds[i + 1] - bounds[i]) / HH) {
        missingDays++;
        expect(r[col(t, 'kWh')]).toBeNull();
      } else expect(r[col(t, 'kWh')]).toBeCloseTo(kwh, 9);
    });
    expect(missingDays).toBeGreaterThan(0);
  });

  it('counts half-hours the API leaves out as Missing too', async () => {
    const a = setup();
    const b = setup({ omitMissing: true });
    const withRows = await a.call('USAGE', '2024-07', '2024-07', 'month', ELEC);
    const withoutRows = await b.call('USAGE', '2024-07', '2024-07', 'month', ELEC);
    expect(withoutRows).toEqual(withRows);
    expect(withRows[1][col(withRows, 'Missing')]).toBeGreaterThan(0);
  });

  it('asks only for days with data, split into quarters sent in one batch', async () => {
    const { call, io, usageRequests } = setup();
    const t = await call('USAGE', '2021-01-01', '2024-12-31', 'day', ELEC);
    // Before the consent's first record every half-hour is Missing, not zero.
    const firstData = rows(t).findIndex((r) => r[2] !== null);
    expect(tableToJson(t)[1 + firstData][0]).toMatch(/^2021-03-12/);
    expect(rows(t)[0][col(t, 'Missing')]).toBe(48);
    const shards = usageRequests().map((r) => fromHttpRequest(r).query);
    const days = daysFromCivil(2024, 12, 31) - daysFromCivil(2021, 3, 12) + 1;
    expect(shards).toHaveLength(Math.ceil(days / 92));
    expect(io.record.batches).toEqual([1, shards.length]); // meter list, then every shard at once
    expect(shards[0].start).toBe('2021-03-12');
    expect(shards[shards.length - 1].end).toBe('2024-12-31');
    for (let i = 0; i < shards.length; i++) {
      expect(shards[i]).toMatchObject({ aggregate: 'none', tz: 'Etc/UTC' });
      const a = Date.parse(shards[i].start);
      const b = Date.parse(shards[i].end);
      expect((b - a) / MS_PER_DAY + 1).toBeLessThanOrEqual(92);
      if (i > 0) expect(a).toBe(Date.parse(shards[i - 1].end) + MS_PER_DAY);
    }
  });

  it('sends nothing for a range entirely before the data begins', async () => {
    const { call, usageRequests } = setup();
    const t = await call('USAGE', '2020-01-01', '2020-01-31', 'month', ELEC);
    expect(usageRequests()).toHaveLength(0);
    expect(rows(t)[0][col(t, 'Missing')]).toBe(31 * 48);
  });

  it('keeps very long histories to one batch of at most 16 shards that tile the days', () => {
    const from = Date.UTC(1995, 0, 1);
    const to = Date.UTC(2025, 0, 1);
    const shards = dayShards(from, to);
    expect(shards.length).toBeLessThanOrEqual(16);
    expect(shards[0][0]).toBe(from / MS_PER_DAY);
    expect(shards[shards.length - 1][1]).toBe(to / MS_PER_DAY - 1);
    for (let i = 1; i < shards.length; i++) expect(shards[i][0]).toBe(shards[i - 1][1] + 1);
  });

  it('reads times written in local time (+01:00) the same as UTC ones', async () => {
    const { mock } = setup();
    const ask = async (tz: string, start: string, end: string) =>
      parseRecords(
        await mock.handler(
          fromHttpRequest({
            method: 'GET',
            url: `${ORIGIN}/meters/api/v1/meter/${HOME_CONSENT}/electricity?start=${start}&end=${end}&tz=${tz}`,
            headers: { Authorization: `Token ${mock.token}` },
          }),
        ),
      );
    const local = await ask('Europe/London', '2024-06-01', '2024-06-01');
    const utc = await ask('Etc/UTC', '2024-05-31', '2024-06-01');
    expect(local).toHaveLength(48);
    expect(local[0].start).toBe(Date.UTC(2024, 4, 31, 23));
    expect(local).toEqual(utc.filter((iv) => iv.start >= local[0].start).slice(0, 48));
  });
});

describe('PowerShaper Monitor: errors', () => {
  it('says the token was refused, without ever showing it', async () => {
    const wrong = 'f'.repeat(40);
    const { fail } = setup({}, [], wrong);
    const e = await fail('USAGE', '2024-01-01', '2024-01-01', 'day', 'powershaper');
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(
      /^PowerShaper Monitor refused the credentials for the meter list \(HTTP 401\)/,
    );
    expect(e.message).not.toContain(wrong);
  });

  it('refuses a token that is not 40 letters and digits, naming the field but not the value', () => {
    for (const bad of ['Token ' + 'a'.repeat(40), 'a'.repeat(39), 'a'.repeat(39) + '!']) {
      let message = '';
      try {
        validateSettings({ providers: { powershaper: { token: bad } } }, fieldsByProvider());
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(
        /^settings\.providers\.powershaper\.token: expected the 40-character access token/,
      );
      expect(message).not.toContain(bad);
    }
  });

  it('waits out a 429 as the server asks, then carries on', async () => {
    const throttled: Fault = {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '1', 'content-type': 'application/json' },
      body: '{"detail":"Request was throttled. Expected available in 1 second."}',
    };
    const { call, io } = setup({}, [throttled]);
    const t = await call('USAGE', '2024-01-01', '2024-01-01', 'day', ELEC);
    expect(typeof t[1][2]).toBe('number');
    // The throttled meter list, the same request again, then the usage.
    expect(io.record.requests.map((r) => r.url.split('?')[0].split('/v1/')[1])).toEqual([
      'meters/',
      'meters/',
      `meter/${HOME_CONSENT}/electricity`,
    ]);
  });

  it('gives a clear error when the rate limit persists', async () => {
    const throttled: Fault = { kind: 'status', status: 429, headers: { 'retry-after': '2' } };
    const { fail } = setup({}, [throttled, throttled, throttled, throttled]);
    const e = await fail('USAGE', '2024-01-01', '2024-01-01', 'day', ELEC);
    expect(e.kind).toBe('rate-limit');
    expect(e.message).toBe(
      'PowerShaper Monitor is rate-limiting requests for the meter list (HTTP 429, asking to wait 2 s); try again later',
    );
  });

  it('says when a listed meter has gone (404)', async () => {
    const { call, fail, mock } = setup();
    await call('METERS');
    mock.meters.pop(); // consent withdrawn after the meter list was cached
    const e = await fail('USAGE', '2020-06-01', '2020-06-01', 'day', OLD);
    expect(e.kind).toBe('not-found');
    expect(e.message).toContain('no longer has the electricity meter of consent 7b9e2c41');
  });

  it('reports an HTML error page or broken JSON as such', async () => {
    const html = setup({}, [
      { kind: 'html' },
      { kind: 'html' },
      { kind: 'html' },
      { kind: 'html' },
    ]);
    const e1 = await html.fail('METERS');
    expect(e1.message).toBe(
      'PowerShaper Monitor failed to answer the meter list (HTTP 502); try again later',
    );
    const broken = setup({}, [{ kind: 'malformed-json' }]);
    const e2 = await broken.fail('METERS');
    expect(e2.message).toBe(
      'PowerShaper Monitor sent an answer that is not readable data (HTTP 200); try again later',
    );
  });
});
