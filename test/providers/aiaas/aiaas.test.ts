// The aiaas provider and its functions against the mock, in-process: OAuth client
// credentials and the token cache, every endpoint's table, METER_USAGE over the API's
// named periods, METER_NOW, and the errors a user would meet.
import { describe, expect, it } from 'vitest';
import { validateSettings, fieldsByProvider } from '../../../shared';
import { parseQuery } from '../../../shared/http';
import { NAMED_PERIODS } from '../../../shared/time/named-periods';
import { NOW, ORIGIN, harness, refuse } from './harness';
import { json } from '../../mocks/mock-http';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const frame = (d: Record<string, unknown>, key = 'electricity_data') =>
  d[key] as { index: unknown[]; columns: string[]; data: number[][] };

describe('authentication', () => {
  it('gets a bearer token with the client credentials as a form, and sends it', () => {
    const h = harness();
    const rows = h.call('NOW', 'aiaas');
    expect(rows[0]).toEqual(['Time', 'Demand (W)']);
    const [token] = h.tokenRequests();
    expect(token.method).toBe('POST');
    expect(token.url).toBe(`${ORIGIN}/api/auth/token`);
    expect(token.headers?.['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect({ ...parseQuery(token.body ?? '') }).toEqual({
      client_id: h.mock.clientId,
      client_secret: h.mock.clientSecret,
      grant_type: 'client_credentials',
    });
    const issued = [...h.mock.state.tokens.keys()];
    expect(issued).toHaveLength(1);
    expect(h.apiRequests()[0].headers?.Authorization).toBe(`Bearer ${issued[0]}`);
  });

  it('reuses the token until shortly before its 36000 s run out', () => {
    const h = harness();
    h.call('NOW', 'aiaas');
    h.call('APPLIANCES', 'yesterday');
    h.clock.now = NOW + 35_000_000; // 1000 s left: still good
    h.call('INSIGHT', 'trend');
    expect(h.tokenRequests()).toHaveLength(1);
    h.clock.now = NOW + 35_950_000; // 50 s left: too close to use
    h.call('INSIGHT', 'compound');
    expect(h.tokenRequests()).toHaveLength(2);
    expect(h.apiRequests()).toHaveLength(4);
  });

  it('on a 401 gets one fresh token and sends the request again', () => {
    const h = harness();
    h.call('NOW', 'aiaas');
    h.mock.revokeTokens(); // a server restart, a rotated key
    const rows = h.call('APPLIANCES', 'yesterday');
    expect(rows.length).toBeGreaterThan(1);
    expect(h.sent().map((r) => r.url.replace(`${ORIGIN}/api`, '').split('?')[0])).toEqual([
      '/auth/token',
      '/consumption/1234567890/realtime',
      '/consumption/1234567890/distribution', // 401
      '/auth/token',
      '/consumption/1234567890/distribution',
    ]);
  });

  it('gives up after one fresh token is refused too, and says so', () => {
    const h = harness({ wrap: refuse(5, (p) => p.includes('/consumption/')) });
    expect(h.fail('NOW', 'aiaas')).toEqual({
      kind: 'auth',
      message:
        "aiaas refused a fresh access token for realtime consumption (HTTP 401); check the client's permissions and the account number in Settings",
    });
    expect(h.tokenRequests()).toHaveLength(2);
    expect(h.apiRequests()).toHaveLength(2);
  });

  it('refuses wrong credentials with a clear message that never holds the secret', () => {
    const wrong = 'not-the-secret-4a5b6c7d8e';
    const h = harness({ config: { clientSecret: wrong } });
    const e = h.fail('APPLIANCES', 'yesterday');
    expect(e).toEqual({
      kind: 'auth',
      message:
        'aiaas refused the client credentials (HTTP 401, unauthorized_client); check the client ID and secret in Settings',
    });
    expect(h.apiRequests()).toHaveLength(0);
    // Even a server that echoes the secret back gets only its error code repeated.
    const echo = harness({
      wrap: refuse(1, (p) => p.endsWith('/auth/token'), 400, {
        error: 'invalid_client',
        error_description: `bad secret ${'aiaas-secret-7f3e9a1c2b4d'}`,
      }),
    });
    const e2 = echo.fail('NOW', 'aiaas');
    expect(e2.message).toBe(
      'aiaas refused the client credentials (HTTP 400, invalid_client); check the client ID and secret in Settings',
    );
  });

  it('keeps secrets and tokens out of every cache key', () => {
    const h = harness();
    h.call('APPLIANCES', 'yesterday');
    h.call('USAGE', 'yesterday', '', 'day', 'aiaas');
    const token = [...h.mock.state.tokens.keys()][0];
    expect(h.io.cache.size).toBeGreaterThan(2);
    for (const key of h.io.cache.keys()) {
      expect(key).not.toContain(h.mock.clientSecret);
      expect(key).not.toContain(token);
      expect(key).not.toContain(h.mock.clientId);
    }
  });
});

