// Octopus Energy's published tariffs: any tariff code (E-1R-AGILE-24-10-01-C) or product
// code (AGILE-24-10-01, in the region from settings), priced from the public products API
// with no account: dynamic Agile and Tracker half-hours, day/night rates of two-rate
// tariffs, gas, export, and the standing charges, each dated as Octopus published them.
import { MeterError } from '../../../errors';
import type { Flow } from '../../../flow';
import { MS_PER_DAY } from '../../../time/civil';
import type { Dated, Tariff, UnitPricing } from '../../model';
import type { PriceSource, TariffContext } from '../source';
import { type Price, fetchPrices, regionOfPostcode } from './api';
import {
  type TariffCode,
  isExportProduct,
  isPostcode,
  isProductCode,
  parseTariffCode,
  tariffCodeOf,
} from './codes';
import { listProducts } from './products';

/** Where a two-rate meter's night falls when Octopus does not say (Economy 7, local time). */
export const NIGHT_BAND = { from: 30, to: 450 };

/** The region letter: settings' tariffs.region (a letter or a postcode). */
export function* regionOf(ctx: TariffContext, given: string | null): Flow<string> {
  const r = given ?? ctx.settings.tariffs?.region;
  if (!r)
    throw new MeterError(
      'config',
      'tariff: a product code needs your region: set tariffs.region in Settings (a letter A–P or your postcode), pass --region, or give the full tariff code (E-1R-…-C)',
    );
  if (isPostcode(r)) return yield* regionOfPostcode(ctx, r);
  const letter = r.replace('_', '').toUpperCase();
  if (!/^[A-P]$/.test(letter))
    throw new MeterError(
      'argument',
      `region: expected a letter A to P or a UK postcode, got "${r}"`,
    );
  return letter;
}

function* codeOf(text: string, ctx: TariffContext): Flow<TariffCode> {
  const t = parseTariffCode(text);
  if (t) return t;
  return tariffCodeOf(text, yield* regionOf(ctx, null), ctx.fuel);
}

function dated(prices: Price[]): Dated<number>[] {
  return prices.map((p) => ({ from: p.from, to: p.to, value: p.value }));
}

function valueAt(prices: Price[], t: number): number | undefined {
  for (const p of prices) if (p.from <= t && t < p.to) return p.value;
  return undefined;
}

/** Day and night rates, each dated on its own, as periods of a night band and the day. */
function twoRate(day: Price[], night: Price[], from: number, to: number): Dated<UnitPricing>[] {
  const cuts = new Set<number>([from, to]);
  for (const p of [...day, ...night])
    for (const t of [p.from, p.to]) if (t > from && t < to) cuts.add(t);
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Dated<UnitPricing>[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const d = valueAt(day, sorted[i]);
    const n = valueAt(night, sorted[i]);
    if (d === undefined || n === undefined) continue;
    out.push({
      from: sorted[i],
      to: sorted[i + 1],
      value: { kind: 'bands', bands: [{ ...NIGHT_BAND, rate: n }], otherwise: d },
    });
  }
  return out;
}

function* octopusTariff(text: string, ctx: TariffContext): Flow<Tariff> {
  const code = yield* codeOf(text, ctx);
  const { from, to } = ctx;
  const kinds =
    code.registers === 2
      ? (['day-unit-rates', 'night-unit-rates', 'standing-charges'] as const)
      : (['standard-unit-rates', 'standing-charges'] as const);
  const prices = yield* fetchPrices(
    ctx,
    kinds.map((kind) => ({ tariff: code, kind, from, to })),
  );
  const unit: Dated<UnitPricing>[] =
    code.registers === 2
      ? twoRate(prices[0], prices[1], from, to)
      : [
          {
            from: -Infinity,
            to: Infinity,
            value: {
              kind: 'slots',
              slots: dated(prices[0]).map((d) => ({ from: d.from, to: d.to, rate: d.value })),
            },
          },
        ];
  const tariff: Tariff = {
    name: code.code,
    label: `Octopus ${code.product} (${code.code})`,
    currency: 'GBP',
    unit,
    standing: dated(prices[prices.length - 1]),
    fuel: code.fuel,
  };
  if (code.fuel === 'electricity') tariff.export = isExportProduct(code.product);
  // Rates for the last two days may still be arriving (tomorrow's Agile is published
  // around 16:00): a result covering them is kept for half an hour only.
  if (to > ctx.clock() - 2 * MS_PER_DAY) tariff.ttlSeconds = 30 * 60;
  return tariff;
}

export const OCTOPUS_SOURCE: PriceSource = {
  id: 'octopus',
  hosts: ['api.octopus.energy'],
  claims: (text) => parseTariffCode(text) !== null || isProductCode(text),
  tariff: octopusTariff,
  list: listProducts,
};
