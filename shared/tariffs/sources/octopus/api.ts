// Octopus's public products API (no account, no key): unit rates and standing charges of
// a tariff over a range, and the region of a postcode. Rates are asked for by calendar
// month (at most 1,488 half-hours, under the 1,500 page size), all months in one batch,
// and each month is cached: a past month's rates never change, so it is kept long; the
// current month's only briefly, since tomorrow's half-hours are published each afternoon.
import { MeterError } from '../../../errors';
import { type Flow, cacheGet, cachePut } from '../../../flow';
import { type HttpRequest, type HttpResponse, buildUrl, parseJsonBody } from '../../../http';
import { checkResponse, fetchWithRetry, retryPolicy } from '../../../providers/common';
import { daysFromCivil, civilFromDays, MS_PER_DAY } from '../../../time/civil';
import { formatInstant, parseInstant } from '../../../time/iso';
import type { TariffContext } from '../source';
import type { TariffCode } from './codes';

export const OCTOPUS_PRODUCTS_URL = 'https://api.octopus.energy';
export const PAGE_SIZE = 1500;
/** Past months: as long as a host keeps anything (Apps Script caps it at 6 hours). */
const PAST_TTL_SECONDS = 30 * 24 * 3600;
const RECENT_TTL_SECONDS = 30 * 60;

export type RateKind =
  'standard-unit-rates' | 'day-unit-rates' | 'night-unit-rates' | 'standing-charges';

/** One published price: [from, to) UTC ms (to may be Infinity), in pounds (or £/day). */
export interface Price {
  from: number;
  to: number;
  value: number;
}

interface WireRate {
  value_exc_vat: number;
  value_inc_vat: number;
  valid_from: string | null;
  valid_to: string | null;
  payment_method?: string | null;
}

interface WirePage<T> {
  count?: number;
  next: string | null;
  results: T[];
}

export function baseUrl(ctx: TariffContext): string {
  return (ctx.settings.tariffs?.octopusBaseUrl ?? OCTOPUS_PRODUCTS_URL).replace(/\/+$/, '');
}

function policy(ctx: TariffContext) {
  return retryPolicy({
    config: {},
    clock: ctx.clock,
    runtime: ctx.runtime,
    deadline: ctx.deadline,
  });
}

export function* octopusGet(ctx: TariffContext, requests: HttpRequest[]): Flow<HttpResponse[]> {
  return yield* fetchWithRetry(requests, policy(ctx));
}

function ratesPath(t: TariffCode, kind: RateKind): string {
  const fuel = t.fuel === 'gas' ? 'gas' : 'electricity';
  return `/v1/products/${encodeURIComponent(t.product)}/${fuel}-tariffs/${encodeURIComponent(t.code)}/${kind}/`;
}

/** The UTC calendar months [start, end) covering [from, to). */
export function monthShards(from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  const d = civilFromDays(Math.floor(from / MS_PER_DAY));
  let y = d.year;
  let m = d.month;
  for (;;) {
    const a = daysFromCivil(y, m, 1) * MS_PER_DAY;
    if (a >= to) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    out.push([a, daysFromCivil(y, m, 1) * MS_PER_DAY]);
  }
  return out;
}

/** A clear error for a product Octopus does not know (withdrawn, misspelt, wrong region). */
function notFound(t: TariffCode): MeterError {
  return new MeterError(
    'not-found',
    `tariff: Octopus has no tariff ${t.code} (product ${t.product}): it may be withdrawn, misspelt or not sold in region ${t.region}; METER_TARIFFS() lists the current products`,
  );
}

function parsePrices(body: WirePage<WireRate>): Price[] {
  const out: Price[] = [];
  for (const r of body.results ?? []) {
    // Direct Debit prices (or ones with no payment method): what most households pay.
    if (r.payment_method && r.payment_method !== 'DIRECT_DEBIT') continue;
    const from = r.valid_from === null ? -Infinity : parseInstant(r.valid_from);
    const to = r.valid_to === null ? Infinity : parseInstant(r.valid_to);
    if (from === null || to === null || typeof r.value_inc_vat !== 'number')
      throw new MeterError('provider', 'Octopus answered with rates in an unexpected form');
    out.push({ from, to, value: r.value_inc_vat / 100 });
  }
  return out;
}

function encode(prices: Price[]): string {
  return JSON.stringify(prices.map((p) => [p.from, isFinite(p.to) ? p.to : null, p.value]));
}

function decode(text: string): Price[] {
  return (JSON.parse(text) as [number | null, number | null, number][]).map(([f, t, v]) => ({
    from: f ?? -Infinity,
    to: t ?? Infinity,
    value: v,
  }));
}

