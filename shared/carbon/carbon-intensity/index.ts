// The Carbon Intensity API as a carbon source. A range goes out as one parallel batch of
// 14-day windows (the API's limit), plus the national generation mix windows when asked:
// a year of intensity is one round trip. National half-hours carry the measured (actual)
// intensity once known, else the forecast; regional ones are forecasts only.
import { MeterError } from '../../errors';
import type { Flow } from '../../flow';
import type { HttpResponse } from '../../http';
import { shardRange } from '../../providers/common';
import { type ErrorWording, baseUrlOf, expectOk, getWithRetry } from '../../providers/rest';
import { MS_PER_HALF_HOUR } from '../../time/civil';
import { type Area, areaLabel } from '../area';
import {
  AHEAD_MS,
  type CarbonContext,
  type CarbonSource,
  type IntensityPoint,
  type IntensityQuery,
} from '../source';
import {
  CARBON_INTENSITY_DEFAULT_BASE,
  CARBON_INTENSITY_ID,
  CARBON_INTENSITY_LABEL,
  MAX_WINDOW_MS,
  apiErrorMessage,
  generationRequest,
  intensityRequest,
  parseGeneration,
  parseNational,
  parseRegional,
} from './wire';

/**
 * The API's history begins in September 2017 (national) and May 2018 (regional): earlier
 * windows would come back empty, so they are not asked for. Nor is anything past its
 * 48-hour forecast.
 */
export const FIRST_NATIONAL = Date.UTC(2017, 8, 1);
export const FIRST_REGIONAL = Date.UTC(2018, 4, 1);
/** About seven and a half years of 14-day windows: one batch a host can still send. */
export const MAX_WINDOWS = 200;

const floorHalfHour = (t: number) => Math.floor(t / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
const ceilHalfHour = (t: number) => Math.ceil(t / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;

function postcodeError(area: Area & { kind: 'postcode' }, detail: string): MeterError {
  return new MeterError(
    'not-found',
    `${CARBON_INTENSITY_LABEL} could not place postcode area ${area.outward} (${detail}); ` +
      'set a region id 1-17 instead (13 = London; the list is in docs/carbon.md)',
  );
}

/** Throws a clear error for a failed answer; the API's own message is safe to quote. */
function check(response: HttpResponse, area: Area, what: string): HttpResponse {
  const s = response.status;
  if (s >= 200 && s < 300) return response;
  const said = apiErrorMessage(response);
  if (area.kind === 'postcode' && (s === 400 || s === 404))
    throw postcodeError(area, `HTTP ${s}${said ? ': ' + said : ''}`);
  if (s === 400)
    throw new MeterError(
      'provider',
      `${CARBON_INTENSITY_LABEL} rejected the request for ${what} (HTTP 400${said ? ': ' + said : ''})`,
    );
  const wording: ErrorWording = {
    provider: CARBON_INTENSITY_LABEL,
    what,
    authHint: 'the API needs no account; check carbon.baseUrl in Settings',
  };
  return expectOk(response, wording);
}

function regionalPoints(response: HttpResponse, area: Area, what: string): IntensityPoint[] {
  const points = parseRegional(check(response, area, what), what);
  if (points === null) {
    if (area.kind === 'postcode') throw postcodeError(area, 'no region in the answer');
    throw new MeterError('provider', `${CARBON_INTENSITY_LABEL} sent no region for ${what}`);
  }
  return points;
}

/** Half-hours within [from, to), each once, sorted (windows may overlap at their edges). */
function tidy(points: IntensityPoint[], from: number, to: number): IntensityPoint[] {
  const seen = new Set<number>();
  const out: IntensityPoint[] = [];
  for (const p of points) {
    if (p.start < from || p.end > to || seen.has(p.start)) continue;
    seen.add(p.start);
    out.push(p);
  }
  return out.sort((a, b) => a.start - b.start);
}

function* intensity(ctx: CarbonContext, q: IntensityQuery): Flow<IntensityPoint[]> {
  const base = baseUrlOf(ctx, CARBON_INTENSITY_DEFAULT_BASE);
  const area = q.area;
  const what = `the carbon intensity of ${areaLabel(area)}`;
  const national = area.kind === 'national';
  if (q.kind === 'ahead') {
    const from = floorHalfHour(q.from);
    const [r] = yield* getWithRetry(ctx, [intensityRequest(base, area, from, null)]);
    const points = national
      ? parseNational(check(r, area, what), what)
      : regionalPoints(r, area, what);
    return tidy(points, from, Infinity);
  }
  const from = floorHalfHour(Math.max(q.from, national ? FIRST_NATIONAL : FIRST_REGIONAL));
  const to = ceilHalfHour(Math.min(q.to, ctx.clock() + AHEAD_MS));
  if (from >= to) return [];
  const windows = shardRange(from, to, MAX_WINDOW_MS, MS_PER_HALF_HOUR);
  if (windows.length > MAX_WINDOWS)
    throw new MeterError(
      'unsupported',
      `${CARBON_INTENSITY_LABEL}: carbon intensity for about ${Math.round((to - from) / 31_557_600_000)} years ` +
        `is ${windows.length} requests of 14 days; ask for at most 7 years at a time`,
    );
  const withMix = national && q.mix;
  const requests = windows.map(([a, b]) => intensityRequest(base, area, a, b));
  if (withMix) requests.push(...windows.map(([a, b]) => generationRequest(base, a, b)));
  const responses = yield* getWithRetry(ctx, requests);
  const points: IntensityPoint[] = [];
  for (let i = 0; i < windows.length; i++)
    points.push(
      ...(national
        ? parseNational(check(responses[i], area, what), what)
        : regionalPoints(responses[i], area, what)),
    );
  if (withMix) {
    const mixWhat = 'the generation mix of Great Britain';
    const mix = new Map<number, IntensityPoint['mix']>();
    for (const r of responses.slice(windows.length))
      for (const [t, m] of parseGeneration(check(r, area, mixWhat), mixWhat)) mix.set(t, m);
    for (const p of points) p.mix = mix.get(p.start) ?? null;
  }
  return tidy(points, from, to);
}

export const carbonIntensitySource: CarbonSource = {
  id: CARBON_INTENSITY_ID,
  label: CARBON_INTENSITY_LABEL,
  attribution:
    'Carbon intensity from the Carbon Intensity API (carbonintensity.org.uk, National Energy System Operator), CC BY 4.0',
  hosts: ['api.carbonintensity.org.uk'],
  serves: (area) => area.kind !== 'demo',
  intensity,
};
