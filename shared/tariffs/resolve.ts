// From the text of a `tariff` argument (or a list of them) to Tariffs.
import { MeterError, argumentError } from '../errors';
import type { Flow } from '../flow';
import { isBlank, single } from '../functions/args';
import { splitTariffList } from './inline';
import type { Tariff } from './model';
import { PRICE_SOURCES, type PriceSource, type TariffContext } from './sources';

export const TARIFF_EXPECTED =
  'an Octopus tariff or product code (E-1R-AGILE-24-10-01-C, AGILE-24-10-01), a demo tariff (demo-flat, demo-two-rate, demo-tou, demo-dynamic), an inline tariff like "0.245 + 0.60/day", or a tariff saved in Settings';

export function* resolveTariff(
  text: string,
  ctx: TariffContext,
  sources: PriceSource[] = PRICE_SOURCES,
): Flow<Tariff> {
  const name = text.trim();
  const source = sources.find((s) => s.claims(name, ctx));
  if (!source) throw argumentError('tariff', TARIFF_EXPECTED, name);
  return yield* source.tariff(name, ctx);
}

/** The tariff named by an optional argument: null when blank. */
export function tariffText(value: unknown): string | null {
  const v = single(value);
  if (isBlank(v)) return null;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim();
  throw argumentError('tariff', TARIFF_EXPECTED, v);
}

/** A list of tariffs: a range of cells (one a cell), or text separated by commas. */
export function tariffList(value: unknown): string[] {
  const cells = Array.isArray(value) ? (value as unknown[]).flat(2) : [value];
  const out: string[] = [];
  for (const c of cells) {
    if (isBlank(c)) continue;
    if (typeof c === 'number') out.push(String(c));
    else if (typeof c === 'string') out.push(...splitTariffList(c));
    else throw argumentError('tariffs', `a list of tariffs: ${TARIFF_EXPECTED}`, c);
  }
  if (out.length === 0)
    throw new MeterError('argument', `tariffs: expected at least one tariff (${TARIFF_EXPECTED})`);
  if (out.length > 20)
    throw new MeterError('argument', `tariffs: at most 20 tariffs, got ${out.length}`);
  return out;
}
