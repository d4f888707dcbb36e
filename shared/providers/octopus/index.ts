// Octopus Energy's REST API (and any other Kraken supplier's, via the base URL): the
// account's meters, and their half-hourly consumption. A year of half-hours is one request
// (page_size 25,000); longer ranges are split into balanced shards of at most one page
// each, sent in one parallel batch. If a server pages below that, the remaining pages of
// every shard are fetched together too.
import { MeterError } from '../../errors';
import { type Flow, all } from '../../flow';
import { type QueryValue, parseQuery } from '../../http';
import type { Interval, Meter, Series } from '../../model';
import { MS_PER_HALF_HOUR } from '../../time/civil';
import { formatInstant } from '../../time/iso';
import { civilDayAt } from '../../time/zone';
import { shardRange } from '../common';
import { CALORIFIC_VALUE_RANGE, DEFAULT_CALORIFIC_VALUE, gasM3ToKwh } from './gas-units';
import {
  MAX_PAGE_SIZE,
  type MeterCandidate,
  OCTOPUS_DEFAULT_BASE,
  OCTOPUS_ID,
  OCTOPUS_LABEL,
  type OctopusKind,
  accountRequest,
  consumptionRequest,
  parseAccount,
  parseConsumptionPage,
} from './wire';
import { OCTOPUS_FIELDS } from './config';
import type { Provider, ProviderContext, UsageQuery } from '../provider';
import { type ErrorWording, baseUrlOf, expectOk, getWithRetry } from '../rest';

const UK_ZONE = 'Europe/London';
const HH = MS_PER_HALF_HOUR;
/** Beyond this many pages for one shard, the server's paging is not something to follow. */
const MAX_PAGES = 500;

const AUTH_HINT =
  'check the API key (Personal details → API access in your Octopus account) and the account number in Settings';

interface Credentials {
  base: string;
  apiKey: string;
  account: string;
}

function credentials(ctx: ProviderContext): Credentials {
  const { apiKey, account } = ctx.config;
  if (typeof apiKey !== 'string' || !apiKey || typeof account !== 'string' || !account)
    throw new MeterError(
      'config',
      `${OCTOPUS_LABEL} is not set up: fill in API key, Account number in Settings`,
    );
  return {
    base: baseUrlOf(ctx, OCTOPUS_DEFAULT_BASE),
    apiKey,
    account: account.toUpperCase(),
  };
}

interface GasSettings {
  /** Whether gas consumption arrives in m³ (SMETS2) rather than kWh (SMETS1). */
  cubicMetres: boolean;
  calorificValue: number;
}

function gasSettings(ctx: ProviderContext): GasSettings {
  const unit = String(ctx.config.gasUnit ?? 'm3').toLowerCase();
  const cv = ctx.config.calorificValue ?? DEFAULT_CALORIFIC_VALUE;
  const [lo, hi] = CALORIFIC_VALUE_RANGE;
  if (typeof cv !== 'number' || !(cv >= lo && cv <= hi))
    throw new MeterError(
      'config',
      `settings.providers.octopus.calorificValue: expected a gas calorific value in MJ/m³ between ${lo} and ${hi} (your bill shows it; about 39–40)`,
    );
  return { cubicMetres: unit !== 'kwh', calorificValue: cv };
}

function meterId(c: { point: string; serial: string }): string {
  return `${OCTOPUS_ID}:${c.point}:${c.serial}`;
}

function label(c: MeterCandidate, gas: GasSettings, hasData: boolean): string {
  const what =
    c.kind === 'gas'
      ? `Gas, MPRN ${c.point}, meter ${c.serial}` +
        (gas.cubicMetres ? ` (m³ → kWh at ${gas.calorificValue} MJ/m³)` : ' (kWh)')
      : `Electricity ${c.export ? 'export' : 'import'}, MPAN ${c.point}, meter ${c.serial}`;
  return what + (c.previousHome ? ', previous home' : '') + (hasData ? '' : ', no data');
}