function request(url: string): HttpRequest {
  return { method: 'GET', url, headers: { Accept: 'application/json' } };
}

interface Want {
  tariff: TariffCode;
  kind: RateKind;
  from: number;
  to: number;
}

/**
 * Prices of several (tariff, kind, range) in one batch: every month of every kind at once.
 * A page that says there is more (a month with both payment methods' rates at 30-minute
 * resolution) is followed; nothing else is paged.
 */
export function* fetchPrices(ctx: TariffContext, wants: Want[]): Flow<Price[][]> {
  const base = baseUrl(ctx);
  const now = ctx.clock();
  const shards = wants.map((w) =>
    w.kind === 'standing-charges'
      ? [[w.from, w.to] as [number, number]]
      : monthShards(w.from, w.to),
  );
  const keys = wants.flatMap((w, i) =>
    shards[i].map(([a, b]) => `octopus-rates:${w.tariff.code}:${w.kind}:${a}:${b}`),
  );
  const cached = yield* cacheGet(keys);
  const flat: { want: Want; a: number; b: number; key: string; prices: Price[] | null }[] = [];
  let k = 0;
  wants.forEach((w, i) => {
    for (const [a, b] of shards[i]) {
      const hit = cached[k];
      flat.push({ want: w, a, b, key: keys[k], prices: hit ? decode(hit) : null });
      k++;
    }
  });
  const todo = flat.filter((f) => f.prices === null);
  let pending = todo.map((f) =>
    request(
      buildUrl(base, ratesPath(f.want.tariff, f.want.kind), {
        period_from: formatInstant(f.a),
        period_to: formatInstant(f.b),
        page_size: PAGE_SIZE,
      }),
    ),
  );
  let owners = todo.map((_, i) => i);
  const collected: Price[][] = todo.map(() => []);
  while (pending.length > 0) {
    const responses = yield* octopusGet(ctx, pending);
    const next: HttpRequest[] = [];
    const nextOwners: number[] = [];
    responses.forEach((r, i) => {
      const f = todo[owners[i]];
      if (r.status === 404) throw notFound(f.want.tariff);
      checkResponse(r, 'Octopus', `the ${f.want.kind} of ${f.want.tariff.code}`);
      const page = parseJsonBody<WirePage<WireRate>>(r, 'Octopus');
      collected[owners[i]].push(...parsePrices(page));
      if (page.next) {
        if (!page.next.startsWith(base + '/'))
          throw new MeterError('provider', 'Octopus pointed the next page at another host');
        next.push(request(page.next));
        nextOwners.push(owners[i]);
      }
    });
    pending = next;
    owners = nextOwners;
  }
  const puts = todo.map((f, i) => {
    f.prices = collected[i];
    // Rates of days long past never change; the last two days' may still be filled in.
    const settled = f.b < now - 2 * MS_PER_DAY;
    return {
      key: f.key,
      value: encode(collected[i]),
      ttlSeconds: settled ? PAST_TTL_SECONDS : RECENT_TTL_SECONDS,
    };
  });
  yield* cachePut(puts);
  return wants.map((w) =>
    flat.filter((f) => f.want === w).flatMap((f) => inTimeOrder(f.prices as Price[])),
  );
}

/**
 * Octopus lists a shard's rates newest first; pricing wants them oldest first. Each shard
 * is one descending run, which the sort reverses in a single pass, and the shards are in
 * time order, so the year's list needs no further sorting each time it is priced.
 */
function inTimeOrder(prices: Price[]): Price[] {
  return prices.sort((a, b) => a.from - b.from);
}

/** The region letter of a UK postcode, from Octopus's grid supply point look-up. */
export function* regionOfPostcode(ctx: TariffContext, postcode: string): Flow<string> {
  const clean = postcode.trim().toUpperCase();
  const key = `octopus-gsp:${clean.replace(/\s+/g, '')}`;
  const [hit] = yield* cacheGet([key]);
  if (hit) return hit;
  const [r] = yield* octopusGet(ctx, [
    request(buildUrl(baseUrl(ctx), '/v1/industry/grid-supply-points/', { postcode: clean })),
  ]);
  checkResponse(r, 'Octopus', 'the region of the postcode');
  const body = parseJsonBody<WirePage<{ group_id: string }>>(r, 'Octopus');
  const group = body.results?.[0]?.group_id;
  if (!group || !/^_[A-P]$/.test(group))
    throw new MeterError('not-found', 'tariffs.region: Octopus knows no region for that postcode');
  const letter = group.slice(1);
  yield* cachePut([{ key, value: letter, ttlSeconds: PAST_TTL_SECONDS }]);
  return letter;
}
