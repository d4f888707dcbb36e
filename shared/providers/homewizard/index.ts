// HomeWizard P1 meters and plug-in batteries, through the meter-sheets bridge. A HomeWizard
// device keeps no history: it knows its registers now. The bridge (`meter-sheets bridge`,
// on a machine at home) polls it, records the readings and serves half-hours derived from
// them; this provider reads those, so the core aggregates them like any meter's.
// Google Sheets runs on Google's servers, which cannot reach a home network: a Sheets user
// with a bridge on a home address gets an error saying so (README has the HTTPS route).
import { MeterError } from '../../errors';
import type { Flow } from '../../flow';
import {
  type HttpRequest,
  type HttpResponse,
  buildUrl,
  unreadableMessage,
  urlOrigin,
} from '../../http';
import {
  BRIDGE_DEFAULT_URL,
  BRIDGE_MAX_RANGE_MS,
  BRIDGE_TOKEN_PATTERN,
  type BridgeError,
  type BridgeMeters,
  type BridgeNow,
  type BridgeUsage,
} from './wire';
import type { Interval, Meter, NowReading, Series } from '../../model';
import { MS_PER_HALF_HOUR, parseDay } from '../../time/civil';
import { canonicalZone } from '../../time/zone';
import { fetchWithRetry, responseError, retryPolicy, shardRange } from '../common';
import type { Provider, ProviderContext, UsageQuery } from '../provider';

const BRIDGE = 'the HomeWizard bridge';
const MAX_BRIDGE_MESSAGE = 1500;

function baseUrl(ctx: ProviderContext): string {
  const v = ctx.config.baseUrl;
  return typeof v === 'string' && v ? v.replace(/\/+$/, '') : BRIDGE_DEFAULT_URL;
}

/** Whether a host name or address can only be reached from inside a home network. */
export function isHomeNetworkHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  // A bare name (raspberrypi) resolves only on the home network.
  if (h === 'localhost' || (!h.includes('.') && !h.includes(':'))) return true;
  if (/\.(localhost|local|lan|home|internal|home\.arpa|intranet)$/.test(h)) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(h);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127) // carrier-grade NAT, also Tailscale's addresses
    );
  }
  return h === '::1' || /^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h);
}

/** Google's servers run Sheets' custom functions: they can reach only a public HTTPS bridge. */
function checkReachable(ctx: ProviderContext): void {
  if (ctx.runtime !== 'sheets') return;
  const url = baseUrl(ctx);
  const o = urlOrigin(url);
  if (o && o.scheme === 'https' && !isHomeNetworkHost(o.host)) return;
  throw new MeterError(
    'unsupported',
    `Google Sheets runs on Google's servers, which cannot reach the HomeWizard bridge at ${url} on your home network. ` +
      'Use these functions in Excel or the meter-sheets command line on that network, or make the bridge ' +
      'reachable over HTTPS from the internet (README: "HomeWizard in Google Sheets").',
  );
}

function request(
  ctx: ProviderContext,
  path: string,
  query?: Record<string, string | number>,
): HttpRequest {
  return {
    method: 'GET',
    url: buildUrl(baseUrl(ctx), path, query),
    headers: { Authorization: `Bearer ${String(ctx.config.token ?? '')}` },
  };
}

function bridgeMessage(r: HttpResponse): { code: string; message: string } | null {
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

function check(r: HttpResponse, ctx: ProviderContext, what: string): unknown {
  if (r.status === 0)
    throw new MeterError(
      'unavailable',
      `${BRIDGE} at ${baseUrl(ctx)} is not answering (${r.error ?? 'no answer'}); is \`meter-sheets bridge\` running there?`,
    );
  if (r.status === 401)
    throw new MeterError(
      'auth',
      `${BRIDGE} at ${baseUrl(ctx)} refused the bridge token; copy it again from the bridge's bridge-token file into Settings`,
    );
  const e = bridgeMessage(r);
  // Device problems are the bridge's own sentences (no secret is ever in them): pass them on.
  if (e && r.status === 503)
    throw new MeterError(e.code === 'device-offline' ? 'unavailable' : 'auth', e.message);
  if (e && r.status === 404 && e.code === 'not-found')
    throw new MeterError(
      'not-found',
      `${BRIDGE} has no such meter for ${what}; see METER_METERS()`,
    );
  const generic = responseError(r, BRIDGE, what);
  if (generic) throw generic;
  try {
    return JSON.parse(r.body);
  } catch {
    throw new MeterError('provider', unreadableMessage(r, `${BRIDGE} (${what})`));
  }
}

/**
 * Reads from the bridge, retried like any provider's GETs: a bridge restarting, a router
 * dropping a connection or a reverse proxy's 502 should not fail a cell. The bridge's own
 * 503s (device offline, device token refused) are answers: retrying only delays them.
 */
function* get(ctx: ProviderContext, requests: HttpRequest[]): Flow<HttpResponse[]> {
  const bridgeSaid = (r: HttpResponse) =>
    r.status === 503 && bridgeMessage(r) ? false : undefined;
  return yield* fetchWithRetry(requests, retryPolicy(ctx, bridgeSaid));
}

function toMeters(json: unknown): Meter[] {
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

function toIntervals(json: unknown, meter: string): Interval[] {
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

function* listMeters(ctx: ProviderContext): Flow<Meter[]> {
  checkReachable(ctx);
  const [r] = yield* get(ctx, [request(ctx, '/v1/meters')]);
  return toMeters(check(r, ctx, 'the meter list'));
}

function* usage(ctx: ProviderContext, q: UsageQuery): Flow<Series> {
  checkReachable(ctx);
  // Long ranges in year-sized pieces, all requested together.
  const shards = shardRange(q.span.from, q.span.to, BRIDGE_MAX_RANGE_MS, MS_PER_HALF_HOUR);
  const responses = yield* get(
    ctx,
    shards.map(([from, to]) => request(ctx, '/v1/usage', { meter: q.meter.id, from, to })),
  );
  const intervals = responses.flatMap((r) =>
    toIntervals(check(r, ctx, `usage of ${q.meter.id}`), q.meter.id),
  );
  return { intervals, carbon: false, cost: false };
}

function* now(ctx: ProviderContext, meter: Meter): Flow<NowReading> {
  checkReachable(ctx);
  const [r] = yield* get(ctx, [request(ctx, '/v1/now', { meter: meter.id })]);
  const body = check(r, ctx, `the latest reading of ${meter.id}`) as BridgeNow;
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

export const homewizardProvider: Provider = {
  id: 'homewizard',
  label: 'HomeWizard (local bridge)',
  fields: [
    {
      key: 'baseUrl',
      label: 'Bridge URL',
      kind: 'url',
      help: `Where the meter-sheets bridge answers. Default: ${BRIDGE_DEFAULT_URL} (this machine).`,
    },
    {
      key: 'token',
      label: 'Bridge token',
      kind: 'secret',
      required: true,
      cli: 'bridge-token',
      pattern: BRIDGE_TOKEN_PATTERN,
      patternHint: "the bridge's 43-character token, from the bridge-token file it created",
      help: "In the bridge-token file in the bridge's data directory.",
    },
  ],
  hosts: [],
  // Google's servers cannot reach a bridge on your home network.
  unavailableIn: ['sheets'],
  // The bridge polls every 10 s by default; refreshing faster shows nothing new.
  nowRefreshMs: 10_000,
  listMeters,
  usage,
  now,
};