const KIND_ORDER = (c: MeterCandidate) => (c.kind === 'gas' ? 2 : c.export ? 1 : 0);

/**
 * The account's meters. Each meter is probed for its first and latest interval (two
 * one-row requests per meter, all in one batch): that gives METER_METERS real first and
 * last days, and makes the default meter the one that is reporting, not a meter that was
 * exchanged years ago.
 */
function* listMeters(ctx: ProviderContext): Flow<Meter[]> {
  const cred = credentials(ctx);
  const gas = gasSettings(ctx);
  const [accountResponse] = yield* getWithRetry(ctx, [
    accountRequest(cred.base, cred.apiKey, cred.account),
  ]);
  expectOk(accountResponse, {
    provider: OCTOPUS_LABEL,
    what: `account ${cred.account}`,
    authHint: AUTH_HINT,
    notFound: () =>
      new MeterError(
        'not-found',
        `${OCTOPUS_LABEL} has no account ${cred.account} for this API key; check the account number in Settings (like A-1B2C3D4E)`,
      ),
  });
  const candidates = parseAccount(accountResponse);
  const probes = yield* getWithRetry(
    ctx,
    candidates.flatMap((c) => [
      consumptionRequest(cred.base, cred.apiKey, c, { page_size: 1 }),
      consumptionRequest(cred.base, cred.apiKey, c, { page_size: 1, order_by: 'period' }),
    ]),
  );
  const found = candidates.map((c, i) => {
    const wording: ErrorWording = {
      provider: OCTOPUS_LABEL,
      what: `the consumption of ${meterId(c)}`,
      authHint: AUTH_HINT,
    };
    const edge = (k: number): Interval | null => {
      const r = probes[2 * i + k];
      if (r.status === 404) return null; // a meter the API keeps no consumption for
      return parseConsumptionPage(expectOk(r, wording)).intervals[0] ?? null;
    };
    return { c, latest: edge(0), first: edge(1) };
  });
  found.sort(
    (a, b) =>
      KIND_ORDER(a.c) - KIND_ORDER(b.c) ||
      (a.c.previousHome ? 1 : 0) - (b.c.previousHome ? 1 : 0) ||
      (b.latest?.end ?? -Infinity) - (a.latest?.end ?? -Infinity),
  );
  return found.map(({ c, latest, first }): Meter => ({
    id: meterId(c),
    provider: OCTOPUS_ID,
    fuel: c.kind,
    direction: c.export ? 'export' : 'import',
    firstDay: first ? civilDayAt(UK_ZONE, first.start) : null,
    lastDay: latest ? civilDayAt(UK_ZONE, latest.end - 1) : null,
    label: label(c, gas, latest !== null),
    grid: { kind: 'fixed', stepMs: HH },
    homeZone: UK_ZONE,
    ref: {
      kind: c.kind,
      point: c.point,
      serial: c.serial,
      ...(first ? { first: String(first.start) } : {}),
    },
  }));
}

/** Balanced shards of at most one full page each, on half-hour boundaries. */
export function consumptionShards(from: number, to: number): [number, number][] {
  const count = Math.ceil((to - from) / HH);
  const shards = Math.ceil(count / MAX_PAGE_SIZE);
  return shardRange(from, to, Math.ceil(count / shards) * HH, HH);
}

