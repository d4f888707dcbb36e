// The Glowmarkt API's shapes (v0-1), as Bright uses it, and their parsing. Sources:
// - https://docs.glowmarkt.com/GlowmarktAPIDataRetrievalDocumentationIndividualUserForBright.pdf
//   (sign-in, virtual entities, readings, catchup, the per-period query windows);
// - the Swagger definitions at https://api.glowmarkt.com/api-docs/v0-1/usersys/usertypes/,
//   https://api.glowmarkt.com/api-docs/v0-1/vesys/ and https://api.glowmarkt.com/api-docs/v0-1/resourcesys/;
// - public clients that follow them: https://github.com/cybermaggedon/pyglowmarkt and
//   https://docs.rs/glowmarkt (glowmarkt-rs, whose split_periods uses the same windows).
// Every request carries an `applicationId` header; after sign-in, the JWT goes in a bare
// `token` header (no Authorization header). Times are sent as UTC wall-clock time without
// an offset (`2024-01-01T00:00:00`) with offset=0; readings come back as epoch seconds.
import { MeterError } from '../../errors';
import { type HttpRequest, type HttpResponse, buildUrl, parseJsonBody } from '../../http';
import { MS_PER_DAY, MS_PER_HALF_HOUR } from '../../time/civil';
import { formatInstant } from '../../time/iso';
import { BRIGHT_LABEL, type BrightSettings } from './config';

export type ReadingPeriod = 'PT30M' | 'PT1H' | 'P1D' | 'P1W' | 'P1M';

/**
 * The longest span one readings request may cover, by period (the documented query
 * windows: 10 days of half-hours, 31 days of hours or days, 6 weeks of weeks, 366 days of
 * months). A longer request is refused, so long ranges are cut into windows.
 */
export const MAX_SPAN_MS: Record<ReadingPeriod, number> = {
  PT30M: 10 * MS_PER_DAY,
  PT1H: 31 * MS_PER_DAY,
  P1D: 31 * MS_PER_DAY,
  P1W: 42 * MS_PER_DAY,
  P1M: 366 * MS_PER_DAY,
};

export const PERIOD_MS: Partial<Record<ReadingPeriod, number>> = {
  PT30M: MS_PER_HALF_HOUR,
  PT1H: 2 * MS_PER_HALF_HOUR,
};

function headers(s: BrightSettings, token?: string): Record<string, string> {
  const h: Record<string, string> = {
    applicationId: s.applicationId,
    Accept: 'application/json',
  };
  if (token) h.token = token;
  return h;
}

/** `2024-01-01T00:00:00`: UTC, no offset, as the readings query wants it. */
export function wireTime(utc: number): string {
  return formatInstant(utc, 0, false).slice(0, 19);
}

/** POST /auth {username, password}: a token for about seven days. */
export function authRequest(s: BrightSettings): HttpRequest {
  return {
    method: 'POST',
    url: buildUrl(s.baseUrl, 'auth'),
    headers: { ...headers(s), 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: s.username, password: s.password }),
    // Signing in twice only issues a second token: safe to retry.
    idempotent: true,
  };
}

export function virtualEntitiesRequest(s: BrightSettings, token: string): HttpRequest {
  return { method: 'GET', url: buildUrl(s.baseUrl, 'virtualentity'), headers: headers(s, token) };
}

/**
 * GET /resource/{id}/readings over [from, to): `to` is sent as the last second before the
 * end, since the API includes a reading that starts at `to` (the documented examples end
 * days at T23:59:59).
 */
export function readingsRequest(
  s: BrightSettings,
  token: string,
  resourceId: string,
  from: number,
  to: number,
  period: ReadingPeriod,
): HttpRequest {
  return {
    method: 'GET',
    url: buildUrl(s.baseUrl, `resource/${encodeURIComponent(resourceId)}/readings`, {
      from: wireTime(from),
      to: wireTime(to - 1000),
      period,
      offset: 0,
      function: 'sum',
    }),
    headers: headers(s, token),
  };
}

/** GET /resource/{id}/catchup: asks Glowmarkt to pull the meter's latest data from the DCC. */
export function catchupRequest(s: BrightSettings, token: string, resourceId: string): HttpRequest {
  return {
    method: 'GET',
    url: buildUrl(s.baseUrl, `resource/${encodeURIComponent(resourceId)}/catchup`),
    headers: headers(s, token),
  };
}

/** GET /resource/{id}/current: the live reading, where a Glow display sends one. */
export function currentRequest(s: BrightSettings, token: string, resourceId: string): HttpRequest {
  return {
    method: 'GET',
    url: buildUrl(s.baseUrl, `resource/${encodeURIComponent(resourceId)}/current`),
    headers: headers(s, token),
  };
}

