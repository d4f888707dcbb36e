// A faithful peer of the aiaas API (its OpenAPI reference, which the service gives its clients), built from its reference:
// - POST /auth/token: OAuth2 client credentials as a form body (client_id, client_secret,
//   grant_type=client_credentials) → {access_token, expires_in: 36000, token_type: "Bearer"};
//   refusals in Keycloak's shape {error, error_description} (the tokens' issuer is a
//   Keycloak realm "aiaas"), 401 for bad credentials, 400 for a bad grant.
// - Every resource answers {status, data} exactly as the reference shows it, including its
//   year-DAY-month timestamps ("2025-21-07T00:00:00Z") in tables and greenness windows and
//   year-month-day in the standby history, and the fields it leaves out (no account_number
//   in the 12-month distribution, none at all for greenness).
// - Errors: {status, detail} with 400 (bad period, POD, body), 401 (no/expired token, with
//   WWW-Authenticate: Bearer) and 404 (unknown account or path): our choice of shape, since
//   the reference shows none; it is the envelope's own status plus FastAPI's "detail".
// The paths are the reference's gaps, filled the same way as the provider's defaults but
// written out here independently, so a change on either side is caught.
import { localMidnight } from '../../../../shared/time/zone';
import {
  type Appliance,
  DEFAULT_APPLIANCES,
  ZONE,
  band,
  draws,
  hash,
  local,
  renewableFraction,
} from './household';
import { type MockHandler, type MockRequest, json } from '../../../mocks/mock-http';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export const MOCK_PATHS: Record<string, string> = {
  token: '/auth/token',
  pod: '/pod',
  onboarding: '/onboarding/{account_number}',
  consumption: '/consumption/{account_number}',
  distribution: '/consumption/{account_number}/distribution',
  'distribution-12-months': '/consumption/{account_number}/distribution/last-12-months',
  realtime: '/consumption/{account_number}/realtime',
  latest: '/consumption/{account_number}/latest',
  performance: '/consumption/{account_number}/performance',
  habits: '/consumption/{account_number}/habits',
  trend: '/consumption/{account_number}/trend',
  compound: '/consumption/{account_number}/compound',
  savings: '/savings/{account_number}',
  greenness: '/greenness',
};

export const PERIODS = [
  'yesterday',
  'last-seven-days',
  'this-week',
  'last-week',
  'this-month',
  'last-month',
];

export const POD_RE = /^[A-Z]{2}[0-9A-Z]{3}[A-Z0-9]{14}$/;

