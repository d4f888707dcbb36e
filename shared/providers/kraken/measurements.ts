// Usage from `account.properties.measurements`: half-hourly (THIRTY_MIN_INTERVAL), always
// with `timezone`, filtered to one meter point and direction. A long range is NOT paged
// through one cursor (one round trip per page, in sequence): it is cut into sub-ranges
// that each fit in one page, and all of them are sent in one parallel batch. A sub-range
// that still reports more pages is followed, all such together, but that is the exception.
//
// Why half-hours even for a month or a year: coarser frequencies (HOUR_/DAY_INTERVAL)
// would hide which half-hours are missing, and Missing is part of every answer.
import { MeterError } from '../../errors';
import type { Flow } from '../../flow';
import type { Interval, Meter, Series } from '../../model';
import { MS_PER_HALF_HOUR } from '../../time/civil';
import { shardRange } from '../common';
import type { ProviderContext, UsageQuery } from '../provider';
import { krakenSettings } from './config';
import type { GraphqlOperation } from './wire';
import { openSession, runOperations, type KrakenSession } from './session';
import { formatInstant, parseInstant } from './time';

/** The page size of Kraken's own example; a sub-range holds fewer half-hours than this. */
export const PAGE_SIZE = 1000;
/** 960 half-hours = 20 days per sub-range, well inside one page. */
export const SHARD_MS = 960 * MS_PER_HALF_HOUR;
/** A sub-range should never need this many extra pages; stop rather than loop. */
const MAX_FOLLOW_ROUNDS = 20;

const MEASUREMENTS_QUERY = `query krakenMeasurements(
  $accountNumber: String!
  $first: Int!
  $after: String
  $utilityFilters: [UtilityFiltersInput!]
  $startAt: DateTime
  $endAt: DateTime
  $timezone: String
) {
  account(accountNumber: $accountNumber) {
    properties {
      id
      measurements(
        first: $first
        after: $after
        utilityFilters: $utilityFilters
        startAt: $startAt
        endAt: $endAt
        timezone: $timezone
      ) {
        edges {
          node {
            value
            unit
            ... on IntervalMeasurementType {
              startAt
              endAt
            }
            metaData {
              statistics {
                type
                costExclTax {
                  costCurrency
                  estimatedAmount
                }
              }
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
}`;

export interface MeasurementWindow {
  from: number;
  to: number;
  zone: string;
  after?: string;
  first?: number;
}

/**
 * The meter point's readings: by supply point (MPAN/MPRN) and, for electricity, direction,
 * as mature Kraken clients filter. Never by smart device: Kraken files each reading under
 * the device that took it, so after a meter exchange (or with several smart devices on one
 * meter point) a device filter would leave every half-hour of the other device Missing.
 */
function utilityFilters(meter: Meter): unknown[] {
  const ref = meter.ref ?? {};
  const filter: Record<string, string> = {
    readingFrequencyType: 'THIRTY_MIN_INTERVAL',
    marketSupplyPointId: ref.mpxn ?? '',
  };
  if (ref.fuel === 'gas') return [{ gasFilters: filter }];
  filter.readingDirection = ref.direction === 'GENERATION' ? 'GENERATION' : 'CONSUMPTION';
  return [{ electricityFilters: filter }];
}

export function measurementsOperation(
  account: string,
  meter: Meter,
  w: MeasurementWindow,
): GraphqlOperation {
  const variables: Record<string, unknown> = {
    accountNumber: account,
    first: w.first ?? PAGE_SIZE,
    utilityFilters: utilityFilters(meter),
    startAt: formatInstant(w.from, w.zone),
    endAt: formatInstant(w.to, w.zone),
    timezone: w.zone,
  };
  if (w.after) variables.after = w.after;
  return {
    operationName: 'krakenMeasurements',
    query: MEASUREMENTS_QUERY,
    variables,
    what: `the usage of ${meter.id}`,
  };
}

interface Statistic {
  type?: unknown;
  costExclTax?: { costCurrency?: unknown; estimatedAmount?: unknown } | null;
}
interface RawNode {
  value?: unknown;
  unit?: unknown;
  startAt?: unknown;
  endAt?: unknown;
  metaData?: { statistics?: Statistic[] | null } | null;
}

export interface MeasurementPage {
  intervals: Interval[];
  hasNextPage: boolean;
  endCursor: string | null;
  currency: string | null;
}

/** Currencies whose amounts have no minor unit; Kraken's estimates are in minor units. */
const ZERO_DECIMAL = ['JPY', 'KRW'];

/**
 * Statistics that are the interval's own energy cost: what the half-hour's kWh cost
 * (CONSUMPTION_COST, summed over rate bands) or earned (GENERATION_VALUE, as a negative
 * cost). Standing charges are a daily fee, not the energy's cost, and are left out.
 */
