// METER_TARIFFS for Octopus: the products on sale (GET /v1/products/, every page at once
// once the first says how many there are) and, for a region, each product's tariff codes
// with their current unit rate and standing charge (GET /v1/products/{code}/, all in one
// batch).
import { MeterError } from '../../../errors';
import type { Flow } from '../../../flow';
import { buildUrl, parseJsonBody } from '../../../http';
import { checkResponse } from '../../../providers/common';
import type { Cell, Table } from '../../../table';
import type { TariffContext } from '../source';
import { baseUrl, octopusGet } from './api';

/** A region's tariffs are one request per product: the list is bounded to keep it one batch. */
export const MAX_PRODUCTS = 60;
const LIST_PAGE_SIZE = 100;

interface WireProduct {
  code: string;
  direction?: string;
  full_name?: string;
  display_name?: string;
  is_variable?: boolean;
  is_tracker?: boolean;
  brand?: string;
  available_from?: string | null;
  available_to?: string | null;
}

interface WireTariff {
  code: string;
  standing_charge_inc_vat?: number;
  standard_unit_rate_inc_vat?: number;
  day_unit_rate_inc_vat?: number;
  night_unit_rate_inc_vat?: number;
}

type ByRegion = Record<string, Record<string, WireTariff>>;

interface WireDetail {
  code: string;
  single_register_electricity_tariffs?: ByRegion;
  dual_register_electricity_tariffs?: ByRegion;
  single_register_gas_tariffs?: ByRegion;
}

function get(url: string) {
  return { method: 'GET' as const, url, headers: { Accept: 'application/json' } };
}

function* allProducts(ctx: TariffContext): Flow<WireProduct[]> {
  const base = baseUrl(ctx);
  const pageUrl = (page: number) =>
    buildUrl(base, '/v1/products/', {
      page_size: LIST_PAGE_SIZE,
      page: page > 1 ? page : undefined,
    });
  const [first] = yield* octopusGet(ctx, [get(pageUrl(1))]);
  checkResponse(first, 'Octopus', 'the list of products');
  const body = parseJsonBody<{ count: number; next: string | null; results: WireProduct[] }>(
    first,
    'Octopus',
  );
  const products = [...(body.results ?? [])];
  const pages = Math.min(20, Math.ceil((body.count ?? products.length) / LIST_PAGE_SIZE));
  if (body.next && pages > 1) {
    const rest = [];
    for (let p = 2; p <= pages; p++) rest.push(get(pageUrl(p)));
    for (const r of yield* octopusGet(ctx, rest)) {
      checkResponse(r, 'Octopus', 'the list of products');
      products.push(...(parseJsonBody<{ results: WireProduct[] }>(r, 'Octopus').results ?? []));
    }
  }
  return products;
}

function pick(byRegion: ByRegion | undefined, region: string): WireTariff | undefined {
  const variants = byRegion?.[`_${region}`];
  if (!variants) return undefined;
  return variants.direct_debit_monthly ?? Object.values(variants)[0];
}

const pounds = (pence: number | undefined): Cell =>
  typeof pence === 'number' ? pence / 100 : null;

export function* listProducts(
  filter: string | null,
  region: string | null,
  ctx: TariffContext,
): Flow<Table> {
  const wanted = (p: WireProduct) =>
    !filter ||
    [p.code, p.display_name ?? '', p.full_name ?? ''].some((s) =>
      s.toLowerCase().includes(filter.toLowerCase()),
    );
  const products = (yield* allProducts(ctx)).filter(wanted);
  if (region === null) {
    const rows: Table = [['Product', 'Name', 'Direction', 'Variable', 'Tracker', 'Available from']];
    for (const p of products)
      rows.push([
        p.code,
        p.display_name ?? p.full_name ?? '',
        p.direction ?? '',
        !!p.is_variable,
        !!p.is_tracker,
        p.available_from ?? null,
      ]);
    return rows;
  }
  if (products.length > MAX_PRODUCTS)
    throw new MeterError(
      'argument',
      `filter: ${products.length} Octopus products match; narrow the filter to at most ${MAX_PRODUCTS} (e.g. "agile")`,
    );
  const base = baseUrl(ctx);
  const details = yield* octopusGet(
    ctx,
    products.map((p) => get(buildUrl(base, `/v1/products/${encodeURIComponent(p.code)}/`))),
  );
  const rows: Table = [
    [
      'Tariff',
      'Product',
      'Name',
      'Fuel',
      'Direction',
      'Unit rate (GBP/kWh)',
      'Night rate (GBP/kWh)',
      'Standing charge (GBP/day)',
    ],
  ];
  details.forEach((r, i) => {
    if (r.status === 404) return; // withdrawn between the list and the detail
    checkResponse(r, 'Octopus', `product ${products[i].code}`);
    const d = parseJsonBody<WireDetail>(r, 'Octopus');
    const name = products[i].display_name ?? products[i].full_name ?? '';
    const dir = products[i].direction ?? '';
    const single = pick(d.single_register_electricity_tariffs, region);
    if (single)
      rows.push([
        single.code,
        d.code,
        name,
        'electricity',
        dir,
        pounds(single.standard_unit_rate_inc_vat),
        null,
        pounds(single.standing_charge_inc_vat),
      ]);
    const dual = pick(d.dual_register_electricity_tariffs, region);
    if (dual)
      rows.push([
        dual.code,
        d.code,
        name,
        'electricity',
        dir,
        pounds(dual.day_unit_rate_inc_vat),
        pounds(dual.night_unit_rate_inc_vat),
        pounds(dual.standing_charge_inc_vat),
      ]);
    const gas = pick(d.single_register_gas_tariffs, region);
    if (gas)
      rows.push([
        gas.code,
        d.code,
        name,
        'gas',
        dir,
        pounds(gas.standard_unit_rate_inc_vat),
        null,
        pounds(gas.standing_charge_inc_vat),
      ]);
  });
  return rows;
}
