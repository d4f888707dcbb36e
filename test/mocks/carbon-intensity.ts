// A Carbon Intensity API peer (api.carbonintensity.org.uk), from its public documentation:
// no authentication; UTC half-hours written `2024-01-31T12:30Z`; national intensity with
// `forecast`, `actual` (null until measured) and `index`; regional intensity (forecast
// only, no `actual` key) with the generation mix, by region id 1-17 or a postcode's
// outward code; the 48-hour forecast (fw48h); the national generation mix; ranges of at
// most 14 days; errors as {error:{code,message}}. Like the API, an answer also carries the
// half-hour that ends at `from`, which clients must not count twice.
// The mock's own figures: a deterministic intensity per half-hour and area, gaps that can
// be configured (half-hours the API has no figure for), postcode lookups that can fail.
import { MS_PER_DAY, MS_PER_HALF_HOUR, formatDay } from '../../shared/time/civil';
import { parseInstant } from '../../shared/time/iso';
import { type MockHandler, type MockRequest, json } from './mock-http';

export const FUELS = [
  'biomass',
  'coal',
  'imports',
  'gas',
  'nuclear',
  'other',
  'hydro',
  'solar',
  'wind',
];

export const REGION_NAMES: Record<number, [string, string]> = {
  1: ['Scottish Hydro Electric Power Distribution', 'North Scotland'],
  2: ['SP Distribution', 'South Scotland'],
  3: ['Electricity North West', 'North West England'],
  4: ['NPG North East', 'North East England'],
  5: ['NPG Yorkshire', 'Yorkshire'],
  6: ['SP Manweb', 'North Wales & Merseyside'],
  7: ['WPD South Wales', 'South Wales'],
  8: ['WPD West Midlands', 'West Midlands'],
  9: ['WPD East Midlands', 'East Midlands'],
  10: ['UKPN East', 'East England'],
  11: ['WPD South West', 'South West England'],
  12: ['SSE South', 'South England'],
  13: ['UKPN London', 'London'],
  14: ['UKPN South East', 'South East England'],
  15: ['England', 'England'],
  16: ['Scotland', 'Scotland'],
  17: ['Wales', 'Wales'],
};

/** Outward codes the mock can place. */
export const POSTCODES: Record<string, number> = { RG10: 12, SW1A: 13, EH3: 2, CF10: 7, M1: 3 };

export interface CarbonMockOptions {
  /** The mock's clock, UTC ms: national actuals exist for half-hours ended an hour before. */
  now?: () => number;
  /** UTC [from, to) ranges with no figures at all (left out of every answer). */
  gaps?: [number, number][];
  /** UTC [from, to) ranges whose national actual is null although they are past. */
  noActual?: [number, number][];
  /** Every postcode lookup fails (as the live API's sometimes do). */
  postcodesDown?: boolean;
}

