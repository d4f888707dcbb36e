// The bridge's HTTP API, shared by the bridge (which serves it) and the `homewizard`
// provider (which reads it): its shapes, the provider's requests and the reading of the
// answers. Every request but /v1/health carries `Authorization: Bearer <bridge token>`.
//   GET /v1/health                         {"ok": true}
//   GET /v1/meters                         BridgeMeters
//   GET /v1/usage?meter=ID&from=MS&to=MS   BridgeUsage: half-hours starting in [from, to)
//   GET /v1/now?meter=ID                   BridgeNow
// Errors: HTTP 4xx/5xx with BridgeError.
// The devices' own local API (v1 and v2), which only the bridge speaks, is in models.ts,
// parse.ts, v1.ts, v2.ts and client.ts.
import { MeterError } from '../../errors';
import { type HttpRequest, type HttpResponse, buildUrl } from '../../http';
import type { Interval, Meter, NowReading } from '../../model';
import { MS_PER_HALF_HOUR, parseDay } from '../../time/civil';
import { canonicalZone } from '../../time/zone';

export const BRIDGE_DEFAULT_PORT = 8765;
export const BRIDGE_DEFAULT_URL = `http://127.0.0.1:${BRIDGE_DEFAULT_PORT}`;

/**
 * The bridge's own token: 32 random bytes, base64url (43 characters), never starting with
 * `-` or `_` (so `--bridge-token <token>` cannot be read as another flag).
 */
export const BRIDGE_TOKEN_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{42}$';

/** The longest range one usage request may ask for; the provider splits longer ones. */
export const BRIDGE_MAX_RANGE_MS = 366 * 86_400_000;

export interface BridgeMeter {
  id: string;
  fuel: 'electricity' | 'gas' | 'heat';
  direction: 'import' | 'export';
  label: string;
  /** First and last local day (in the bridge's zone) with a complete half-hour, yyyy-mm-dd. */
  firstDay: string | null;
  lastDay: string | null;
}

export interface BridgeMeters {
  /** The zone the bridge reads the devices' clocks in. */
  zone: string;
  meters: BridgeMeter[];
}

export interface BridgeUsage {
  meter: string;
  /** Start of the first half-hour, UTC ms. */
  from: number;
  step: 1_800_000;
  /** kWh per half-hour from `from`; null where the bridge has no complete half-hour. */
  kwh: (number | null)[];
}

export interface BridgeNow {
  /** When the reading was taken, UTC ms. */
  time: number;
  demandW: number | null;
  counters: { label: string; value: number; unit: string }[];
  /** Seconds between the reading and the bridge's clock when it answered. */
  ageSeconds?: number;
  /** `ok`, or what is wrong: the device not answering, its clock disagreeing with the bridge's. */
  state?: string;
}

export type BridgeErrorCode =
  | 'unauthorized'
  | 'bad-request'
  | 'not-found'
  | 'device-offline'
  | 'device-unauthorized'
  | 'certificate-changed'
  | 'device-error';

export interface BridgeError {
  error: { code: BridgeErrorCode; message: string };
}

export const BRIDGE = 'the HomeWizard bridge';
const MAX_BRIDGE_MESSAGE = 1500;

export function bridgeRequest(
  base: string,
  token: string,
  path: string,
  query?: Record<string, string | number>,
): HttpRequest {
  return {
    method: 'GET',
    url: buildUrl(base, path, query),
    headers: { Authorization: `Bearer ${token}` },
  };
}

/** The bridge's own error (code and sentence) in a response, or null when it is not one. */
export function bridgeMessage(r: HttpResponse): { code: string; message: string } | null {
  try {
    const e = (JSON.parse(r.body) as BridgeError).error;
    if (typeof e?.code === 'string' && typeof e.message === 'string')
      // The bridge's sentences end with what to do (pair again…): long enough to keep it,
      // still bounded against a runaway body.
      return { code: e.code, message: e.message.slice(0, MAX_BRIDGE_MESSAGE) };
  } catch {
    // not the bridge's error shape: fall through to the generic message
  }
  return null;
}

export function toMeters(json: unknown): Meter[] {
  const body = json as BridgeMeters;
  if (!body || !Array.isArray(body.meters))
    throw new MeterError('provider', `${BRIDGE} sent an unreadable meter list`);
  // The bridge reads the meters' clocks in its --timezone: the household's own zone, so
  // days are counted there unless the user names another.
  const zone = typeof body.zone === 'string' ? canonicalZone(body.zone) : null;
  return body.meters.map((m) => ({
    id: m.id,
    provider: 'homewizard',
    fuel: m.fuel,
    direction: m.direction,
    firstDay: m.firstDay ? parseDay(m.firstDay) : null,
    lastDay: m.lastDay ? parseDay(m.lastDay) : null,
    label: m.label,
    grid: { kind: 'fixed', stepMs: MS_PER_HALF_HOUR },
    ...(zone ? { homeZone: zone } : {}),
  }));
}

export function toIntervals(json: unknown, meter: string): Interval[] {
  const u = json as BridgeUsage;
  if (!u || !Number.isInteger(u.from) || u.step !== MS_PER_HALF_HOUR || !Array.isArray(u.kwh))
    throw new MeterError('provider', `${BRIDGE} sent unreadable usage for ${meter}`);
  const out: Interval[] = [];
  u.kwh.forEach((kwh, i) => {
    const start = u.from + i * MS_PER_HALF_HOUR;
    // Half-hours the bridge could not complete come back null: the core counts them Missing.
    out.push({ start, end: start + MS_PER_HALF_HOUR, kwh: typeof kwh === 'number' ? kwh : null });
  });
  return out;
}

export function toNowReading(json: unknown): NowReading {
  const body = json as BridgeNow;
  if (!body || typeof body.time !== 'number' || !Array.isArray(body.counters))
    throw new MeterError('provider', `${BRIDGE} sent an unreadable reading`);
  return {
    time: body.time,
    demandW: body.demandW ?? null,
    counters: body.counters,
    ...(typeof body.ageSeconds === 'number' ? { ageSeconds: body.ageSeconds } : {}),
    ...(typeof body.state === 'string' ? { state: body.state.slice(0, MAX_BRIDGE_MESSAGE) } : {}),
  };
}