function costSign(type: unknown): number {
  return type === 'CONSUMPTION_COST' ? 1 : type === 'GENERATION_VALUE' ? -1 : 0;
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function kwhOf(
  value: number | null,
  unit: unknown,
  meter: Meter,
  calorificValue: number,
): number | null {
  if (value === null) return null;
  if (unit === 'kwh' || unit === 'kWh' || unit === undefined || unit === null) return value;
  const u = String(unit)
    .toLowerCase()
    .replace(/[³\s]/g, (c) => (c === '³' ? '3' : ''));
  if (u === 'kwh') return value;
  if (u === 'wh') return value / 1000;
  if (u === 'mwh') return value * 1000;
  if ((u === 'm3' || u === 'cubicmetres' || u === 'cubic_meters') && meter.fuel === 'gas')
    return (value * 1.02264 * calorificValue) / 3.6;
  throw new MeterError(
    'provider',
    `Kraken reported ${meter.id} in an unknown unit "${String(unit).slice(0, 20)}"`,
  );
}

/** The intervals of one measurements answer (all properties of the account). */
export function parseMeasurementPage(
  data: Record<string, unknown>,
  meter: Meter,
  calorificValue: number,
): MeasurementPage {
  const account = data.account as { properties?: unknown } | null;
  if (!account) throw new MeterError('not-found', `Kraken has no account for ${meter.id}`);
  const properties = (Array.isArray(account.properties) ? account.properties : []) as {
    measurements?: {
      edges?: { node?: RawNode | null }[] | null;
      pageInfo?: { hasNextPage?: unknown; endCursor?: unknown } | null;
    } | null;
  }[];
  const page: MeasurementPage = {
    intervals: [],
    hasNextPage: false,
    endCursor: null,
    currency: null,
  };
  for (const p of properties) {
    const m = p?.measurements;
    if (!m) continue;
    for (const edge of m.edges ?? []) {
      const node = edge?.node;
      const start = parseInstant(node?.startAt);
      const end = parseInstant(node?.endAt);
      if (!node || start === null || end === null || !(end > start)) continue;
      const interval: Interval = {
        start,
        end,
        kwh: kwhOf(toNumber(node.value), node.unit, meter, calorificValue),
      };
      let cost: number | null = null;
      for (const s of node.metaData?.statistics ?? []) {
        const sign = costSign(s?.type);
        const amount = toNumber(s?.costExclTax?.estimatedAmount);
        if (!sign || amount === null) continue;
        const c = s.costExclTax?.costCurrency;
        const currency = c === 'GBP' ? c : String(c ?? '').toUpperCase() || 'GBP';
        if (page.currency && page.currency !== currency)
          throw new MeterError(
            'provider',
            `Kraken reported costs of ${meter.id} in two currencies`,
          );
        page.currency = currency;
        const minor = ZERO_DECIMAL.includes(currency) ? 1 : 100;
        cost = (cost ?? 0) + (sign * amount) / minor;
      }
      if (cost !== null) interval.cost = cost;
      page.intervals.push(interval);
    }
    if (m.pageInfo?.hasNextPage === true && typeof m.pageInfo.endCursor === 'string') {
      if (page.hasNextPage)
        throw new MeterError('unsupported', `Kraken paged ${meter.id} across several properties`);
      page.hasNextPage = true;
      page.endCursor = m.pageInfo.endCursor;
    }
  }
  return page;
}

/** Fetches [from, to) of one meter: sub-ranges in one batch, then any stragglers' pages. */
export function* fetchMeasurements(
  session: KrakenSession,
  meter: Meter,
  from: number,
  to: number,
  zone: string,
): Flow<Series> {
  const account = session.settings.account;
  let pending: MeasurementWindow[] = shardRange(from, to, SHARD_MS, MS_PER_HALF_HOUR).map(
    ([a, b]) => ({ from: a, to: b, zone }),
  );
  const intervals: Interval[] = [];
  let currency: string | null = null;
  for (let round = 0; pending.length > 0; round++) {
    if (round > MAX_FOLLOW_ROUNDS)
      throw new MeterError('provider', `Kraken kept paging ${meter.id}; try a shorter range`);
    const answers = yield* runOperations(
      session,
      pending.map((w) => measurementsOperation(account, meter, w)),
    );
    const next: MeasurementWindow[] = [];
    answers.forEach((data, i) => {
      const page = parseMeasurementPage(data, meter, session.settings.calorificValue);
      for (const iv of page.intervals) intervals.push(iv);
      if (page.currency) {
        if (currency && currency !== page.currency)
          throw new MeterError(
            'provider',
            `Kraken reported costs of ${meter.id} in two currencies`,
          );
        currency = page.currency;
      }
      if (page.hasNextPage && page.endCursor) next.push({ ...pending[i], after: page.endCursor });
    });
    pending = next;
  }
  intervals.sort((a, b) => a.start - b.start);
  const series: Series = { intervals, carbon: false, cost: currency !== null };
  if (currency) series.currency = currency;
  return series;
}

export function* krakenUsage(ctx: ProviderContext, q: UsageQuery): Flow<Series> {
  // Nothing is asked for the future: those half-hours are Missing without a request.
  const until = Math.ceil(Math.min(q.span.to, ctx.clock()) / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
  if (until <= q.span.from) {
    krakenSettings(ctx.config); // still report a setup problem
    return { intervals: [], carbon: false, cost: false };
  }
  // Whole half-hours: in a zone such as Pacific/Chatham (UTC+12:45) a local day starts
  // inside one; the core shares the straddling half-hours out by time.
  const from = Math.floor(q.span.from / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
  const session = yield* openSession(ctx);
  return yield* fetchMeasurements(session, q.meter, from, until, q.span.zone);
}