/** A repeatable number in [0, 1) for a half-hour and an area. */
function unit(a: number, b: number): number {
  let h = Math.imul(a ^ 0x27d4eb2f, 0x165667b1) ^ Math.imul(b + 0x61c88647, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** The forecast intensity (gCO2/kWh) of the half-hour starting at t; region 0 = national. */
export function forecastAt(t: number, region: number): number {
  const hh = Math.floor(t / MS_PER_HALF_HOUR);
  const hour = (hh % 48) / 2;
  const shape = 60 * Math.sin((Math.PI * (hour - 4)) / 24) ** 2; // low at night
  const scotland = region === 1 || region === 2 || region === 16 ? 0.3 : 1;
  return Math.round(
    (110 + shape + 80 * unit(Math.floor(hh / 48), 7) + 10 * unit(hh, region)) * scotland,
  );
}

/** The measured national intensity, once known. */
export function actualAt(t: number): number {
  return forecastAt(t, 0) - 3 + Math.round(6 * unit(Math.floor(t / MS_PER_HALF_HOUR), 99));
}

function indexOf(g: number): string {
  return g < 50
    ? 'very low'
    : g < 130
      ? 'low'
      : g < 200
        ? 'moderate'
        : g < 280
          ? 'high'
          : 'very high';
}

function mixAt(t: number, region: number): { fuel: string; perc: number }[] {
  const raw = FUELS.map(
    (_, i) => 1 + 20 * unit(Math.floor(t / MS_PER_HALF_HOUR), 1000 * region + i),
  );
  const total = raw.reduce((a, b) => a + b, 0);
  return FUELS.map((fuel, i) => ({ fuel, perc: Math.round((1000 * raw[i]) / total) / 10 }));
}

export function apiTime(t: number): string {
  const day = Math.floor(t / MS_PER_DAY);
  const m = Math.round((t - day * MS_PER_DAY) / 60_000);
  const two = (n: number) => (n < 10 ? '0' : '') + n;
  return `${formatDay(day)}T${two(Math.floor(m / 60))}:${two(m % 60)}Z`;
}

function error(status: number, message: string) {
  const code = { 400: '400 Bad Request', 404: '404 Not Found', 405: '405 Method Not Allowed' }[
    status
  ];
  return json(status, { error: { code, message } });
}

export function createMock(options: CarbonMockOptions = {}) {
  const now = options.now ?? Date.now;
  const inRanges = (t: number, ranges?: [number, number][]) =>
    (ranges ?? []).some(([a, b]) => t >= a && t < b);

  /** The half-hours an answer for [from, to) holds: from the one ending at `from`. */
  function halfHours(from: number, to: number): number[] {
    const out: number[] = [];
    const first = Math.ceil(from / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR - MS_PER_HALF_HOUR;
    for (let t = first; t < to; t += MS_PER_HALF_HOUR) if (!inRanges(t, options.gaps)) out.push(t);
    return out;
  }

  function nationalPeriod(t: number) {
    const known = t + MS_PER_HALF_HOUR + 3_600_000 <= now() && !inRanges(t, options.noActual);
    const forecast = forecastAt(t, 0);
    const actual = known ? actualAt(t) : null;
    return {
      from: apiTime(t),
      to: apiTime(t + MS_PER_HALF_HOUR),
      intensity: { forecast, actual, index: indexOf(actual ?? forecast) },
    };
  }

  function regionalPeriod(t: number, region: number) {
    const forecast = forecastAt(t, region);
    return {
      from: apiTime(t),
      to: apiTime(t + MS_PER_HALF_HOUR),
      intensity: { forecast, index: indexOf(forecast) },
      generationmix: mixAt(t, region),
    };
  }

  function range(fromText: string, toText: string): [number, number] | string {
    const from = parseInstant(fromText);
    if (from === null) return `Please enter a valid ISO 8601 datetime for from: ${fromText}`;
    if (toText === 'fw48h') return [from, from + 48 * 3_600_000];
    const to = parseInstant(toText);
    if (to === null) return `Please enter a valid ISO 8601 datetime for to: ${toText}`;
    if (to <= from) return 'The from datetime must be before the to datetime';
    if (to - from > 14 * MS_PER_DAY) return 'Date range cannot exceed 14 days';
    return [from, to];
  }

  const handler: MockHandler = (req: MockRequest) => {
    if (req.method !== 'GET') return error(405, 'Method not allowed');
    const path = decodeURIComponent(req.path.split('?')[0]).replace(/\/+$/, '');
    let m = /^\/intensity\/([^/]+)\/([^/]+)$/.exec(path);
    if (m) {
      const r = range(m[1], m[2]);
      if (typeof r === 'string') return error(400, r);
      return json(200, { data: halfHours(r[0], r[1]).map(nationalPeriod) });
    }
    m = /^\/generation\/([^/]+)\/([^/]+)$/.exec(path);
    if (m) {
      const r = range(m[1], m[2]);
      if (typeof r === 'string') return error(400, r);
      return json(200, {
        data: halfHours(r[0], r[1]).map((t) => ({
          from: apiTime(t),
          to: apiTime(t + MS_PER_HALF_HOUR),
          generationmix: mixAt(t, 0),
        })),
      });
    }
    m = /^\/regional\/intensity\/([^/]+)\/([^/]+)\/(regionid|postcode)\/([^/]+)$/.exec(path);
    if (m) {
      const r = range(m[1], m[2]);
      if (typeof r === 'string') return error(400, r);
      let region: number;
      const extra: Record<string, string> = {};
      if (m[3] === 'regionid') {
        region = Number(m[4]);
        if (!REGION_NAMES[region])
          return error(400, 'Please enter a valid region id between 1 and 17');
      } else {
        const pc = m[4].toUpperCase();
        if (options.postcodesDown || !POSTCODES[pc])
          return error(400, 'Please enter a valid postcode');
        region = POSTCODES[pc];
        extra.postcode = pc;
      }
      const [dnoregion, shortname] = REGION_NAMES[region];
      return json(200, {
        data: {
          regionid: region,
          dnoregion,
          shortname,
          ...extra,
          data: halfHours(r[0], r[1]).map((t) => regionalPeriod(t, region)),
        },
      });
    }
    return error(404, 'Resource not found');
  };

  return { handler };
}

export const CARBON_ORIGIN = 'https://api.carbonintensity.org.uk';

/** The mock at the API's public origin: for host tests whose formulas reach it unasked. */
export function carbonRoutes(now: () => number = () => Date.UTC(2025, 0, 10, 12)) {
  return { [CARBON_ORIGIN]: createMock({ now }).handler };
}