describe('METER_USAGE over the named periods', () => {
  it('integrates the minute samples of every appliance into kWh', () => {
    const h = harness();
    const rows = h.call('USAGE', 'yesterday', '', 'day', 'aiaas');
    expect(rows).toEqual([
      ['Start', 'End', 'kWh', 'Missing'],
      ['2025-07-21T00:00:00+02:00', '2025-07-22T00:00:00+02:00', expect.any(Number), 0],
    ]);
    const raw = frame(h.raw('/consumption/1234567890?period=yesterday'));
    expect(raw.index[0]).toBe('2025-20-07T22:00:00Z'); // Rome's midnight, year-day-month
    expect(raw.data).toHaveLength(1440);
    const kwh = sum(raw.data.map((r) => sum(r))) / 60 / 1000;
    expect(rows[1][2]).toBeCloseTo(kwh, 9);
    // The same energy the API's own distribution reports, appliance by appliance.
    const appliances = h.call('APPLIANCES', 'yesterday');
    expect(sum(appliances.slice(1).map((r) => r[1] as number)) / 1000).toBeCloseTo(kwh, 4);
  });

  it('asks for exactly the period named, in Rome days', () => {
    const h = harness();
    // Tuesday 22 July 2025: this week has two days so far, this month 22.
    const expectedDays: Record<string, number> = {
      yesterday: 1,
      'last-seven-days': 7,
      'this-week': 2,
      'last-week': 7,
      'this-month': 22,
      'last-month': 30,
    };
    for (const period of NAMED_PERIODS) {
      const before = h.apiRequests().length;
      const rows = h.call('USAGE', period, '', 'day', 'aiaas');
      const asked = h.apiRequests().slice(before);
      expect(asked.map((r) => r.url)).toEqual([
        `${ORIGIN}/api/consumption/1234567890?period=${period}`,
      ]);
      expect(rows).toHaveLength(1 + expectedDays[period]);
    }
  });

  it("counts today's minutes still to come as Missing", () => {
    const h = harness();
    const today = h.call('USAGE', 'this-week', '', 'day', 'aiaas')[2];
    expect(today[0]).toBe('2025-07-22T00:00:00+02:00');
    expect(today[3]).toBe(1440 - 750); // data up to 12:29, the last complete minute
  });

  it('refuses other ranges, naming the periods it can do, without asking for data', () => {
    const h = harness();
    expect(h.fail('USAGE', '2025-07-01', '2025-07-15', 'day', 'aiaas')).toEqual({
      kind: 'unsupported',
      message:
        'aiaas (Italian appliance API) answers only for the periods yesterday, last-seven-days, this-week, last-week, this-month, last-month (today is 2025-07-22 in Europe/Rome); 2025-07-01..2025-07-15 is none of them: ask e.g. METER_USAGE("last-week")',
    });
    expect(h.fail('USAGE', '2025-07-20', '', 'hour', 'aiaas').kind).toBe('unsupported');
    expect(h.apiRequests()).toHaveLength(0); // only the token that proves the credentials
    // The dates of a named period are that period.
    expect(h.call('USAGE', '2025-07-14', '2025-07-20', 'day', 'aiaas')).toEqual(
      h.call('USAGE', 'last-week', '', 'day', 'aiaas'),
    );
  });

  it("shows another zone's hour outside the API's Rome day as Missing", () => {
    const h = harness({ timezone: 'Europe/London' });
    const row = h.call('USAGE', 'yesterday', '', 'day', 'aiaas')[1];
    expect(row[0]).toBe('2025-07-21T00:00:00+01:00');
    expect(row[3]).toBe(60); // London's 23:00–24:00 is Rome's next day
  });

  it("keeps Rome's 25-hour fall-back day whole", () => {
    const h = harness({ clock: () => Date.UTC(2025, 9, 27, 10, 0) });
    const hours = h.call('USAGE', 'yesterday', '', 'hour', 'aiaas');
    expect(hours).toHaveLength(1 + 25);
    expect(hours[3][0]).toBe('2025-10-26T02:00:00+02:00');
    expect(hours[4][0]).toBe('2025-10-26T02:00:00+01:00');
    const raw = frame(h.raw('/consumption/1234567890?period=yesterday'));
    expect(raw.data).toHaveLength(1500);
    const total = sum(hours.slice(1).map((r) => r[2] as number));
    expect(total).toBeCloseTo(sum(raw.data.map((r) => sum(r))) / 60_000, 9);
    expect(sum(hours.slice(1).map((r) => r[3] as number))).toBe(0);
  });

  it('reads ambiguous dates (5 July or 7 May?) by the period asked for, in either order', () => {
    const clock = () => Date.UTC(2025, 6, 6, 10, 0); // yesterday = Saturday 5 July
    for (const stampOrder of ['ydm', 'ymd'] as const) {
      const h = harness({ clock, stampOrder });
      const raw = frame(h.raw('/consumption/1234567890?period=yesterday'));
      expect(raw.index[1]).toBe(
        stampOrder === 'ydm' ? '2025-04-07T22:01:00Z' : '2025-07-04T22:01:00Z',
      );
      const row = h.call('USAGE', 'yesterday', '', 'day', 'aiaas')[1];
      expect(row[0]).toBe('2025-07-05T00:00:00+02:00');
      expect(row[3]).toBe(0);
      expect(row[2]).toBeCloseTo(sum(raw.data.map((r) => sum(r))) / 60_000, 9);
    }
  });

  it('takes the native interval from the sample spacing', () => {
    const minute = harness();
    const quarter = harness({ sampleMinutes: 15 });
    const rows = quarter.call('USAGE', 'yesterday', '', 'none', 'aiaas');
    expect(rows).toHaveLength(1 + 96);
    expect(rows[1].slice(0, 2)).toEqual(['2025-07-21T00:00:00+02:00', '2025-07-21T00:15:00+02:00']);
    const day = (h: ReturnType<typeof harness>) =>
      h.call('USAGE', 'yesterday', '', 'day', 'aiaas')[1];
    expect(day(quarter)[2]).toBeCloseTo(day(minute)[2] as number, 3);
    expect(day(quarter)[3]).toBe(0);
  });

  it('counts samples the API left out as Missing, never as zero', () => {
    const h = harness({
      wrap: (inner) => (req) => {
        const res = inner(req) as { status: number; headers: Record<string, string>; body: string };
        if (!req.path.includes('/consumption/1234567890?')) return res;
        const body = JSON.parse(res.body);
        const f = body.data.electricity_data;
        f.index.splice(600, 60); // 10:00–11:00 lost
        f.data.splice(600, 60);
        return json(200, body);
      },
    });
    const hours = h.call('USAGE', 'yesterday', '', 'hour', 'aiaas');
    expect(hours[11]).toEqual(['2025-07-21T10:00:00+02:00', '2025-07-21T11:00:00+02:00', null, 60]);
    expect(hours[10][3]).toBe(0);
  });
});

