// The Carbon Intensity API's wire format (api.carbonintensity.org.uk, National Energy
// System Operator with the Environmental Defense Fund Europe, University of Oxford and WWF;
// CC BY 4.0). No account, no key. Times are UTC half-hours written `2024-01-31T12:30Z`.
//   national:  GET /intensity/{from}/{to}          {data:[{from,to,intensity:{forecast,actual,index}}]}
//              GET /intensity/{from}/fw48h          (same shape, forecasts ahead)
//              GET /generation/{from}/{to}          {data:[{from,to,generationmix:[{fuel,perc}]}]}
//   regional:  GET /regional/intensity/{from}/{to}/regionid/{id}
//              GET /regional/intensity/{from}/{to}/postcode/{outward}
//              GET /regional/intensity/{from}/fw48h/regionid/{id} (…/postcode/{outward})
//              {data:{regionid,dnoregion,shortname,[postcode],data:[{from,to,
//                intensity:{forecast,index},generationmix:[{fuel,perc}]}]}}
//              (some answers wrap that object in a one-element array: both are read)
//   errors:    {error:{code,message}} with a 4xx/5xx status.
// A range may span at most 14 days; regional figures are forecasts only (no `actual`).
import { MeterError } from '../../errors';
import type { HttpRequest, HttpResponse } from '../../http';
import {
  MS_PER_HALF_HOUR,
  formatDay,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
} from '../../time/civil';
import { parseInstant } from '../../time/iso';
import type { Area } from '../area';
import { FUELS, type Fuel, type IntensityPoint } from '../source';

export const CARBON_INTENSITY_ID = 'carbon-intensity';
export const CARBON_INTENSITY_LABEL = 'Carbon Intensity API';
export const CARBON_INTENSITY_DEFAULT_BASE = 'https://api.carbonintensity.org.uk';
/** The longest range one request may ask for. */
export const MAX_WINDOW_MS = 14 * MS_PER_DAY;

/** `2024-01-31T12:30Z`, as the API's paths take times. */
export function pathTime(utc: number): string {
  const day = Math.floor(utc / MS_PER_DAY);
  const ms = utc - day * MS_PER_DAY;
  const h = Math.floor(ms / MS_PER_HOUR);
  const m = Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE);
  return `${formatDay(day)}T${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}Z`;
}

function get(url: string): HttpRequest {
  return { method: 'GET', url, headers: { Accept: 'application/json' } };
}

function regionalTail(area: Area): string {
  if (area.kind === 'region') return `/regionid/${area.id}`;
  if (area.kind === 'postcode') return `/postcode/${encodeURIComponent(area.outward)}`;
  throw new Error(`not a regional area: ${area.kind}`);
}

/** The intensity over [from, to) (at most 14 days), or ahead from `from` when `to` is null. */
export function intensityRequest(
  base: string,
  area: Area,
  from: number,
  to: number | null,
): HttpRequest {
  const range = `${pathTime(from)}/${to === null ? 'fw48h' : pathTime(to)}`;
  if (area.kind === 'national') return get(`${base}/intensity/${range}`);
  return get(`${base}/regional/intensity/${range}${regionalTail(area)}`);
}

/** The national generation mix over [from, to) (at most 14 days). */
export function generationRequest(base: string, from: number, to: number): HttpRequest {
  return get(`${base}/generation/${pathTime(from)}/${pathTime(to)}`);
}

interface WireMix {
  fuel?: unknown;
  perc?: unknown;
}
interface WirePeriod {
  from?: unknown;
  to?: unknown;
  intensity?: { forecast?: unknown; actual?: unknown; index?: unknown } | null;
  generationmix?: WireMix[] | null;
}

function unreadable(what: string): MeterError {
  return new MeterError(
    'provider',
    `${CARBON_INTENSITY_LABEL} sent an answer for ${what} that could not be read`,
  );
}

function body(response: HttpResponse, what: string): Record<string, unknown> {
  try {
    const b = JSON.parse(response.body) as unknown;
    if (b && typeof b === 'object' && !Array.isArray(b)) return b as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw unreadable(what);
}

/**
 * The API's own message from an {error:{code,message}} body: it holds no secret (the API
 * takes none), so it is worth showing, cut short and printable.
 */
export function apiErrorMessage(response: HttpResponse): string | null {
  try {
    const b = JSON.parse(response.body) as { error?: { message?: unknown } };
    const m = b?.error?.message;
    if (typeof m === 'string' && m.trim())
      return m
        .replace(/[^\x20-\x7e]/g, '?')
        .trim()
        .slice(0, 120);
  } catch {
    // not JSON
  }
  return null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function mixOf(list: WireMix[] | null | undefined): Partial<Record<Fuel, number>> | null {
  if (!Array.isArray(list)) return null;
  const out: Partial<Record<Fuel, number>> = {};
  for (const m of list) {
    const fuel = typeof m?.fuel === 'string' ? (m.fuel.toLowerCase() as Fuel) : null;
    const perc = num(m?.perc);
    if (fuel && perc !== null && (FUELS as readonly string[]).includes(fuel)) out[fuel] = perc;
  }
  return out;
}

function periodOf(p: WirePeriod, what: string): IntensityPoint {
  const start = parseInstant(p?.from);
  const end = parseInstant(p?.to);
  if (start === null || end === null || end - start !== MS_PER_HALF_HOUR) throw unreadable(what);
  const actual = num(p.intensity?.actual);
  const forecast = num(p.intensity?.forecast);
  const index = p.intensity?.index;
  return {
    start,
    end,
    gPerKwh: actual ?? forecast,
    basis: actual !== null ? 'actual' : forecast !== null ? 'forecast' : null,
    index: typeof index === 'string' && index ? index : null,
    mix: mixOf(p.generationmix),
  };
}

/** The half-hours of a national /intensity answer. */
export function parseNational(response: HttpResponse, what: string): IntensityPoint[] {
  const data = body(response, what).data;
  if (!Array.isArray(data)) throw unreadable(what);
  return data.map((p) => periodOf(p as WirePeriod, what));
}

/** The half-hours of a /regional answer; null when the API placed no region (a postcode it does not know). */
export function parseRegional(response: HttpResponse, what: string): IntensityPoint[] | null {
  let data = body(response, what).data;
  if (Array.isArray(data)) data = data[0];
  if (data === undefined || data === null) return null;
  if (typeof data !== 'object') throw unreadable(what);
  const periods = (data as { data?: unknown }).data;
  if (periods === undefined || periods === null) return null;
  if (!Array.isArray(periods)) throw unreadable(what);
  return periods.map((p) => periodOf(p as WirePeriod, what));
}

/** The national mix by half-hour start, from a /generation answer. */
export function parseGeneration(
  response: HttpResponse,
  what: string,
): Map<number, Partial<Record<Fuel, number>>> {
  const data = body(response, what).data;
  if (!Array.isArray(data)) throw unreadable(what);
  const out = new Map<number, Partial<Record<Fuel, number>>>();
  for (const p of data as WirePeriod[]) {
    const start = parseInstant(p?.from);
    const mix = mixOf(p?.generationmix);
    if (start !== null && mix) out.set(start, mix);
  }
  return out;
}