export interface AiaasMockOptions {
  clientId?: string;
  clientSecret?: string;
  accounts?: string[];
  /** The mock's "now", UTC ms. Default: the real clock. */
  clock?: () => number;
  tokenLifetimeSeconds?: number;
  /** Spacing of the consumption samples, minutes (the reference shows 1). */
  sampleMinutes?: number;
  /** How the API writes its table timestamps: year-day-month as in the reference, or not. */
  stampOrder?: 'ydm' | 'ymd';
  /** Serve other paths than MOCK_PATHS (to test the provider's overrides). */
  paths?: Partial<Record<string, string>>;
  basePath?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2025-21-07T00:00:00Z` (ydm, the reference's tables) or `2025-07-21T00:00:00Z`. */
export function formatStamp(utc: number, order: 'ydm' | 'ymd'): string {
  const d = new Date(utc);
  const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
  return order === 'ydm' ? `${y}-${day}-${m}T${time}` : `${y}-${m}-${day}T${time}`;
}

interface Window {
  from: number;
  to: number;
}

/** Rome's local day number of an instant. */
function romeDay(utc: number): number {
  return local(utc).day;
}

function dayStart(day: number): number {
  return localMidnight(ZONE, day);
}

/** The days of a named period, worked out independently of the provider's code. */
function periodDays(period: string, today: number): [number, number] {
  const d = new Date(today * DAY);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY;
  const lastMonthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1) / DAY;
  switch (period) {
    case 'yesterday':
      return [today - 1, today - 1];
    case 'last-seven-days':
      return [today - 7, today - 1];
    case 'this-week':
      return [today - weekday, today];
    case 'last-week':
      return [today - weekday - 7, today - weekday - 1];
    case 'this-month':
      return [monthStart, today];
    default: // last-month
      return [lastMonthStart, monthStart - 1];
  }
}

/** The period's instants up to now (whole minutes: a sample is sent once it is complete). */
function periodWindow(period: string, now: number): Window {
  const [first, last] = periodDays(period, romeDay(now));
  const end = Math.min(dayStart(last + 1), Math.floor(now / MINUTE) * MINUTE);
  return { from: dayStart(first), to: end };
}

/** The same period one step back (for "compared to previous period"). */
function previousWindow(period: string, now: number): Window {
  const w = periodWindow(period, now);
  const today = romeDay(now);
  let back: number;
  if (period === 'yesterday') back = 1;
  else if (period.endsWith('week') || period === 'last-seven-days') back = 7;
  else {
    const d = new Date(today * DAY);
    back = today - Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, d.getUTCDate()) / DAY;
  }
  return { from: w.from - back * DAY, to: w.to - back * DAY };
}

export function createMock(options: AiaasMockOptions = {}) {
  const clientId = options.clientId ?? 'meter-sheets-client';
  const clientSecret = options.clientSecret ?? 'aiaas-secret-7f3e9a1c2b4d';
  const accounts = options.accounts ?? ['1234567890'];
  const clock = options.clock ?? Date.now;
  const lifetime = options.tokenLifetimeSeconds ?? 36000;
  const step = (options.sampleMinutes ?? 1) * MINUTE;
  const order = options.stampOrder ?? 'ydm';
  const basePath = options.basePath ?? '/api';
  const paths = { ...MOCK_PATHS, ...(options.paths ?? {}) } as Record<string, string>;

  const state = {
    tokens: new Map<string, number>(),
    tokensIssued: 0,
    requests: [] as MockRequest[],
    pods: [] as { pod: string; account_number: string; company_code: string }[],
    onboardings: new Map<string, unknown>(),
  };

  const appliancesOf = (account: string): Appliance[] => {
    const ob = state.onboardings.get(account) as
      { appliances?: { appliance: string; quantity: number }[] } | undefined;
    if (ob?.appliances && ob.appliances.length > 0)
      return [
        ...ob.appliances.map((a) => ({ name: a.appliance, quantity: a.quantity })),
        { name: 'standby', quantity: 1 },
      ];
    return DEFAULT_APPLIANCES.map((name) => ({ name, quantity: 1 }));
  };
  const seedOf = (account: string) => hash(...[...account].map((c) => c.charCodeAt(0)));

  /** Wh per appliance over a window, from minute draws (every `every` minutes, weighted). */
  const energy = (account: string, w: Window, every = 1): number[] => {
    const apps = appliancesOf(account);
    const seed = seedOf(account);
    const sums = apps.map(() => 0);
    for (let t = w.from; t < w.to; t += every * MINUTE) {
      const d = draws(apps, t, seed);
      for (let i = 0; i < d.length; i++) sums[i] += (d[i] * every) / 60;
    }
    return sums.map((s) => Math.round(s * 100) / 100);
  };

  const ok = (data: unknown) => json(200, { status: 200, data });
  const fail = (status: number, detail: string, headers: Record<string, string> = {}) =>
    json(status, { status, detail }, headers);

  function token(req: MockRequest) {
    if (req.method !== 'POST')
      return json(405, { error: 'invalid_request', error_description: 'HTTP method not allowed' });
    if (!/application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? ''))
      return json(400, {
        error: 'invalid_request',
        error_description: 'Missing form parameter: grant_type',
      });
    const form = Object.fromEntries(new URLSearchParams(req.body));
    if (!form.grant_type)
      return json(400, {
        error: 'invalid_request',
        error_description: 'Missing form parameter: grant_type',
      });
    if (form.grant_type !== 'client_credentials')
      return json(400, {
        error: 'unsupported_grant_type',
        error_description: 'Unsupported grant_type',
      });
    if (form.client_id !== clientId || form.client_secret !== clientSecret)
      return json(401, {
        error: 'unauthorized_client',
        error_description: 'Invalid client or Invalid client credentials',
      });
    const now = clock();
    state.tokensIssued++;
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const access = [
      b64({ alg: 'RS256', typ: 'JWT', kid: 'bj19P3UOzlhAFuP79sWn' }),
      b64({
        exp: Math.floor(now / 1000) + lifetime,
        iat: Math.floor(now / 1000),
        jti: `t${state.tokensIssued}`,
        iss: 'http://keycloak.aiaas.local:8080/auth/realms/aiaas',
        typ: 'Bearer',
        azp: clientId,
      }),
      b64(`sig-${state.tokensIssued}-${hash(state.tokensIssued, now % 1e9)}`),
    ].join('.');
    state.tokens.set(access, now + lifetime * 1000);
    return json(200, { access_token: access, expires_in: lifetime, token_type: 'Bearer' });
  }

  function authorized(req: MockRequest) {
    const m = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
    const challenge = { 'www-authenticate': 'Bearer' };
    if (!m) return fail(401, 'Not authenticated', challenge);
    const expires = state.tokens.get(m[1]);
    if (expires === undefined || expires <= clock())
      return fail(401, 'Invalid or expired token', {
        ...challenge,
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    return null;
  }

  const period = (req: MockRequest, fromPath?: string) => {
    const p = fromPath ?? req.query.period;
    if (!p) return { error: fail(400, 'Missing query parameter: period') };
    if (!PERIODS.includes(p))
      return { error: fail(400, `Invalid period '${p}'. Allowed: ${PERIODS.join(', ')}`) };
    return { period: p };
  };

  const table = (index: unknown[], columns: string[], data: unknown[][]) => ({
    index,
    columns,
    data,
  });

  /** The last 12 whole months, oldest first, each with its calendar month number. */
  const lastTwelveMonths = (now: number) => {
    const d = new Date(romeDay(now) * DAY);
    return Array.from({ length: 12 }, (_v, i) => {
      const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 12 + i, 1) / DAY;
      const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 11 + i, 1) / DAY;
      return {
        month: new Date(first * DAY).getUTCMonth() + 1,
        from: dayStart(first),
        to: dayStart(next),
      };
    });
  };

  const yearly = new Map<string, { bands: number[][]; apps: number[][] }>();
  /** Per month: Wh by tariff band and by appliance (15-minute steps: a year is long). */
  const year = (account: string, now: number) => {
    const months = lastTwelveMonths(now);
    const key = `${account}:${months[0].from}:${appliancesOf(account)
      .map((a) => a.name)
      .join()}`;
    let y = yearly.get(key);
    if (!y) {
      const apps = appliancesOf(account);
      const seed = seedOf(account);
      y = { bands: [], apps: [] };
      for (const mo of months) {
        const bands = [0, 0, 0];
        const per = apps.map(() => 0);
        for (let t = mo.from; t < mo.to; t += 15 * MINUTE) {
          const d = draws(apps, t, seed);
          const b = band(local(t));
          d.forEach((w, i) => {
            per[i] += (w * 15) / 60;
            bands[b] += (w * 15) / 60;
          });
        }
        y.bands.push(bands.map(Math.round));
        y.apps.push(per.map(Math.round));
      }
      yearly.set(key, y);
    }
    return { months, ...y };
  };

  const byMonthNumber = (months: { month: number }[], rows: number[][]) =>
    months.map((m, i) => ({ m: m.month, row: rows[i] })).sort((a, b) => a.m - b.m);

  function resource(
    name: string,
    account: string | undefined,
    req: MockRequest,
    periodInPath?: string,
  ) {
    const now = clock();
    if (account !== undefined && !accounts.includes(account)) return fail(404, 'Account not found');
    const acc = account as string;
    const apps = () => appliancesOf(acc).map((a) => a.name);
    switch (name) {
      case 'consumption': {
        const p = period(req, periodInPath);
        if (p.error) return p.error;
        const w = periodWindow(p.period, now);
        const seed = seedOf(acc);
        const list = appliancesOf(acc);
        const index: string[] = [];
        const data: number[][] = [];
        for (let t = w.from; t + step <= w.to; t += step) {
          const sums = list.map(() => 0);
          for (let u = t; u < t + step; u += MINUTE)
            draws(list, u, seed).forEach((v, i) => (sums[i] += v));
          index.push(formatStamp(t, order));
          data.push(sums.map((s) => Math.round((s / (step / MINUTE)) * 100) / 100));
        }
        return ok({
          account_number: acc,
          period: p.period,
          electricity_data: table(index, apps(), data),
        });
      }
      case 'distribution': {
        const p = period(req, periodInPath);
        if (p.error) return p.error;
        const now2 = energy(acc, periodWindow(p.period, now));
        const before = energy(acc, previousWindow(p.period, now));
        const total = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
        return ok({
          account_number: acc,
          period: p.period,
          total_consumption: { selected_period: total(now2), previous_period: total(before) },
          electricity_data: table([0], apps(), [now2]),
        });
      }
      case 'realtime': {
        const d = draws(appliancesOf(acc), Math.floor(now / MINUTE) * MINUTE, seedOf(acc));
        return ok({
          account_number: acc,
          realtime_consumption: Math.round(d.reduce((a, b) => a + b, 0)),
        });
      }
      case 'latest': {
        const end = Math.floor(now / MINUTE) * MINUTE;
        const index: string[] = [];
        const data: number[][] = [];
        for (let t = end - 6 * HOUR; t < end; t += MINUTE) {
          index.push(formatStamp(t, order));
          data.push([draws(appliancesOf(acc), t, seedOf(acc)).reduce((a, b) => a + b, 0)]);
        }
        return ok({
          account_number: acc,
          electricity_data: table(index, ['active_power_received'], data),
        });
      }
      case 'performance': {
        const p = period(req, periodInPath);
        if (p.error) return p.error;
        const user = energy(acc, periodWindow(p.period, now)).reduce((a, b) => a + b, 0);
        const h = hash(romeDay(now), 11);
        return ok({
          account_number: acc,
          period: p.period,
          performance: {
            min_consumption: Math.round(user * (0.45 + 0.2 * h)),
            max_consumption: Math.round(user * (1.6 + 0.4 * h)),
            user_consumption: Math.round(user * 100) / 100,
          },
        });
      }
      case 'habits': {
        const p = period(req, periodInPath);
        if (p.error) return p.error;
        const w = periodWindow(p.period, now);
        const sums = new Map<number, number>();
        for (let t = w.from; t < w.to; t += MINUTE) {
          const l = local(t);
          const k = l.weekday * 24 + Math.floor(l.minute / 60);
          sums.set(
            k,
            (sums.get(k) ?? 0) +
              draws(appliancesOf(acc), t, seedOf(acc)).reduce((a, b) => a + b, 0) / 60,
          );
        }
        const keys = [...sums.keys()].sort((a, b) => a - b);
        return ok({
          account_number: acc,
          period: p.period,
          electricity_data: table(
            keys.map((k) => [Math.floor(k / 24), k % 24]),
            ['consumption'],
            keys.map((k) => [Math.round(sums.get(k) as number)]),
          ),
        });
      }
      case 'trend': {
        const y = year(acc, now);
        const rows = byMonthNumber(y.months, y.bands);
        return ok({
          account_number: acc,
          period: 'yesterday', // sic: the reference's trend answer carries this field too
          electricity_data: table(
            rows.map((r) => r.m),
            ['f1', 'f2', 'f3'],
            rows.map((r) => r.row),
          ),
        });
      }
      case 'compound': {
        const y = year(acc, now);
        const rows = byMonthNumber(y.months, y.apps);
        return ok({
          account_number: acc,
          electricity_data: table(
            rows.map((r) => r.m),
            apps(),
            rows.map((r) => r.row),
          ),
        });
      }
      case 'distribution-12-months': {
        const y = year(acc, now);
        const totals = apps().map((_a, i) => y.apps.reduce((s, row) => s + row[i], 0));
        return ok({ electricity_data: table([0], apps(), [totals]) }); // no account_number: as the reference
      }
      case 'savings':
        return ok(savings(acc, now));
      case 'greenness':
        return ok(greenness(now));
    }
    return fail(404, 'Not Found');
  }

  function savings(acc: string, now: number) {
    const today = romeDay(now);
    const w = { from: dayStart(today - 28), to: dayStart(today) };
    const names = appliancesOf(acc).map((a) => a.name);
    const wh = energy(acc, w);
    const seed = seedOf(acc);
    const daysWith = (i: number) => {
      let n = 0;
      for (let d = today - 28; d < today; d++)
        if (hash(d, i, seed * 1e6) < (i === 1 ? 0.45 : 0.5)) n++;
      return n;
    };
    const at = (name: string) => wh[names.indexOf(name)];
    const list: unknown[] = [];
    for (const [name, code, average] of [
      ['washingMachine', 1, 510],
      ['dishwasher', 3, 870],
    ] as const) {
      if (!names.includes(name)) continue;
      const uses = daysWith(code);
      list.push({
        appliance: name,
        single_use_consumption: { user: uses ? Math.round(at(name) / uses) : 0, average },
        usages_number: { user: uses, average: 14 + code * 2 },
        consumption: { actual: Math.round(at(name)), saving: Math.round(at(name) * 0.2) },
      });
    }
    if (names.includes('fridge'))
      list.push({
        appliance: 'fridge',
        total_consumption: {
          user: Math.round(at('fridge')),
          average: Math.round(at('fridge') * 0.85),
        },
        consumption: { actual: Math.round(at('fridge')), saving: Math.round(at('fridge') * 0.15) },
      });
    if (names.includes('standby')) {
      const weeks = [3, 2, 1, 0].map((k) => {
        const start = today - 7 * (k + 1);
        const value = energy(acc, { from: dayStart(start), to: dayStart(start + 7) })[
          names.indexOf('standby')
        ];
        return {
          start: formatStamp(start * DAY, 'ymd'), // the reference writes this history y-m-d
          stop: formatStamp((start + 6) * DAY, 'ymd'),
          value: Math.round(value),
        };
      });
      list.push({
        appliance: 'standby',
        total_consumption: { user: Math.round(at('standby')), average: 40.52 },
        consumption: {
          actual: Math.round(at('standby')),
          saving: Math.round(at('standby') * 0.15),
        },
        history: {
          threshold: Math.round((weeks.reduce((s, x) => s + x.value, 0) / 4) * 0.9),
          consumptions_history: weeks,
        },
      });
    }
    return {
      account_number: acc,
      consumption: Math.round(wh.reduce((a, b) => a + b, 0)),
      saving_data: list,
    };
  }

  function greenness(now: number) {
    const from = Math.floor(now / DAY) * DAY;
    const index: string[] = [];
    const data: number[][] = [];
    for (let t = from; t < from + 2 * DAY; t += HOUR) {
      index.push(formatStamp(t, order));
      data.push([renewableFraction(t)]);
    }
    // Windows where renewables are at least 45 %, to the minute, that have not ended yet.
    const best: { start: string; stop: string }[] = [];
    let open: number | null = null;
    for (let t = from; t <= from + 2 * DAY; t += MINUTE) {
      const green = t < from + 2 * DAY && renewableFraction(t) >= 0.45;
      if (green && open === null) open = t;
      if (!green && open !== null) {
        if (t > now) best.push({ start: formatStamp(open, order), stop: formatStamp(t, order) });
        open = null;
      }
    }
    return { best_windows: best, time_series: table(index, ['renewable_fraction'], data) };
  }

  function pod(req: MockRequest) {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body);
    } catch {
      return fail(400, 'Request body is not valid JSON');
    }
    const { pod: p, account_number: acc, company_code: code } = body ?? {};
    if (typeof p !== 'string' || !POD_RE.test(p))
      return fail(400, 'Invalid POD: must match ^[A-Z]{2}[0-9A-Z]{3}[A-Z0-9]{14}$');
    if (typeof code !== 'string' || code === '') return fail(400, 'company_code is required');
    if (typeof acc !== 'string' || !accounts.includes(acc)) return fail(404, 'Account not found');
    const reg = { pod: p, account_number: acc, company_code: code };
    state.pods.push(reg);
    return ok(reg);
  }

  function onboarding(req: MockRequest, acc: string) {
    if (!accounts.includes(acc)) return fail(404, 'Account not found');
    let body: {
      house?: { type?: unknown; dimesion?: unknown; province?: unknown };
      residents?: Record<string, unknown>;
      appliances?: { appliance?: unknown; quantity?: unknown }[];
    };
    try {
      body = JSON.parse(req.body);
    } catch {
      return fail(400, 'Request body is not valid JSON');
    }
    const h = body.house;
    if (
      !h ||
      typeof h.type !== 'string' ||
      typeof h.dimesion !== 'number' ||
      typeof h.province !== 'string'
    )
      return fail(400, 'house: type, dimesion and province are required');
    const r = body.residents ?? {};
    for (const k of ['adults', 'children', 'elderlies'])
      if (!Number.isInteger(r[k]) || (r[k] as number) < 0)
        return fail(400, `residents.${k} must be a non-negative integer`);
    if (body.appliances !== undefined) {
      if (!Array.isArray(body.appliances)) return fail(400, 'appliances must be an array');
      for (const a of body.appliances)
        if (
          typeof a.appliance !== 'string' ||
          !Number.isInteger(a.quantity) ||
          (a.quantity as number) < 1
        )
          return fail(400, 'appliances: each needs an appliance name and a quantity of at least 1');
    }
    state.onboardings.set(acc, body);
    return ok({ account_number: acc, onboarding_data: body });
  }

  const routes = Object.entries(paths).map(([name, template]) => {
    const names: string[] = [];
    const re = (basePath + template)
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{(account_number|period)\}/g, (_m, n: string) => {
        names.push(n);
        return '([^/?]+)';
      });
    return { name, re: new RegExp(`^${re}$`), names };
  });

  const handler: MockHandler = (req) => {
    state.requests.push(req);
    const path = req.path.split('?')[0];
    for (const route of routes) {
      const m = route.re.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      if (route.name === 'token') return token(req);
      const refused = authorized(req);
      if (refused) return refused;
      const method = route.name === 'pod' || route.name === 'onboarding' ? 'POST' : 'GET';
      if (req.method !== method) return fail(405, 'Method Not Allowed');
      if (route.name === 'pod') return pod(req);
      if (route.name === 'onboarding') return onboarding(req, params.account_number);
      return resource(route.name, params.account_number, req, params.period);
    }
    return fail(404, 'Not Found');
  };

  return {
    handler,
    basePath,
    state,
    clientId,
    clientSecret,
    account: accounts[0],
    /** Revoke every token (as a server restart or a key rotation would). */
    revokeTokens: () => state.tokens.clear(),
    notes: `client id ${clientId}, client secret ${clientSecret}, account ${accounts[0]}: npx meter-sheets appliances --period yesterday --provider aiaas --client-id ${clientId} --client-secret ${clientSecret} --account ${accounts[0]} --base-url <URL above>`,
  };
}
