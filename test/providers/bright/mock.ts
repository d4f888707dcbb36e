// Bright (Hildebrand's Glowmarkt API, v0-1) as a real HTTP peer, built from the public
// docs (https://docs.glowmarkt.com/GlowmarktAPIDataRetrievalDocumentationIndividualUserForBright.pdf,
// https://api.glowmarkt.com/api-docs/v0-1/resourcesys/) and the clients that follow them
// (pyglowmarkt, glowmarkt-rs). Faithful where it matters to a client:
// - every request must carry the `applicationId` header; after sign-in, a bare `token` header;
// - POST /auth {username, password} → {valid, token, exp, accountId, ...} (a JWT-shaped
//   token that expires; 401 once it has); wrong credentials → 401 {valid: false, error};
// - GET /virtualentity → the household's entities and resources (fixtures/virtualentity.json);
// - GET /resource/{id}/readings?from&to&period&function=sum&offset → {status, name,
//   resourceTypeId, resourceId, query, data: [[epoch s, value]], units}, `from` and `to`
//   both inclusive, UTC without an offset; a span over the period's window (10 days for
//   PT30M, 31 for PT1H/P1D, 42 for P1W, 366 for P1M) is refused with HTTP 400;
// - EVERY period of the range is in `data`: half-hours the meter never sent, has not sent
//   yet, or that are still to come read 0, as Bright's do;
// - kWh for electricity and for gas (Bright converts gas), pence for the cost resources;
// - /catchup (counted) and /current (watts, only with a Glow display).
// Assumed where the docs are silent: the wording of error bodies, the 400 for a span over
// the window (the docs state the windows, not the answer), and /current's shape (the
// readings' shape, units W). Only PT30M, PT1H and P1D are summed; P1W and P1M answer 400.
import { base64Encode } from '../../../shared/http';
import { BRIGHT_APPLICATION_ID } from '../../../shared/providers/bright/config';
import { MS_PER_DAY, parseDay } from '../../../shared/time/civil';
import { parseInstant } from '../../../shared/time/iso';
import { localMidnight } from '../../../shared/time/zone';
import { HH, dataEnd, halfHourAt } from '../../mocks/household';
import { type MockHandler, type MockRequest, json, text } from '../../mocks/mock-http';
import REFUSED from './fixtures/auth-refused.json';
import ENTITIES from './fixtures/virtualentity.json';

export const BRIGHT_USERNAME = 'ada.household@example.com';
export const BRIGHT_PASSWORD = 'Bright-mock-password-7c1e';
export const ENTITY = ENTITIES[0];
export const RESOURCES = {
  electricity: ENTITY.resources[0].resourceId,
  electricityCost: ENTITY.resources[1].resourceId,
  gas: ENTITY.resources[2].resourceId,
  gasCost: ENTITY.resources[3].resourceId,
};
/** Unit rates the cost resources are computed at, pence per kWh. */
export const RATES_PENCE = { electricity: 24.5, gas: 6.24 };

const WINDOW_DAYS: Record<string, number> = { PT30M: 10, PT1H: 31, P1D: 31, P1W: 42, P1M: 366 };
const PERIOD_MS: Record<string, number> = { PT30M: HH, PT1H: 2 * HH, P1D: MS_PER_DAY };

export interface BrightMockOptions {
  username?: string;
  password?: string;
  clock?: () => number;
  tokenLifetimeMs?: number;
  /** First local day (Europe/London) the meter has data for. */
  firstDay?: string;
  /** How long after a half-hour ends Bright has its reading (the DCC's delay). */
  lagMs?: number;
  /** A Glow display is linked: /current has live readings. */
  display?: boolean;
  /** The cost resources are listed (Bright knows the tariff). */
  cost?: boolean;
}

export interface HalfHourTruth {
  start: number;
  end: number;
  /** What the meter used; null where the reading never reached Bright (or not yet). */
  kwh: number | null;
  pence: number | null;
}

type Fuel = 'electricity' | 'gas';

