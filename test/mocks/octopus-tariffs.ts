// Octopus Energy's public products API as its documentation describes it: no
// authentication; GET /v1/products/ (page-number paging, page_size default 100), a
// product's detail with its tariff codes per region and payment method, a tariff's
// standard-unit-rates / day-unit-rates / night-unit-rates / standing-charges
// ({count, next, previous, results: [{value_exc_vat, value_inc_vat, valid_from,
// valid_to, payment_method}]}, newest first, page_size up to 1,500, period_from/period_to
// filter by overlap), and /v1/industry/grid-supply-points/?postcode=. A withdrawn product
// answers 404 {"detail": "Not found."}. Agile's half-hourly rates stop at the latest
// published half-hour: tomorrow 23:00 UK time once it is 16:00, else today 23:00.
import { MS_PER_DAY, MS_PER_HALF_HOUR, daysFromCivil } from '../../shared/time/civil';
import { formatInstant, parseInstant } from '../../shared/time/iso';
import { civilDayAt, localMidnight, offsetAt } from '../../shared/time/zone';
import { type MockHandler, type MockRequest, json } from './mock-http';

const ZONE = 'Europe/London';
const REGIONS = 'ABCDEFGHJKLMNP'.split('');
const MAX_PAGE_SIZE = 1500;
const DEFAULT_PAGE_SIZE = 100;

export const AGILE = 'AGILE-24-10-01';
export const FLEX = 'VAR-22-11-01';
export const OUTGOING = 'AGILE-OUTGOING-19-05-13';
export const WITHDRAWN = 'AGILE-18-02-21';
/** Outgoing Octopus (flat export): 15p/kWh. */
export const OUTGOING_FLAT = 'OUTGOING-VAR-24-10-26';
export const OUTGOING_FLAT_PENCE = 15;

interface Rate {
  value_exc_vat: number;
  value_inc_vat: number;
  valid_from: string;
  valid_to: string | null;
  payment_method: string | null;
}

const vat = (inc: number) => Math.round((inc / 1.05) * 10000) / 10000;

function rate(from: number, to: number | null, inc: number, method: string | null): Rate {
  return {
    value_exc_vat: vat(inc),
    value_inc_vat: inc,
    valid_from: formatInstant(from),
    valid_to: to === null ? null : formatInstant(to),
    payment_method: method,
  };
}