export interface IssuedToken {
  token: string;
  /** UTC ms. */
  expiresAt: number;
}

/** The JSON object of a 2xx answer, or a clear error. */
function objectBody(response: HttpResponse): Record<string, unknown> {
  const body = parseJsonBody<unknown>(response, BRIGHT_LABEL);
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new MeterError('provider', `${BRIGHT_LABEL} sent an answer of an unexpected shape`);
  return body as Record<string, unknown>;
}

/** The sign-in answer `{valid, token, exp, accountId, ...}`; exp in epoch seconds. */
export function parseAuth(response: HttpResponse, now: number): IssuedToken {
  const body = objectBody(response);
  if (body.valid === false)
    throw new MeterError(
      'auth',
      `${BRIGHT_LABEL} refused the e-mail and password; check them in Settings (the ones you sign in to the Bright app with)`,
    );
  if (typeof body.token !== 'string' || !body.token)
    throw new MeterError('provider', `${BRIGHT_LABEL} answered the sign-in without a token`);
  const exp = typeof body.exp === 'number' && Number.isFinite(body.exp) ? body.exp * 1000 : null;
  // Documented lifetime: seven days. A missing or past `exp` is not trusted for longer.
  const expiresAt = exp !== null && exp > now ? exp : now + 7 * MS_PER_DAY;
  return { token: body.token, expiresAt };
}

/** What a resource measures, from its classifier. */
export type ResourceRole = { fuel: 'electricity' | 'gas'; kind: 'consumption' | 'cost' } | null;

export interface RawResource {
  resourceId: string;
  resourceTypeId: string;
  name: string;
  classifier: string;
  baseUnit: string;
}

export interface RawEntity {
  veId: string;
  name: string;
  resources: RawResource[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `electricity.consumption`, `gas.consumption.cost`, …: fuel and kind, else null. */
export function roleOf(r: RawResource): ResourceRole {
  const m = /^(electricity|gas)\.consumption(\.cost)?$/.exec(r.classifier.trim().toLowerCase());
  if (!m) return null;
  return { fuel: m[1] as 'electricity' | 'gas', kind: m[2] ? 'cost' : 'consumption' };
}

/** GET /virtualentity: `[{veId, name, resources: [{resourceId, classifier, baseUnit, ...}]}]`. */
export function parseVirtualEntities(response: HttpResponse): RawEntity[] {
  const body = parseJsonBody<unknown>(response, BRIGHT_LABEL);
  if (!Array.isArray(body))
    throw new MeterError(
      'provider',
      `${BRIGHT_LABEL} sent a list of meters of an unexpected shape`,
    );
  const out: RawEntity[] = [];
  for (const e of body as Record<string, unknown>[]) {
    if (!e || typeof e !== 'object' || !str(e.veId)) continue;
    const resources: RawResource[] = [];
    for (const r of (Array.isArray(e.resources) ? e.resources : []) as Record<string, unknown>[]) {
      if (!r || typeof r !== 'object' || !str(r.resourceId)) continue;
      resources.push({
        resourceId: str(r.resourceId),
        resourceTypeId: str(r.resourceTypeId),
        name: str(r.name),
        classifier: str(r.classifier),
        baseUnit: str(r.baseUnit),
      });
    }
    out.push({ veId: str(e.veId), name: str(e.name), resources });
  }
  return out;
}

export interface Readings {
  /** [UTC ms, value] in the resource's units. */
  data: [number, number][];
  /** `kWh` for consumption, `pence` for cost. */
  units: string;
}

/** A readings answer `{status, resourceId, query, data: [[epoch s, value]], units}`. */
export function parseReadings(response: HttpResponse): Readings {
  const body = objectBody(response);
  if (!Array.isArray(body.data))
    throw new MeterError('provider', `${BRIGHT_LABEL} sent readings without data`);
  const data: [number, number][] = [];
  for (const point of body.data as unknown[]) {
    if (!Array.isArray(point) || point.length < 2) continue;
    const [t, v] = point as unknown[];
    if (typeof t !== 'number' || !Number.isFinite(t)) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    data.push([t * 1000, v]);
  }
  return { data, units: str(body.units) };
}

/** The latest point of a /current answer (the readings' shape, units W): [UTC ms, watts]. */
export function parseCurrent(response: HttpResponse): { time: number; watts: number } | null {
  const { data, units } = parseReadings(response);
  let best: [number, number] | null = null;
  for (const p of data) if (!best || p[0] > best[0]) best = p;
  if (!best) return null;
  const scale = /^kw$/i.test(units) ? 1000 : 1;
  return { time: best[0], watts: best[1] * scale };
}