describe('METER_METERS, METER_NOW and METER_APPLIANCES', () => {
  it('METER_METERS lists the account as a meter after proving the credentials with a token', () => {
    const h = harness();
    const rows = h.call('METERS');
    expect(rows.find((r) => r[1] === 'aiaas')).toEqual([
      'aiaas:1234567890',
      'aiaas',
      'electricity',
      'import',
      '2025-06-01', // as far back as the API goes: last month
      '2025-07-22',
      'Household electricity by appliance, account 1234567890 (named periods only: yesterday, last-seven-days, this-week, last-week, this-month, last-month)',
    ]);
    expect(h.sent().map((r) => r.url.replace(`${ORIGIN}/api`, ''))).toEqual(['/auth/token']);
    const refused = harness({ config: { clientSecret: 'not-the-secret' } });
    expect(refused.fail('METERS').kind).toBe('auth');
  });

  it('METER_NOW is the realtime total in W, stamped with the time asked', () => {
    const h = harness();
    const realtime = h.raw('/consumption/1234567890/realtime');
    expect(h.call('NOW', 'aiaas')).toEqual([
      ['Time', 'Demand (W)'],
      ['2025-07-22T12:30:00+02:00', realtime.realtime_consumption],
    ]);
  });

  it('METER_APPLIANCES lists each appliance with its Wh', () => {
    const h = harness();
    const raw = frame(h.raw('/consumption/1234567890/distribution?period=last-week'));
    expect(h.call('APPLIANCES', 'last-week')).toEqual([
      ['Appliance', 'Wh'],
      ...raw.columns.map((c, i) => [c, raw.data[0][i]]),
    ]);
    expect(raw.columns).toEqual([
      'fridge',
      'washingMachine',
      'dishwasher',
      'oven',
      'smallAppliances',
      'standby',
    ]);
  });
});

