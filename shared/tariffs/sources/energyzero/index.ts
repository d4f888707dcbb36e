// Dutch day-ahead prices from EnergyZero's public API (no account): for HomeWizard users
// and anyone on a Dutch dynamic contract. GET /v1/energyprices?fromDate&tillDate&interval=4
// &usageType=1&inclBtw=false answers {Prices: [{price, readingDate}], …}: the wholesale
// price per kWh excluding VAT for each hour (or quarter-hour) starting at readingDate (UTC).
// One local day a request, every day of the range in one batch, each day cached (a past
// day's prices never change). The consumer price adds the settings' energy tax and
// supplier mark-up, then VAT: (price + energyTax + markup) × (1 + vat).
import { MeterError } from '../../../errors';
import { type Flow, cacheGet, cachePut } from '../../../flow';
import { buildUrl, parseJsonBody } from '../../../http';
import { checkResponse, fetchWithRetry, retryPolicy } from '../../../providers/common';
import { MS_PER_DAY, MS_PER_HOUR } from '../../../time/civil';
import { formatInstant, parseInstant } from '../../../time/iso';
import { civilDayAt, localMidnight } from '../../../time/zone';
import type { RateSlot, Tariff } from '../../model';
import type { PriceSource, TariffContext } from '../source';

export const ENERGYZERO_TARIFF = 'energyzero';
export const ENERGYZERO_URL = 'https://api.energyzero.nl';
const NL = 'Europe/Amsterdam';
const PAST_TTL_SECONDS = 30 * 24 * 3600;
const RECENT_TTL_SECONDS = 30 * 60;

interface Wire {
  Prices?: { price: number; readingDate: string }[];
}

/** A day's prices: [start UTC ms, € per kWh excluding VAT]. */
type DayPrices = [number, number][];

function parseDay(body: Wire): DayPrices {
  if (!body || !Array.isArray(body.Prices))
    throw new MeterError('provider', 'EnergyZero sent prices that could not be read');
  const out: DayPrices = [];
  for (const p of body.Prices) {
    const t = parseInstant(p.readingDate);
    if (t === null || typeof p.price !== 'number')
      throw new MeterError('provider', 'EnergyZero sent prices that could not be read');
    out.push([t, p.price]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Slots from a day's prices: each lasts until the next (an hour, or 15 minutes since MTU 15). */
function slots(days: DayPrices[], markup: (p: number) => number): RateSlot[] {
  const all = days.flat().sort((a, b) => a[0] - b[0]);
  let step = MS_PER_HOUR;
  for (let i = 1; i < all.length; i++)
    if (all[i][0] - all[i - 1][0] > 0) step = Math.min(step, all[i][0] - all[i - 1][0]);
  return all.map(([t, p]) => ({ from: t, to: t + step, rate: markup(p) }));
}

function* energyZeroTariff(_text: string, ctx: TariffContext): Flow<Tariff> {
  const ez = ctx.settings.tariffs?.energyzero ?? {};
  const base = (ez.baseUrl ?? ENERGYZERO_URL).replace(/\/+$/, '');
  const now = ctx.clock();
  const first = civilDayAt(NL, ctx.from);
  const last = civilDayAt(NL, ctx.to - 1);
  if (last - first > 366 * 3)
    throw new MeterError(
      'argument',
      'end: EnergyZero prices are fetched a day at a time: at most 3 years at once',
    );
  const days: { day: number; from: number; to: number; key: string }[] = [];
  for (let d = first; d <= last; d++) {
    const from = localMidnight(NL, d);
    days.push({ day: d, from, to: localMidnight(NL, d + 1), key: `energyzero:1:${d}` });
  }
  const cached = yield* cacheGet(days.map((d) => d.key));
  const todo = days.map((d, i) => ({ ...d, i })).filter((d) => !cached[d.i]);
  const responses = yield* fetchWithRetry(
    todo.map((d) => ({
      method: 'GET' as const,
      url: buildUrl(base, '/v1/energyprices', {
        fromDate: formatInstant(d.from),
        tillDate: formatInstant(d.to - 1000),
        interval: 4,
        usageType: 1,
        inclBtw: 'false',
      }),
      headers: { Accept: 'application/json' },
    })),
    retryPolicy({ config: {}, clock: ctx.clock, runtime: ctx.runtime, deadline: ctx.deadline }),
  );
  const prices: DayPrices[] = days.map((_, i) =>
    cached[i] ? (JSON.parse(cached[i] as string) as DayPrices) : [],
  );
  const puts = todo.map((d, k) => {
    checkResponse(
      responses[k],
      'EnergyZero',
      `the prices of ${formatInstant(d.from).slice(0, 10)}`,
    );
    prices[d.i] = parseDay(parseJsonBody<Wire>(responses[k], 'EnergyZero'));
    // A day is settled once it is past and complete; until then it is asked again soon.
    const settled = d.to < now - MS_PER_DAY && prices[d.i].length > 0;
    return {
      key: d.key,
      value: JSON.stringify(prices[d.i]),
      ttlSeconds: settled ? PAST_TTL_SECONDS : RECENT_TTL_SECONDS,
    };
  });
  yield* cachePut(puts);
  const add = (ez.energyTax ?? 0) + (ez.markup ?? 0);
  const vat = 1 + (ez.vat ?? 0);
  const tariff: Tariff = {
    name: ENERGYZERO_TARIFF,
    label: 'EnergyZero day-ahead prices (NL) with energy tax, mark-up and VAT from Settings',
    currency: 'EUR',
    unit: [
      {
        from: -Infinity,
        to: Infinity,
        value: { kind: 'slots', slots: slots(prices, (p) => (p + add) * vat) },
      },
    ],
    standing: [{ from: -Infinity, to: Infinity, value: ez.standingPerDay ?? 0 }],
    fuel: 'electricity',
  };
  if (ctx.to > now - MS_PER_DAY) tariff.ttlSeconds = RECENT_TTL_SECONDS;
  return tariff;
}

export const ENERGYZERO_SOURCE: PriceSource = {
  id: 'energyzero',
  hosts: ['api.energyzero.nl'],
  claims: (text) => text.toLowerCase() === ENERGYZERO_TARIFF,
  tariff: energyZeroTariff,
};
