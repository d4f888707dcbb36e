// The built-in demo grid: a deterministic half-hourly intensity with the shapes people look
// for (cleaner at night and on windy days, a midday solar dip in summer, a dirtier evening
// peak, windier Scotland), so METER_CARBON and the carbon column work offline. The mix is
// made first and the intensity follows from it, so the two always agree.
import { type Flow, pure } from '../../flow';
import { MS_PER_DAY, MS_PER_HALF_HOUR, MS_PER_HOUR } from '../../time/civil';
import type { Area } from '../area';
import {
  AHEAD_MS,
  type CarbonSource,
  type Fuel,
  type IntensityPoint,
  type IntensityQuery,
} from '../source';

/** Rough gCO2/kWh of each fuel as burnt (zero-carbon fuels are left out). */
const EMISSIONS: Partial<Record<Fuel, number>> = {
  gas: 394,
  coal: 937,
  biomass: 120,
  imports: 250,
  other: 300,
};

/** The demo's own bands (the real API's bands move year by year). */
const BANDS: [number, string][] = [
  [60, 'very low'],
  [140, 'low'],
  [210, 'moderate'],
  [300, 'high'],
];

function hash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

const bump = (x: number, centre: number, width: number) =>
  Math.exp(-((x - centre) ** 2) / (2 * width * width));

/** Extra wind share by area: Scotland's grid is mostly wind and nuclear. */
function windBonus(area: Area): number {
  if (area.kind !== 'region') return 0;
  if (area.id === 1 || area.id === 2 || area.id === 16) return 35;
  if (area.id === 7 || area.id === 17) return 5;
  if (area.id === 13 || area.id === 14) return -3;
  return 0;
}

/** The demo mix (percent) for the half-hour starting at t (UTC ms). */
export function demoMix(t: number, area: Area): Record<Fuel, number> {
  const day = Math.floor(t / MS_PER_DAY);
  const hour = (t - day * MS_PER_DAY) / MS_PER_HOUR + 0.25;
  const doy = (((day - 15) % 365) + 365) % 365;
  const winter = (1 + Math.cos((2 * Math.PI * doy) / 365)) / 2;
  // Wind comes in spells of a few days: a day's wind leans on its neighbours'.
  const windy = (hash(day, 1) + hash(day - 1, 1) + hash(Math.floor(day / 3), 2)) / 3;
  const demand = 0.62 + 0.3 * bump(hour, 12, 5) + 0.18 * bump(hour, 18, 1.5) + 0.1 * winter;
  const solar = (28 * (1 - winter) + 4) * bump(hour, 12.5, 2.6);
  const raw: Record<Fuel, number> = {
    nuclear: 13 / demand,
    wind: Math.max(2, (6 + 55 * windy * windy + windBonus(area)) / demand),
    solar: solar / demand,
    hydro: 2,
    biomass: 6,
    imports: 7 + 6 * hash(Math.floor(t / MS_PER_HALF_HOUR), 3),
    other: 1,
    coal: winter > 0.8 ? 1 : 0,
    gas: 0,
  };
  let clean = 0;
  for (const f of Object.keys(raw) as Fuel[]) clean += raw[f];
  if (clean > 95) {
    const k = 95 / clean;
    for (const f of Object.keys(raw) as Fuel[]) raw[f] *= k;
    clean = 95;
  }
  raw.gas = 100 - clean;
  for (const f of Object.keys(raw) as Fuel[]) raw[f] = Math.round(raw[f] * 10) / 10;
  return raw;
}

/** The intensity a mix makes, gCO2/kWh. */
function intensityOf(mix: Record<Fuel, number>): number {
  let g = 0;
  for (const [fuel, e] of Object.entries(EMISSIONS)) g += ((mix[fuel as Fuel] ?? 0) * e) / 100;
  return Math.round(g);
}

export function demoIntensity(t: number, area: Area): number {
  return intensityOf(demoMix(t, area));
}

function band(g: number): string {
  for (const [max, name] of BANDS) if (g < max) return name;
  return 'very high';
}

function point(t: number, area: Area, now: number, mix: boolean): IntensityPoint {
  const m = demoMix(t, area);
  const g = intensityOf(m);
  return {
    start: t,
    end: t + MS_PER_HALF_HOUR,
    gPerKwh: g,
    // As the real API: national figures become actuals once the half-hour is over.
    basis: area.kind === 'national' && t + MS_PER_HALF_HOUR <= now ? 'actual' : 'forecast',
    index: band(g),
    mix: mix ? m : null,
  };
}

const DEMO_FIRST = Date.UTC(2017, 8, 1);

function intensity(ctx: { clock(): number }, q: IntensityQuery): Flow<IntensityPoint[]> {
  const now = ctx.clock();
  // Nor anything before the real API's history (September 2017).
  const from = Math.floor(Math.max(q.from, DEMO_FIRST) / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
  // Like the real API, nothing further ahead than its 48-hour forecast.
  const horizon = Math.floor((now + AHEAD_MS) / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
  const to = Math.min(q.kind === 'ahead' ? from + AHEAD_MS : q.to, horizon);
  const out: IntensityPoint[] = [];
  for (let t = from; t + MS_PER_HALF_HOUR <= to; t += MS_PER_HALF_HOUR)
    out.push(point(t, q.area, now, q.mix));
  return pure(out);
}

export const demoCarbonSource: CarbonSource = {
  id: 'demo',
  label: 'Demo grid',
  attribution: 'Demo grid: a made-up intensity series built into meter-sheets',
  hosts: [],
  serves: (area) => area.kind === 'demo',
  intensity,
};
