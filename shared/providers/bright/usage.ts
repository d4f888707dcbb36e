// Usage from GET /resource/{id}/readings, always half-hourly (PT30M): coarser periods would
// hide which half-hours are missing. The API takes at most 10 days of half-hours per
// request, so a range is cut into 10-day windows, and every window, of the consumption
// resource and of its cost resource, goes out in ONE parallel batch: a year of half-hours
// is 37 + 37 requests and one round trip (after sign-in).
//
// Missing data: Bright answers 0 for half-hours it has not received from the meter yet
// (the DCC delivers them hours, sometimes a day or more, late), so a 0 at the end of a
// recent range is more often "not here yet" than "nothing used". When the range ends
// within the last two days, the zeros after its last non-zero reading are Missing (and
// their cost too). Older zeros are taken as real: Bright cannot tell them apart.
import { MeterError } from '../../errors';
import { type Flow, cacheGet, cachePut } from '../../flow';
import { fingerprint } from '../../http';
import type { Interval, Meter, Series } from '../../model';
import { MS_PER_DAY, MS_PER_HALF_HOUR } from '../../time/civil';
import { responseError, shardRange } from '../common';
import type { ProviderContext, UsageQuery } from '../provider';
import { BRIGHT_LABEL, brightSettings } from './config';
import { type Ask, openSession, send } from './session';
import { MAX_SPAN_MS, catchupRequest, parseReadings, readingsRequest } from './wire';

const HH = MS_PER_HALF_HOUR;
/** A range ending this close to now may end in readings Bright has not received yet. */
export const RECENT_MS = 2 * MS_PER_DAY;
/** Ask the DCC for the latest data at most this often per meter. */
export const CATCHUP_EVERY_S = 30 * 60;

/** The 10-day windows of [from, to), on half-hour boundaries. */
export function readingWindows(from: number, to: number): [number, number][] {
  return shardRange(from, to, MAX_SPAN_MS.PT30M, HH);
}

function kwhScale(units: string, meter: Meter): number {
  const u = units.trim().toLowerCase();
  if (u === 'kwh' || u === '') return 1;
  if (u === 'wh') return 1 / 1000;
  throw new MeterError(
    'provider',
    `${BRIGHT_LABEL} reported ${meter.id} in "${units.slice(0, 12)}", not kWh; this add-on cannot convert it`,
  );
}

function costScale(units: string, meter: Meter): number {
  const u = units.trim().toLowerCase();
  if (u === 'pence' || u === 'p' || u === '') return 1 / 100;
  if (u === 'gbp' || u === '£') return 1;
  throw new MeterError(
    'provider',
    `${BRIGHT_LABEL} reported the cost of ${meter.id} in "${units.slice(0, 12)}", not pence`,
  );
}

/** Zeros after the last non-zero reading become Missing (and their cost with them). */
export function trailingZerosMissing(intervals: Interval[]): void {
  let last = intervals.length - 1;
  while (last >= 0 && intervals[last].kwh === 0) {
    intervals[last].kwh = null;
    if ('cost' in intervals[last]) intervals[last].cost = null;
    last--;
  }
}

export function* brightUsage(ctx: ProviderContext, q: UsageQuery): Flow<Series> {
  const now = ctx.clock();
  // Nothing is asked for the future: those half-hours are Missing without a request.
  const until = Math.ceil(Math.min(q.span.to, now) / HH) * HH;
  const from = Math.floor(q.span.from / HH) * HH;
  const empty: Series = { intervals: [], carbon: false, cost: false };
  if (until <= from) {
    brightSettings(ctx.config); // still report a setup problem
    return empty;
  }
  const meter = q.meter;
  const resource = meter.ref?.resource ?? meter.id.slice(meter.id.indexOf(':') + 1);
  const costResource = meter.ref?.cost;
  const recent = until > now - RECENT_MS;
  const windows = readingWindows(from, until);
  const asks: Ask[] = windows.map(
    ([a, b]) =>
      (s, t) =>
        readingsRequest(s, t, resource, a, b, 'PT30M'),
  );
  if (costResource)
    for (const [a, b] of windows)
      asks.push((s, t) => readingsRequest(s, t, costResource, a, b, 'PT30M'));
  const session = yield* openSession(ctx);
  // A recent range also asks Glowmarkt to fetch the meter's latest data from the DCC (in
  // the same batch; its answer is not waited on), so the next recalculation has it.
  const catchupKey = `bright:catchup:${fingerprint(session.settings.baseUrl + '|' + resource)}`;
  let catchup = false;
  if (recent) {
    const [asked] = yield* cacheGet([catchupKey]);
    catchup = !asked;
  }
  const responses = yield* send(
    session,
    catchup ? [...asks, (s, t) => catchupRequest(s, t, resource)] : asks,
  );
  if (catchup)
    yield* cachePut([{ key: catchupKey, value: String(now), ttlSeconds: CATCHUP_EVERY_S }]);

  const byStart = new Map<number, Interval>();
  windows.forEach((_, i) => {
    const r = responses[i];
    const failed = responseError(r, BRIGHT_LABEL, `the readings of ${meter.id}`);
    if (failed) throw failed;
    const { data, units } = parseReadings(r);
    const scale = kwhScale(units, meter);
    for (const [t, v] of data) {
      if (t < from || t >= until || t % HH !== 0) continue;
      byStart.set(t, { start: t, end: t + HH, kwh: v * scale });
    }
  });
  if (costResource) {
    windows.forEach((_, i) => {
      const r = responses[windows.length + i];
      const failed = responseError(r, BRIGHT_LABEL, `the cost of ${meter.id}`);
      if (failed) throw failed;
      const { data, units } = parseReadings(r);
      const scale = costScale(units, meter);
      for (const [t, v] of data) {
        const iv = byStart.get(t);
        if (iv) iv.cost = v * scale;
      }
    });
    for (const iv of byStart.values()) if (!('cost' in iv)) iv.cost = null;
  }
  const intervals = [...byStart.values()].sort((a, b) => a.start - b.start);
  if (recent) trailingZerosMissing(intervals);
  const series: Series = { intervals, carbon: false, cost: !!costResource };
  if (costResource) series.currency = 'GBP';
  return series;
}