export function createMock(options: BrightMockOptions = {}) {
  const username = options.username ?? BRIGHT_USERNAME;
  const password = options.password ?? BRIGHT_PASSWORD;
  const clock = options.clock ?? Date.now;
  const lifetime = options.tokenLifetimeMs ?? 7 * MS_PER_DAY;
  const firstMs = localMidnight(
    'Europe/London',
    parseDay(options.firstDay ?? '2023-01-01') as number,
  );
  const lagMs = options.lagMs ?? 6 * 3_600_000;
  const withCost = options.cost ?? true;
  const basePath = '/api/v0-1';
  const tokens = new Map<string, number>();
  const state = {
    signIns: 0,
    readings: [] as { resourceId: string; from: string; to: string; period: string }[],
    catchups: [] as string[],
    current: 0,
    /** Authenticated requests still allowed before every current token expires. */
    expireAfter: null as number | null,
  };

  const entities = () =>
    ENTITIES.map((e) => ({
      ...e,
      resources: e.resources.filter((r) => withCost || !r.classifier.endsWith('.cost')),
    }));

  /** The half-hour as Bright has it: the reading, or null when it has not arrived. */
  function received(fuel: Fuel, t: number): { kwh: number; pence: number } | null {
    if (t < firstMs || t + HH + lagMs > clock()) return null;
    const h = halfHourAt(t);
    if (fuel === 'gas' ? h.gasGap : h.electricityGap) return null;
    const kwh = fuel === 'gas' ? h.gasKwh : h.importKwh;
    return { kwh, pence: Math.round(kwh * RATES_PENCE[fuel] * 1e4) / 1e4 };
  }

  function truth(fuel: Fuel, from: number, to: number): HalfHourTruth[] {
    const out: HalfHourTruth[] = [];
    for (let t = Math.ceil(from / HH) * HH; t < to; t += HH) {
      const r = received(fuel, t);
      out.push({ start: t, end: t + HH, kwh: r?.kwh ?? null, pence: r?.pence ?? null });
    }
    return out;
  }

  const error = (status: number, message: string) => json(status, { error: message });

  function issue(): string {
    state.signIns++;
    const exp = Math.floor((clock() + lifetime) / 1000);
    const claims = base64Encode(JSON.stringify({ sub: 'mock-account', exp, n: state.signIns }));
    const token = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${claims.replace(/=+$/, '')}.mocksig${state.signIns}`;
    tokens.set(token, exp * 1000);
    return token;
  }

  function auth(req: MockRequest) {
    if (req.method !== 'POST') return error(405, 'Method not allowed');
    let body: { username?: unknown; password?: unknown };
    try {
      body = JSON.parse(req.body);
    } catch {
      return error(400, 'Request body is not JSON');
    }
    if (body.username !== username || body.password !== password) return json(401, REFUSED);
    const token = issue();
    return json(200, {
      valid: true,
      token,
      exp: Math.floor((tokens.get(token) as number) / 1000),
      userGroups: [],
      functionalGroupAccounts: [],
      accountId: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
      isTempAuth: false,
      name: 'Mock household',
    });
  }

  function authorised(req: MockRequest): boolean {
    const token = req.headers.token;
    if (!token) return false;
    const exp = tokens.get(token);
    if (exp === undefined || exp <= clock()) return false;
    if (state.expireAfter !== null) {
      if (state.expireAfter === 0) {
        for (const k of tokens.keys()) tokens.set(k, 0);
        state.expireAfter = null;
        return false;
      }
      state.expireAfter--;
    }
    return true;
  }

  function fuelOf(resourceId: string): { fuel: Fuel; cost: boolean } | null {
    const r = entities()
      .flatMap((e) => e.resources)
      .find((x) => x.resourceId === resourceId);
    if (!r) return null;
    return {
      fuel: r.classifier.startsWith('gas') ? 'gas' : 'electricity',
      cost: r.classifier.endsWith('.cost'),
    };
  }

  function readings(req: MockRequest, resourceId: string) {
    const what = fuelOf(resourceId);
    if (!what) return error(404, 'Resource not found');
    const q = req.query;
    const period = q.period ?? '';
    if (!(period in WINDOW_DAYS)) return error(400, 'Invalid period');
    if (q.function !== undefined && q.function !== 'sum') return error(400, 'Unsupported function');
    // No offset in the text: the times are read as UTC (the query's `offset` is 0 here).
    const noOffset = (s: string | undefined) =>
      s && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(s) ? parseInstant(s) : null;
    const from = noOffset(q.from);
    const to = noOffset(q.to);
    if (from === null || to === null || to < from) return error(400, 'Invalid from or to');
    if (to - from > WINDOW_DAYS[period] * MS_PER_DAY)
      return error(400, `Query range too large for period ${period}`);
    const step = PERIOD_MS[period];
    if (!step) return error(400, `Period ${period} is not supported by this mock`);
    state.readings.push({ resourceId, from: q.from, to: q.to, period });
    const data: [number, number][] = [];
    for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
      let sum = 0;
      for (let h = t; h < t + step; h += HH) {
        const r = received(what.fuel, h);
        if (r) sum += what.cost ? r.pence : r.kwh;
      }
      data.push([t / 1000, Math.round(sum * 1e4) / 1e4]);
    }
    const r = entities()
      .flatMap((e) => e.resources)
      .find((x) => x.resourceId === resourceId) as (typeof ENTITY.resources)[number];
    return json(200, {
      status: 'OK',
      name: r.name,
      resourceTypeId: r.resourceTypeId,
      resourceId,
      query: { from: q.from, to: q.to, period, function: 'sum' },
      data,
      units: what.cost ? 'pence' : 'kWh',
    });
  }

  function current(resourceId: string) {
    const what = fuelOf(resourceId);
    if (!what || what.cost) return error(404, 'Resource not found');
    state.current++;
    const now = clock();
    const data: [number, number][] = options.display
      ? [
          [
            Math.floor(now / 10_000) * 10,
            Math.round(halfHourAt(Math.floor(now / HH) * HH).importKwh * 2000),
          ],
        ]
      : [];
    return json(200, { status: 'OK', resourceId, data, units: 'W' });
  }

  const handler: MockHandler = (req) => {
    const path = req.path.split('?')[0];
    if (!path.startsWith(basePath + '/')) return text(404, 'Not Found');
    const rest = path.slice(basePath.length);
    if (req.headers.applicationid !== BRIGHT_APPLICATION_ID)
      return error(401, 'applicationId header missing or unknown');
    if (rest === '/auth') return auth(req);
    if (req.method !== 'GET') return error(405, 'Method not allowed');
    if (!authorised(req)) return error(401, 'Invalid or expired token');
    if (rest === '/virtualentity') return json(200, entities());
    const m = /^\/resource\/([^/]+)\/(readings|catchup|current)$/.exec(rest);
    if (!m) return error(404, 'Not found');
    const id = decodeURIComponent(m[1]);
    if (m[2] === 'readings') return readings(req, id);
    if (m[2] === 'current') return current(id);
    if (!fuelOf(id)) return error(404, 'Resource not found');
    state.catchups.push(id);
    return json(200, {
      status: 'OK',
      data: { resourceId: id, dataAvailable: dataEnd(clock()) / 1000 },
    });
  };

  return {
    handler,
    basePath,
    state,
    truth,
    /** Every token issued so far expires now. */
    expireAllTokens() {
      for (const k of tokens.keys()) tokens.set(k, 0);
    },
    /** The next `n` authenticated requests succeed; then every current token expires. */
    expireTokensAfter(n: number) {
      state.expireAfter = n;
    },
    notes: [
      `--username ${username} --password ${password}`,
      `meters: bright:${RESOURCES.electricity} (electricity), bright:${RESOURCES.gas} (gas)`,
    ].join('\n'),
  };
}

export type BrightMock = ReturnType<typeof createMock>;
