// The bridge's HTTP API as a plain function from request to response (server.ts puts it on
// a socket): meters, half-hour usage and the latest reading, for the `homewizard`
// provider in Excel and the CLI. Every data request needs the bridge's bearer token;
// browsers get CORS headers only for the add-in origins configured.
import { timingSafeEqual } from 'node:crypto';
import type {
  BridgeError,
  BridgeErrorCode,
  BridgeMeter,
  BridgeMeters,
  BridgeNow,
  BridgeUsage,
} from '../shared/providers/homewizard/wire';
import { BRIDGE_MAX_RANGE_MS } from '../shared/providers/homewizard/wire';
import { clockWarning } from '../shared/providers/homewizard/clock-skew';
import {
  type Measurement,
  TARIFFS,
  exportTariffKey,
  importTariffKey,
} from '../shared/providers/homewizard/models';
import { formatDay } from '../shared/time/civil';
import { civilDayAt, offsetAt } from '../shared/time/zone';
import { dateTimeCell, isoLocal } from '../shared/table';
import { type ChannelKind, channelReadings, fuelOf, kwhPerUnit } from './channels';
import { HALF_HOUR_MS, halfHourOf, isComplete } from './halfhours';
import type { ChannelRow, DeviceRow, Store } from './store';

export interface ApiRequest {
  method: string;
  /** Path and query, e.g. /v1/usage?meter=… */
  url: string;
  headers: Record<string, string | undefined>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ApiContext {
  store: Store;
  token: string;
  /** Browser origins allowed to call (the add-in's), e.g. https://localhost:3000. */
  origins: string[];
  zone: string;
  gasKwhPerM3: number;
  clock(): number;
  /** A device silent for longer than this is reported offline by /v1/now. */
  staleMs: number;
}

const METER_PREFIX = 'homewizard';

export function meterId(device: string, channel: string): string {
  return `${METER_PREFIX}:${device}:${channel}`;
}

function parseMeterId(id: string | null): { device: string; channel: string } | null {
  const m = id ? /^homewizard:([^:]+):([a-z0-9-]+)$/i.exec(id) : null;
  return m ? { device: m[1].toLowerCase(), channel: m[2].toLowerCase() } : null;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cors(req: ApiRequest, ctx: ApiContext): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !ctx.origins.includes(origin)) return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

function json(status: number, body: unknown, headers: Record<string, string>): ApiResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

function fail(
  status: number,
  code: BridgeErrorCode,
  message: string,
  headers: Record<string, string>,
): ApiResponse {
  const body: BridgeError = { error: { code, message } };
  return json(status, body, headers);
}

const KIND_ORDER: Record<string, number> = { electricity: 0, gas: 1, heat: 2 };

function channelRank(c: ChannelRow): string {
  // import, export, then per-tariff registers, then gas and heat: the provider's default
  // meter is the first electricity import.
  const tariff = /-t(\d)$/.exec(c.channel);
  return `${KIND_ORDER[c.kind] ?? 9}${tariff ? 1 : 0}${c.direction === 'import' ? 0 : 1}${c.channel}`;
}

function deviceRank(d: DeviceRow | undefined): number {
  return d?.productType === 'HWE-P1' ? 0 : 1;
}

function meterLabel(c: ChannelRow, d: DeviceRow | undefined, gasKwhPerM3: number): string {
  const name = d?.productName ?? d?.productType ?? 'HomeWizard device';
  const conversion =
    c.kind === 'gas' && /^(m3|m³)$/i.test(c.unit) ? ` (m³ × ${gasKwhPerM3} kWh/m³)` : '';
  return `${name} ${c.device}: ${c.label}${conversion}`;
}

function meters(ctx: ApiContext): BridgeMeters {
  const devices = new Map(ctx.store.devices().map((d) => [d.device, d]));
  const list = ctx.store
    .channels()
    .filter((c) => fuelOf(c.kind) !== null && kwhPerUnit(c.kind, c.unit, ctx.gasKwhPerM3) !== null)
    .sort(
      (a, b) =>
        deviceRank(devices.get(a.device)) - deviceRank(devices.get(b.device)) ||
        a.device.localeCompare(b.device) ||
        channelRank(a).localeCompare(channelRank(b)),
    );
  const out: BridgeMeter[] = list.map((c) => {
    const span = ctx.store.span(c.device, c.channel);
    return {
      id: meterId(c.device, c.channel),
      fuel: fuelOf(c.kind) as BridgeMeter['fuel'],
      direction: c.direction,
      label: meterLabel(c, devices.get(c.device), ctx.gasKwhPerM3),
      firstDay: span ? formatDay(civilDayAt(ctx.zone, span.first)) : null,
      lastDay: span ? formatDay(civilDayAt(ctx.zone, span.last)) : null,
    };
  });
  return { zone: ctx.zone, meters: out };
}

function findChannel(ctx: ApiContext, id: string | null): ChannelRow | null {
  const ref = parseMeterId(id);
  if (!ref) return null;
  return (
    ctx.store.channels().find((c) => c.device === ref.device && c.channel === ref.channel) ?? null
  );
}

function usage(ctx: ApiContext, c: ChannelRow, from: number, to: number): BridgeUsage {
  const factor = kwhPerUnit(c.kind as ChannelKind, c.unit, ctx.gasKwhPerM3) ?? 1;
  const first = halfHourOf(from);
  const kwh: (number | null)[] = new Array(Math.ceil((to - first) / HALF_HOUR_MS)).fill(null);
  for (const h of ctx.store.halfHours(c.device, c.channel, first, to))
    if (isComplete(h)) kwh[(h.start - first) / HALF_HOUR_MS] = h.amount * factor;
  return { meter: meterId(c.device, c.channel), from: first, step: HALF_HOUR_MS, kwh };
}

const EXTERNAL_LABEL: Record<string, string> = {
  gas_meter: 'Gas',
  water_meter: 'Water',
  warm_water_meter: 'Warm water',
  heat_meter: 'Heat',
  inlet_heat_meter: 'Inlet heat',
};

function unitLabel(unit: string | undefined): string {
  return unit === 'm3' ? 'm³' : (unit ?? '');
}

/** The latest reading as METER_NOW shows it: the device's registers, or one external meter's. */
function nowReading(m: Measurement, c: ChannelRow, productType: string | null): BridgeNow {
  if (c.kind !== 'electricity') {
    const r = channelReadings(m, productType ?? undefined).find((x) => x.channel.id === c.channel);
    const name = c.label.charAt(0).toUpperCase() + c.label.slice(1);
    return {
      time: r?.reading.t ?? m.receivedAt,
      demandW: null,
      counters: r ? [{ label: name, value: r.reading.value, unit: unitLabel(c.unit) }] : [],
    };
  }
  const counters: BridgeNow['counters'] = [];
  const battery = productType === 'HWE-BAT';
  const add = (label: string, value: number | undefined, unit: string) => {
    if (value !== undefined) counters.push({ label, value, unit });
  };
  add(battery ? 'Charged' : 'Import', m.energyImportKwh, 'kWh');
  add(battery ? 'Delivered' : 'Export', m.energyExportKwh, 'kWh');
  for (const t of TARIFFS) add(`Import T${t}`, m[importTariffKey(t)], 'kWh');
  for (const t of TARIFFS) add(`Export T${t}`, m[exportTariffKey(t)], 'kWh');
  add('Average demand 15 min', m.averagePower15mW, 'W');
  add('Monthly peak', m.monthlyPowerPeakW, 'W');
  add('State of charge', m.stateOfChargePct, '%');
  add('Cycles', m.cycles, 'count');
  for (const e of m.external) add(EXTERNAL_LABEL[e.type] ?? e.type, e.value, unitLabel(e.unit));
  return { time: m.time ?? m.receivedAt, demandW: m.powerW ?? null, counters };
}

const PROBLEM_CODE: Record<string, BridgeErrorCode> = {
  offline: 'device-offline',
  unauthorized: 'device-unauthorized',
  'certificate-changed': 'certificate-changed',
};

// Problems that only the user can put right (re-pairing, switching the API back on): the
// last reading is no comfort, so they are said at once, not after the staleness window.
const NEEDS_THE_USER = new Set(['certificate-changed', 'unauthorized', 'refused']);

function now(ctx: ApiContext, c: ChannelRow, h: Record<string, string>): ApiResponse {
  const d = ctx.store.device(c.device);
  const label = `the ${d?.productName ?? 'HomeWizard device'} ${c.device} at ${d?.host ?? '?'}`;
  const at = ctx.clock();
  const local = (t: number) => isoLocal(dateTimeCell(t, offsetAt(ctx.zone, t)));
  // A successful poll clears the problem: one set means the latest poll failed.
  const failing = Boolean(d?.problem);
  if (
    !d?.latest ||
    d.latestAt === null ||
    at - d.latestAt > ctx.staleMs ||
    (failing && NEEDS_THE_USER.has(d.problem as string))
  ) {
    const since = d?.latestAt ? ` since ${local(d.latestAt)}` : ' yet';
    const why = d?.error ? `: ${d.error}` : '';
    const code = PROBLEM_CODE[d?.problem ?? 'offline'] ?? 'device-error';
    return fail(503, code, `${label} has not answered the bridge${since}${why}`, h);
  }
  const m = JSON.parse(d.latest) as Measurement;
  const reading = nowReading(m, c, d.productType);
  const state: string[] = [];
  if (failing)
    state.push(
      `${d.problem} since ${local(d.errorAt ?? at)}, showing the reading of ${local(d.latestAt)}: ${d.error ?? ''}`.trim(),
    );
  const clock = clockWarning(m, ctx.zone);
  if (clock) state.push(clock);
  return json(
    200,
    {
      ...reading,
      ageSeconds: Math.max(0, Math.round((at - reading.time) / 1000)),
      state: state.length ? state.join('; ') : 'ok',
    },
    h,
  );
}

function integer(v: string | null): number | null {
  return v !== null && /^-?\d{1,16}$/.test(v) ? Number(v) : null;
}

export function handleApi(req: ApiRequest, ctx: ApiContext): ApiResponse {
  const h = cors(req, ctx);
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1));
  if (req.method === 'OPTIONS') {
    if (!h['Access-Control-Allow-Origin']) return { status: 403, headers: h, body: '' };
    const preflight: Record<string, string> = {
      ...h,
      'Access-Control-Allow-Methods': 'GET, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600',
    };
    // Chrome's Private Network Access: a page may reach a local address only if it says yes.
    if (req.headers['access-control-request-private-network'] === 'true')
      preflight['Access-Control-Allow-Private-Network'] = 'true';
    return { status: 204, headers: preflight, body: '' };
  }
  if (req.method !== 'GET') return fail(405, 'bad-request', 'the bridge answers GET only', h);
  if (path === '/v1/health') return json(200, { ok: true }, h);
  const auth = req.headers.authorization ?? '';
  const given = /^Bearer (\S+)$/i.exec(auth)?.[1] ?? '';
  if (!sameToken(given, ctx.token))
    return fail(401, 'unauthorized', 'the bridge token is missing or wrong', {
      ...h,
      'WWW-Authenticate': 'Bearer',
    });
  if (path === '/v1/meters') return json(200, meters(ctx), h);
  if (path === '/v1/usage' || path === '/v1/now') {
    const c = findChannel(ctx, params.get('meter'));
    if (!c) return fail(404, 'not-found', 'no such meter on this bridge; see /v1/meters', h);
    if (path === '/v1/now') return now(ctx, c, h);
    const from = integer(params.get('from'));
    const to = integer(params.get('to'));
    if (from === null || to === null || to <= from || to - from > BRIDGE_MAX_RANGE_MS)
      return fail(
        400,
        'bad-request',
        'from and to must be UTC milliseconds, from < to, at most 366 days apart',
        h,
      );
    return json(200, usage(ctx, c, from, to), h);
  }
  return fail(404, 'not-found', `no ${path} here`, h);
}
