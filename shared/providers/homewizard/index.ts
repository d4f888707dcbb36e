// HomeWizard P1 meters and plug-in batteries, through the meter-sheets bridge. A HomeWizard
// device keeps no history: it knows its registers now. The bridge (`meter-sheets bridge`,
// on a machine at home) polls it, records the readings and serves half-hours derived from
// them; this provider reads those, so the core aggregates them like any meter's.
// Google Sheets runs on Google's servers, which cannot reach a home network: a Sheets user
// with a bridge on a home address gets an error saying so (README has the HTTPS route).
import { MeterError } from '../../errors';
import type { Flow } from '../../flow';
import { type HttpRequest, type HttpResponse, unreadableMessage, urlOrigin } from '../../http';
import type { Meter, NowReading, Series } from '../../model';
import { MS_PER_HALF_HOUR } from '../../time/civil';
import { fetchWithRetry, responseError, retryPolicy, shardRange } from '../common';
import type { Provider, ProviderContext, UsageQuery } from '../provider';
import { HOMEWIZARD_FIELDS } from './config';
import {
  BRIDGE,
  BRIDGE_DEFAULT_URL,
  BRIDGE_MAX_RANGE_MS,
  bridgeMessage,
  bridgeRequest,
  toIntervals,
  toMeters,
  toNowReading,
} from './wire';

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
  return bridgeRequest(baseUrl(ctx), String(ctx.config.token ?? ''), path, query);
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
  return toNowReading(check(r, ctx, `the latest reading of ${meter.id}`));
}

export const homewizardProvider: Provider = {
  id: 'homewizard',
  label: 'HomeWizard (local bridge)',
  fields: HOMEWIZARD_FIELDS,
  hosts: [],
  // Google's servers cannot reach a bridge on your home network.
  unavailableIn: ['sheets'],
  // The bridge polls every 10 s by default; refreshing faster shows nothing new.
  nowRefreshMs: 10_000,
  listMeters,
  usage,
  now,
};
