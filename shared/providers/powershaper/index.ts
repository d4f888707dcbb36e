// PowerShaper Monitor (Carbon Co-op): half-hourly electricity and gas with carbon, for the
// meters a user has consented to. We always ask for native half-hours in UTC days and let
// the core aggregate: that keeps DST days, any zone, energy conservation and the Missing
// count exact, which the API's own day/month/profile rows (fixed to one zone, and with
// missing half-hours folded into a count) cannot.
import { MeterError } from '../../errors';
import type { Flow } from '../../flow';
import type { Interval, Meter, Series } from '../../model';
import { MS_PER_DAY } from '../../time/civil';
import { POWERSHAPER_FIELDS } from './config';
import type { Provider, ProviderContext, UsageQuery } from '../provider';
import {
  POWERSHAPER_DEFAULT_BASE,
  POWERSHAPER_ID,
  POWERSHAPER_LABEL,
  type PowerShaperFuel,
  meterListRequest,
  parseMeterList,
  parseRecords,
  recordsRequest,
} from './wire';
import { type ErrorWording, baseUrlOf, expectOk, getWithRetry } from '../rest';

/**
 * Days per request: about a quarter (≈4,400 half-hours, a few hundred kB of JSON), so a
 * year is 4 requests sent together and each answer stays well inside host size limits.
 */
const SHARD_DAYS = 92;
/** Longer histories get longer shards rather than more of them: one batch of at most 16. */
const MAX_SHARDS = 16;

const AUTH_HINT =
  'copy the access token again from the Settings page of PowerShaper Monitor into Settings';

function tokenOf(ctx: ProviderContext): string {
  const token = ctx.config.token;
  if (typeof token !== 'string' || !token)
    throw new MeterError(
      'config',
      `${POWERSHAPER_LABEL} is not set up: fill in Access token in Settings`,
    );
  return token;
}

function* listMeters(ctx: ProviderContext): Flow<Meter[]> {
  const base = baseUrlOf(ctx, POWERSHAPER_DEFAULT_BASE);
  const [response] = yield* getWithRetry(ctx, [meterListRequest(base, tokenOf(ctx))]);
  expectOk(response, { provider: POWERSHAPER_LABEL, what: 'the meter list', authHint: AUTH_HINT });
  return parseMeterList(response);
}

/** UTC days [first, last] covering [from, to), split into at most MAX_SHARDS pieces. */
export function dayShards(from: number, to: number): [number, number][] {
  const first = Math.floor(from / MS_PER_DAY);
  const last = Math.floor((to - 1) / MS_PER_DAY);
  const days = last - first + 1;
  const size = Math.max(SHARD_DAYS, Math.ceil(days / MAX_SHARDS));
  const out: [number, number][] = [];
  for (let d = first; d <= last; d += size) out.push([d, Math.min(last, d + size - 1)]);
  return out;
}

function* usage(ctx: ProviderContext, q: UsageQuery): Flow<Series> {
  const consent = q.meter.ref?.consent ?? '';
  const fuel = (q.meter.ref?.fuel ?? q.meter.fuel) as PowerShaperFuel;
  const earliest = Number(q.meter.ref?.earliest ?? NaN);
  // Nothing exists before the consent's first record or after now: do not ask for it.
  const from = Number.isFinite(earliest) ? Math.max(q.span.from, earliest) : q.span.from;
  const to = Math.min(q.span.to, ctx.clock());
  const series: Series = { intervals: [], carbon: true, cost: false };
  if (from >= to) return series;
  const base = baseUrlOf(ctx, POWERSHAPER_DEFAULT_BASE);
  const token = tokenOf(ctx);
  const shards = dayShards(from, to);
  const responses = yield* getWithRetry(
    ctx,
    shards.map(([a, b]) => recordsRequest(base, token, consent, fuel, a, b)),
  );
  const wording: ErrorWording = {
    provider: POWERSHAPER_LABEL,
    what: `the ${fuel} usage of ${q.meter.id}`,
    authHint: AUTH_HINT,
    notFound: () =>
      new MeterError(
        'not-found',
        `${POWERSHAPER_LABEL} no longer has the ${fuel} meter of consent ${consent.slice(0, 8)}…; see METER_METERS()`,
      ),
  };
  const intervals: Interval[] = [];
  for (const r of responses) {
    for (const iv of parseRecords(expectOk(r, wording)))
      if (iv.end > q.span.from && iv.start < q.span.to) intervals.push(iv);
  }
  intervals.sort((a, b) => a.start - b.start);
  series.intervals = intervals;
  return series;
}

export const powershaperProvider: Provider = {
  id: POWERSHAPER_ID,
  label: POWERSHAPER_LABEL,
  fields: POWERSHAPER_FIELDS,
  hosts: ['app.powershaper.io'],
  reportsCarbon: true,
  listMeters,
  usage,
};