describe('METER_INSIGHT', () => {
  const h = harness();
  const insight = (kind: string, period?: string) => h.call('INSIGHT', kind, period);

  it('power: each appliance per minute, timestamps in the sheet zone', () => {
    const raw = frame(h.raw('/consumption/1234567890?period=yesterday'));
    const rows = insight('power', 'yesterday');
    expect(rows[0]).toEqual(['Time', ...raw.columns.map((c) => `${c} (W)`)]);
    expect(rows).toHaveLength(1 + 1440);
    expect(rows[1]).toEqual(['2025-07-21T00:00:00+02:00', ...raw.data[0]]);
    expect(rows[1440]).toEqual(['2025-07-21T23:59:00+02:00', ...raw.data[1439]]);
  });

  it('totals: this period against the previous one', () => {
    const raw = h.raw('/consumption/1234567890/distribution?period=last-week');
    const t = raw.total_consumption as { selected_period: number; previous_period: number };
    expect(insight('totals', 'last-week')).toEqual([
      ['Period', 'Wh', 'Previous period (Wh)', 'Change'],
      [
        'last-week',
        t.selected_period,
        t.previous_period,
        (t.selected_period - t.previous_period) / t.previous_period,
      ],
    ]);
  });

  it('latest: six hours of total power, ending with the last complete minute', () => {
    const rows = insight('latest');
    expect(rows[0]).toEqual(['Time', 'active_power_received (W)']);
    expect(rows).toHaveLength(1 + 360);
    expect(rows[1][0]).toBe('2025-07-22T06:30:00+02:00');
    expect(rows[360][0]).toBe('2025-07-22T12:29:00+02:00');
    const raw = frame(h.raw('/consumption/1234567890/latest'));
    expect(rows.slice(1).map((r) => r[1])).toEqual(raw.data.map((r) => r[0]));
  });

  it('performance: yours against similar homes', () => {
    const p = h.raw('/consumption/1234567890/performance?period=yesterday').performance as Record<
      string,
      number
    >;
    const rows = insight('performance', 'yesterday');
    expect(rows).toEqual([
      ['Similar homes, least (Wh)', 'Similar homes, most (Wh)', 'Yours (Wh)'],
      [p.min_consumption, p.max_consumption, p.user_consumption],
    ]);
    expect(p.min_consumption).toBeLessThan(p.user_consumption);
    expect(p.user_consumption).toBeLessThan(p.max_consumption);
  });

  it('habits: [weekday, hour] index in two columns', () => {
    const raw = frame(h.raw('/consumption/1234567890/habits?period=last-week'));
    const rows = insight('habits', 'last-week');
    expect(rows[0]).toEqual(['Weekday (0 = Monday)', 'Hour', 'consumption (Wh)']);
    expect(rows).toHaveLength(1 + 7 * 24);
    expect(rows.slice(1)).toEqual(raw.index.map((ix, i) => [...(ix as number[]), raw.data[i][0]]));
    expect(rows[1 + 7 * 24 - 1].slice(0, 2)).toEqual([6, 23]);
  });

  it('trend and compound: twelve months, by tariff band and by appliance', () => {
    for (const [kind, first] of [
      ['trend', ['Month', 'f1 (Wh)', 'f2 (Wh)', 'f3 (Wh)']],
      [
        'compound',
        [
          'Month',
          'fridge (Wh)',
          'washingMachine (Wh)',
          'dishwasher (Wh)',
          'oven (Wh)',
          'smallAppliances (Wh)',
          'standby (Wh)',
        ],
      ],
    ] as const) {
      const raw = frame(h.raw(`/consumption/1234567890/${kind}`));
      const rows = insight(kind);
      expect(rows[0]).toEqual(first);
      expect(rows.slice(1)).toEqual(raw.index.map((m, i) => [m, ...raw.data[i]]));
      expect(rows.slice(1).map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    }
  });

  it('distribution-12-months: the year by appliance, matching the compound months', () => {
    const rows = insight('distribution-12-months');
    const compound = insight('compound');
    expect(rows[0]).toEqual(['Appliance', 'Wh']);
    rows.slice(1).forEach((r, i) => {
      expect(`${r[0]} (Wh)`).toBe(compound[0][i + 1]);
      expect(r[1]).toBe(sum(compound.slice(1).map((m) => m[i + 1] as number)));
    });
  });

  it('savings and the standby history', () => {
    const raw = h.raw('/savings/1234567890').saving_data as Record<
      string,
      Record<string, number>
    >[];
    const rows = insight('savings');
    expect(rows[0]).toEqual([
      'Appliance',
      'Actual (Wh)',
      'Saving (Wh)',
      'Single use (Wh)',
      'Single use, average (Wh)',
      'Uses',
      'Uses, average',
      'Total (Wh)',
      'Total, average (Wh)',
    ]);
    expect(rows.map((r) => r[0]).slice(1)).toEqual([
      'washingMachine',
      'dishwasher',
      'fridge',
      'standby',
    ]);
    const wm = raw[0];
    expect(rows[1]).toEqual([
      'washingMachine',
      wm.consumption.actual,
      wm.consumption.saving,
      wm.single_use_consumption.user,
      wm.single_use_consumption.average,
      wm.usages_number.user,
      wm.usages_number.average,
      null,
      null,
    ]);
    const history = insight('standby-history');
    expect(history[0]).toEqual(['Start', 'Stop', 'Wh', 'Threshold (Wh)']);
    expect(history).toHaveLength(5);
    // Written year-month-day in the reference, unlike the tables; midnight UTC.
    expect(history[1].slice(0, 2)).toEqual([
      '2025-06-24T02:00:00+02:00',
      '2025-06-30T02:00:00+02:00',
    ]);
    expect(history[4].slice(0, 2)).toEqual([
      '2025-07-15T02:00:00+02:00',
      '2025-07-21T02:00:00+02:00',
    ]);
  });

  it('greenness: the renewable share by hour, flagged inside the best windows', () => {
    const windows = insight('green-windows');
    expect(windows[0]).toEqual(['Start', 'Stop']);
    expect(windows.length).toBeGreaterThan(1);
    const rows = insight('greenness');
    expect(rows[0]).toEqual(['Time', 'renewable_fraction', 'Best window']);
    expect(rows).toHaveLength(1 + 48);
    for (const r of rows.slice(1)) {
      const t = Date.parse(r[0] as string);
      const inside = windows
        .slice(1)
        .some((w) => t >= Date.parse(w[0] as string) && t < Date.parse(w[1] as string));
      expect(r[2]).toBe(inside);
      if (inside) expect(r[1]).toBeGreaterThanOrEqual(0.4);
    }
    expect(rows.some((r) => r[2] === true)).toBe(true);
  });
});

describe('errors a user meets', () => {
  const h = harness();

  it('an unknown kind lists the kinds', () => {
    expect(h.fail('INSIGHT', 'weather')).toEqual({
      kind: 'argument',
      message:
        'kind: expected one of power, totals, latest, performance, habits, trend, compound, distribution-12-months, savings, standby-history, greenness, green-windows, got "weather"',
    });
  });

  it('periods: required where the API needs one, refused where it takes none', () => {
    expect(h.fail('INSIGHT', 'habits').message).toBe(
      'period: expected one of yesterday, last-seven-days, this-week, last-week, this-month, last-month (habits is per period)',
    );
    expect(h.fail('INSIGHT', 'trend', 'last-week').message).toBe(
      'period: trend takes no period; leave it empty',
    );
    expect(h.fail('APPLIANCES', '2025-07').message).toBe(
      'period: expected one of yesterday, last-seven-days, this-week, last-week, this-month, last-month, got "2025-07"',
    );
  });

  it("the aiaas functions name the problem when given another provider's meter", () => {
    expect(h.fail('APPLIANCES', 'yesterday', 'demo')).toEqual({
      kind: 'unsupported',
      message:
        'meter: METER_APPLIANCES needs a meter of the Italian appliance API (aiaas); demo:electricity is from Demo meter',
    });
    expect(h.fail('INSIGHT', 'trend', '', 'demo:gas').message).toBe(
      'meter: METER_INSIGHT needs a meter of the Italian appliance API (aiaas); demo:gas is from Demo meter',
    );
  });

  it('without settings, says what to fill in', () => {
    const bare = harness({
      config: { clientId: undefined, clientSecret: undefined, accountNumber: undefined },
    });
    expect(bare.fail('APPLIANCES', 'yesterday')).toEqual({
      kind: 'config',
      message:
        'aiaas (Italian appliance API) is not set up: fill in Client ID, Client secret, Account number in Settings',
    });
  });

  it('an account the API does not know is named', () => {
    const other = harness({ config: { accountNumber: '9999999999' } });
    expect(other.fail('APPLIANCES', 'yesterday')).toEqual({
      kind: 'not-found',
      message:
        'aiaas has no consumption distribution for yesterday for account 9999999999 (HTTP 404); check the account number in Settings, or the endpoint paths',
    });
  });

  it("the API's own refusals and broken answers, never echoing a body", () => {
    const bad = harness({
      wrap: refuse(1, (p) => p.includes('/realtime'), 400, {
        status: 400,
        detail: 'aiaas-secret-7f3e9a1c2b4d',
      }),
    });
    expect(bad.fail('NOW', 'aiaas')).toEqual({
      kind: 'provider',
      message: 'aiaas rejected the request for realtime consumption (HTTP 400)',
    });
    const inside = harness({
      wrap: refuse(1, (p) => p.includes('/realtime'), 200, { status: 503, detail: 'maintenance' }),
    });
    expect(inside.fail('NOW', 'aiaas').message).toBe(
      'aiaas failed to answer realtime consumption (HTTP 503); try again later',
    );
    const html = harness({
      wrap: (inner) => (req) =>
        req.path.includes('/trend')
          ? { status: 200, headers: {}, body: '<html>maintenance</html>' }
          : inner(req),
    });
    expect(html.fail('INSIGHT', 'trend').message).toBe(
      'aiaas sent a web page instead of data (HTTP 200), as a proxy, portal or maintenance page does; try again later',
    );
    const noEnvelope = harness({
      wrap: (inner) => (req) =>
        req.path.includes('/trend') ? json(200, { electricity_data: {} }) : inner(req),
    });
    expect(noEnvelope.fail('INSIGHT', 'trend').message).toBe(
      'aiaas answered consumption trend without its data envelope',
    );
  });
});

describe('endpoint paths', () => {
  it('are overridable in settings, including the token endpoint and a {period} segment', () => {
    const paths = {
      token: '/realms/aiaas/protocol/openid-connect/token',
      realtime: '/v2/{account_number}/now',
      consumption: '/v2/{account_number}/consumption/{period}',
    };
    const h = harness({
      paths,
      config: {
        paths: Object.entries(paths)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
      },
    });
    expect(h.call('NOW', 'aiaas')[1][1]).toEqual(expect.any(Number));
    expect(h.call('USAGE', 'yesterday', '', 'day', 'aiaas')[1][3]).toBe(0);
    expect(h.sent().map((r) => r.url.replace(`${ORIGIN}/api`, ''))).toEqual([
      '/realms/aiaas/protocol/openid-connect/token',
      '/v2/1234567890/now',
      '/v2/1234567890/consumption/yesterday',
    ]);
  });

  it('are checked, with errors naming the field', () => {
    const check = (paths: string) => {
      try {
        validateSettings({ providers: { aiaas: { paths } } }, fieldsByProvider());
        return 'ok';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(check('realtime=/v2/{account_number}/now; trend=/t/{account_number}')).toBe('ok');
    const hint =
      'settings.providers.aiaas.paths: expected name=/path pairs separated by ";", each name one of token, pod, onboarding, consumption, distribution, distribution-12-months, realtime, latest, performance, habits, trend, compound, savings, greenness (e.g. realtime=/v2/{account_number}/realtime)';
    expect(check('realtme=/v2/{account_number}/now')).toBe(hint);
    expect(check('realtime /v2/now')).toBe(hint);
    const h = harness({ config: { paths: 'realtime=/v2/now' } });
    expect(h.fail('NOW', 'aiaas')).toEqual({
      kind: 'config',
      message:
        'settings.providers.aiaas.paths: realtime: the path must contain {account_number}, got "/v2/now"',
    });
    const g = harness({ config: { paths: 'greenness=v2/green' } });
    expect(g.fail('INSIGHT', 'greenness').message).toBe(
      'settings.providers.aiaas.paths: greenness: expected a path starting with / (or an https:// URL), got "v2/green"',
    );
  });
});