/** Agile's price of the half-hour at t in region C, p/kWh including VAT: deterministic. */
export function agilePence(t: number): number {
  const k = Math.floor(t / MS_PER_HALF_HOUR);
  const local = (((t + offsetAt(ZONE, t)) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const hour = local / 3_600_000;
  let p = 18 + ((k * 37) % 11) - 5;
  if (hour >= 16 && hour < 19) p += 14;
  if (hour < 5) p -= 9;
  return Math.round(p * 100) / 100;
}

/** The Flexible tariff's price changes (p/kWh inc VAT) — quarterly, as the price cap moves. */
export const FLEX_CHANGES: { from: number; dd: number; other: number; standing: number }[] = [
  { from: Date.UTC(2023, 9, 1), dd: 27.35, other: 28.62, standing: 53.35 },
  { from: Date.UTC(2024, 0, 1), dd: 28.62, other: 30.11, standing: 53.35 },
  { from: Date.UTC(2024, 3, 1) - 3_600_000, dd: 24.5, other: 25.8, standing: 60.1 },
  { from: Date.UTC(2024, 6, 1) - 3_600_000, dd: 22.36, other: 23.54, standing: 60.12 },
];
export const AGILE_STANDING = 47.85;

export interface OctopusTariffsMockOptions {
  now?: () => number;
  /** Region of any postcode asked about. */
  postcodeRegion?: string;
}

export function createOctopusTariffsMock(options: OctopusTariffsMockOptions = {}) {
  const now = options.now ?? Date.now;
  const requests: MockRequest[] = [];

  /** The end of the last published Agile half-hour. */
  function publishedUntil(): number {
    const t = now();
    const today = civilDayAt(ZONE, t);
    const local = t + offsetAt(ZONE, t) - today * MS_PER_DAY;
    return localMidnight(ZONE, today + (local >= 16 * 3_600_000 ? 2 : 1)) - 3_600_000;
  }

  function agileRates(from: number, to: number, scale: number): Rate[] {
    const start = Math.max(from, Date.UTC(2023, 0, 1));
    const end = Math.min(to, publishedUntil());
    const out: Rate[] = [];
    for (
      let t = Math.floor(start / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
      t < end;
      t += MS_PER_HALF_HOUR
    )
      out.push(rate(t, t + MS_PER_HALF_HOUR, Math.round(agilePence(t) * scale * 100) / 100, null));
    return out.reverse();
  }

  function flexRates(
    from: number,
    to: number,
    pick: (c: (typeof FLEX_CHANGES)[number]) => number[],
    methods: (string | null)[],
  ): Rate[] {
    const out: Rate[] = [];
    FLEX_CHANGES.forEach((c, i) => {
      const end = i + 1 < FLEX_CHANGES.length ? FLEX_CHANGES[i + 1].from : null;
      if (c.from >= to || (end !== null && end <= from)) return;
      pick(c).forEach((v, j) => out.push(rate(c.from, end, v, methods[j])));
    });
    return out.reverse();
  }

  function rates(
    product: string,
    tariff: string,
    kind: string,
    from: number,
    to: number,
  ): Rate[] | null {
    const m = /^([EG])-([12])R-(.+)-([A-P])$/.exec(tariff);
    if (!m || m[3] !== product) return null;
    const [, fuel, regs] = m;
    if (product === AGILE && fuel === 'E' && regs === '1') {
      if (kind === 'standard-unit-rates') return agileRates(from, to, 1);
      if (kind === 'standing-charges')
        return [rate(Date.UTC(2023, 0, 1), null, AGILE_STANDING, null)];
    }
    if (product === OUTGOING && fuel === 'E' && regs === '1') {
      if (kind === 'standard-unit-rates') return agileRates(from, to, 0.5);
      if (kind === 'standing-charges') return [rate(Date.UTC(2023, 0, 1), null, 0, null)];
    }
    if (product === OUTGOING_FLAT && fuel === 'E' && regs === '1') {
      if (kind === 'standard-unit-rates')
        return [rate(Date.UTC(2023, 0, 1), null, OUTGOING_FLAT_PENCE, null)];
      if (kind === 'standing-charges') return [rate(Date.UTC(2023, 0, 1), null, 0, null)];
    }
    if (product === FLEX) {
      const gas = fuel === 'G' ? 0.25 : 1;
      if (kind === 'standing-charges')
        return flexRates(
          from,
          to,
          (c) => [c.standing * (fuel === 'G' ? 0.5 : 1), c.standing * (fuel === 'G' ? 0.5 : 1)],
          ['DIRECT_DEBIT', 'NON_DIRECT_DEBIT'],
        );
      if (regs === '1' && kind === 'standard-unit-rates')
        return flexRates(
          from,
          to,
          (c) => [Math.round(c.dd * gas * 100) / 100, Math.round(c.other * gas * 100) / 100],
          ['DIRECT_DEBIT', 'NON_DIRECT_DEBIT'],
        );
      if (regs === '2' && fuel === 'E' && kind === 'day-unit-rates')
        return flexRates(from, to, (c) => [Math.round(c.dd * 1.1 * 100) / 100], ['DIRECT_DEBIT']);
      if (regs === '2' && fuel === 'E' && kind === 'night-unit-rates')
        return flexRates(from, to, (c) => [Math.round(c.dd * 0.55 * 100) / 100], ['DIRECT_DEBIT']);
    }
    return null;
  }

  const PRODUCTS = [
    {
      code: AGILE,
      direction: 'IMPORT',
      full_name: 'Agile Octopus October 2024 v1',
      display_name: 'Agile Octopus',
      is_variable: true,
      is_tracker: false,
    },
    {
      code: FLEX,
      direction: 'IMPORT',
      full_name: 'Flexible Octopus November 2022 v1',
      display_name: 'Flexible Octopus',
      is_variable: true,
      is_tracker: false,
    },
    {
      code: OUTGOING,
      direction: 'EXPORT',
      full_name: 'Agile Outgoing Octopus May 2019',
      display_name: 'Agile Outgoing Octopus',
      is_variable: true,
      is_tracker: false,
    },
  ];
  // Filler products, so the list spans more than one page.
  for (let i = 1; i <= 120; i++)
    PRODUCTS.push({
      code: `FIX-12M-FILLER-${i}`,
      direction: 'IMPORT',
      full_name: `Filler Fixed ${i}`,
      display_name: `Filler Fixed ${i}`,
      is_variable: false,
      is_tracker: false,
    });

  function productDetail(code: string) {
    const byRegion = (fuel: string, regs: string, unit: Record<string, number>, standing: number) =>
      Object.fromEntries(
        REGIONS.map((r) => [
          `_${r}`,
          {
            direct_debit_monthly: {
              code: `${fuel}-${regs}R-${code}-${r}`,
              standing_charge_inc_vat: standing,
              standing_charge_exc_vat: vat(standing),
              ...unit,
            },
          },
        ]),
      );
    const latest = FLEX_CHANGES[FLEX_CHANGES.length - 1];
    const p = PRODUCTS.find((x) => x.code === code);
    const body: Record<string, unknown> = {
      ...p,
      single_register_electricity_tariffs: {},
      dual_register_electricity_tariffs: {},
      single_register_gas_tariffs: {},
    };
    if (code === FLEX) {
      body.single_register_electricity_tariffs = byRegion(
        'E',
        '1',
        { standard_unit_rate_inc_vat: latest.dd },
        latest.standing,
      );
      body.dual_register_electricity_tariffs = byRegion(
        'E',
        '2',
        { day_unit_rate_inc_vat: latest.dd * 1.1, night_unit_rate_inc_vat: latest.dd * 0.55 },
        latest.standing,
      );
      body.single_register_gas_tariffs = byRegion(
        'G',
        '1',
        { standard_unit_rate_inc_vat: latest.dd * 0.25 },
        latest.standing / 2,
      );
    } else
      body.single_register_electricity_tariffs = byRegion(
        'E',
        '1',
        { standard_unit_rate_inc_vat: code === AGILE ? 24.1 : 15 },
        code === OUTGOING ? 0 : AGILE_STANDING,
      );
    return body;
  }

  function page<T>(req: MockRequest, all: T[], defaultSize: number) {
    const size = Math.min(
      MAX_PAGE_SIZE,
      Math.max(1, Number(req.query.page_size ?? defaultSize) || defaultSize),
    );
    const n = Math.max(1, Number(req.query.page ?? 1) || 1);
    const host = req.headers.host ? `http://${req.headers.host}` : 'https://api.octopus.energy';
    const path = req.path.split('?')[0];
    const link = (p: number) => {
      const q = new URLSearchParams({ ...req.query, page: String(p) });
      return `${host}${path}?${q.toString()}`;
    };
    const results = all.slice((n - 1) * size, n * size);
    if (n > 1 && results.length === 0) return json(404, { detail: 'Invalid page.' });
    return json(200, {
      count: all.length,
      next: n * size < all.length ? link(n + 1) : null,
      previous: n > 1 ? link(n - 1) : null,
      results,
    });
  }

  const handler: MockHandler = (req) => {
    requests.push(req);
    if (req.method !== 'GET') return json(405, { detail: `Method "${req.method}" not allowed.` });
    const path = req.path.split('?')[0];
    if (path === '/v1/products/') return page(req, PRODUCTS, DEFAULT_PAGE_SIZE);
    if (path === '/v1/industry/grid-supply-points/') {
      const pc = (req.query.postcode ?? '').replace(/\s+/g, '').toUpperCase();
      const results = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(pc)
        ? [{ group_id: `_${options.postcodeRegion ?? 'C'}` }]
        : [];
      return json(200, { count: results.length, next: null, previous: null, results });
    }
    const detail = /^\/v1\/products\/([^/]+)\/$/.exec(path);
    if (detail) {
      if (!PRODUCTS.some((p) => p.code === detail[1])) return json(404, { detail: 'Not found.' });
      return json(200, productDetail(detail[1]));
    }
    const m =
      /^\/v1\/products\/([^/]+)\/(electricity|gas)-tariffs\/([^/]+)\/(standard-unit-rates|day-unit-rates|night-unit-rates|standing-charges)\/$/.exec(
        path,
      );
    if (m) {
      const [, product, fuelPath, tariff, kind] = m;
      if ((fuelPath === 'gas') !== tariff.startsWith('G-'))
        return json(404, { detail: 'Not found.' });
      const from = req.query.period_from
        ? parseInstant(req.query.period_from)
        : Date.UTC(2023, 0, 1);
      const to = req.query.period_to ? parseInstant(req.query.period_to) : publishedUntil();
      if (from === null || to === null)
        return json(400, { period_from: ['Enter a valid date/time.'] });
      const all = rates(product, tariff, kind, from, to);
      if (all === null) return json(404, { detail: 'Not found.' });
      // Overlap filter, as the real service applies it.
      const overlapping = all.filter((r) => {
        const a = parseInstant(r.valid_from) as number;
        const b = r.valid_to === null ? Infinity : (parseInstant(r.valid_to) as number);
        return a < to && b > from;
      });
      return page(req, overlapping, DEFAULT_PAGE_SIZE);
    }
    return json(404, { detail: 'Not found.' });
  };
  return { handler, requests, publishedUntil };
}

export const FIRST_AGILE_DAY = daysFromCivil(2023, 1, 1);