/** One shard: a single request, unless the server pages below 25,000 (then all pages at once). */
function* shardFlow(
  ctx: ProviderContext,
  cred: Credentials,
  meter: { kind: OctopusKind; point: string; serial: string },
  from: number,
  to: number,
  wording: ErrorWording,
): Flow<Interval[]> {
  const params: Record<string, QueryValue> = {
    period_from: formatInstant(from),
    period_to: formatInstant(to),
    page_size: Math.min(MAX_PAGE_SIZE, Math.ceil((to - from) / HH)),
    order_by: 'period',
  };
  const request = (extra: Record<string, QueryValue> = {}) =>
    consumptionRequest(cred.base, cred.apiKey, meter, { ...params, ...extra });
  const [response] = yield* getWithRetry(ctx, [request()]);
  const first = parseConsumptionPage(expectOk(response, wording));
  const out = first.intervals;
  if (!first.next) return out;
  // The next link's host is not trusted with the key: only its page number is used.
  const page = Number(parseQuery(first.next).page);
  if (page === 2 && first.count !== null && first.intervals.length > 0) {
    const pages = Math.ceil(first.count / first.intervals.length);
    if (pages > MAX_PAGES) throw tooManyPages(pages);
    const more: ReturnType<typeof request>[] = [];
    for (let k = 2; k <= pages; k++) more.push(request({ page: k }));
    for (const r of yield* getWithRetry(ctx, more)) {
      if (r.status === 404) continue; // DRF's "Invalid page.": there were fewer pages after all
      out.push(...parseConsumptionPage(expectOk(r, wording)).intervals);
    }
    return out;
  }
  // A cursor we cannot jump ahead in: follow it.
  let next: string | null = first.next;
  for (let n = 1; next; n++) {
    if (n >= MAX_PAGES) throw tooManyPages(n);
    const [r] = yield* getWithRetry(ctx, [
      consumptionRequest(cred.base, cred.apiKey, meter, parseQuery(next)),
    ]);
    const p = parseConsumptionPage(expectOk(r, wording));
    out.push(...p.intervals);
    next = p.next;
  }
  return out;
}

function tooManyPages(pages: number): MeterError {
  return new MeterError(
    'provider',
    `${OCTOPUS_LABEL} split the data into ${pages} pages; ask for a shorter range`,
  );
}

function* usage(ctx: ProviderContext, q: UsageQuery): Flow<Series> {
  const cred = credentials(ctx);
  const kind = (q.meter.ref?.kind ?? q.meter.fuel) as OctopusKind;
  const meter = { kind, point: q.meter.ref?.point ?? '', serial: q.meter.ref?.serial ?? '' };
  const gas = kind === 'gas' ? gasSettings(ctx) : null;
  const first = Number(q.meter.ref?.first ?? NaN);
  // Whole half-hours; nothing before the meter's first interval or after now.
  let from = Math.floor(q.span.from / HH) * HH;
  if (Number.isFinite(first)) from = Math.max(from, first);
  const to = Math.min(Math.ceil(q.span.to / HH) * HH, Math.ceil(ctx.clock() / HH) * HH);
  const series: Series = { intervals: [], carbon: false, cost: false };
  if (from >= to) return series;
  const wording: ErrorWording = {
    provider: OCTOPUS_LABEL,
    what: `the consumption of ${q.meter.id}`,
    authHint: AUTH_HINT,
    notFound: () =>
      new MeterError(
        'not-found',
        `${OCTOPUS_LABEL} has no consumption for ${q.meter.id}; see METER_METERS() for the account's meters`,
      ),
  };
  const shards = yield* all(
    consumptionShards(from, to).map(([a, b]) => shardFlow(ctx, cred, meter, a, b, wording)),
  );
  const intervals: Interval[] = [];
  for (const shard of shards)
    for (const iv of shard) {
      if (!(iv.end > q.span.from && iv.start < q.span.to)) continue;
      if (gas?.cubicMetres && iv.kwh !== null) iv.kwh = gasM3ToKwh(iv.kwh, gas.calorificValue);
      intervals.push(iv);
    }
  intervals.sort((a, b) => a.start - b.start);
  series.intervals = intervals;
  return series;
}

export const octopusProvider: Provider = {
  id: OCTOPUS_ID,
  label: OCTOPUS_LABEL,
  fields: OCTOPUS_FIELDS,
  docsUrl: 'https://developer.octopus.energy/',
  hosts: ['api.octopus.energy'],
  listMeters,
  usage,
};
