// The mock Kraken's `PropertyType.measurements` connection, checked as Kraken checks it:
// `first` at most the page cap, `after` an arrayconnection cursor, one utility filter with
// a known reading frequency and direction, a `timezone` (required here: Kraken would fall
// back to its own zone and hide a client that forgot it), DateTimes with or without an
// offset. Half-hours the meter never reported are simply absent, as on a real Kraken.
import { MS_PER_DAY, MS_PER_HALF_HOUR, MS_PER_HOUR } from '../../../../shared/time/civil';
import { canonicalZone, dayBoundaries, offsetAt } from '../../../../shared/time/zone';
import { GraphqlFieldError } from './schema';
import { MOCK_POINTS } from './customer';
import { type PointKind, VAT, halfHourReadings } from './household';
import { cursorFor, cursorIndex, invalidInput, isoFormatter, parseDateTime } from './wire';

const FREQUENCIES = ['RAW_INTERVAL', 'THIRTY_MIN_INTERVAL', 'HOUR_INTERVAL', 'DAY_INTERVAL'];
const DIRECTIONS = ['CONSUMPTION', 'GENERATION'];

export interface MeasurementOptions {
  clock: () => number;
  /** First instant with data. */
  firstMs: number;
  /** Data arrives this long after a half-hour ends. */
  lagMs: number;
  /** The largest `first` accepted. */
  maxFirst: number;
  gasUnit: 'kwh' | 'm3';
  /** The smart device that read a half-hour: Kraken files each reading under it. */
  deviceAt: (kind: PointKind, t: number) => string;
  /** Import half-hours served without cost statistics. */
  unpriced: (start: number) => boolean;
}

interface Bucket {
  start: number;
  end: number;
  kwh: number;
  energyPence: number;
  standingPence: number;
  band: string;
  /** Served without cost statistics (for a coarser bucket: any of its half-hours was). */
  unpriced?: boolean;
}

function money(pence: number) {
  return {
    __typename: 'EstimatedMoneyType',
    costCurrency: 'GBP',
    estimatedAmount: pence.toFixed(2),
  };
}

/** Half-hours summed into hours (UTC) or days (local to `zone`), for the coarser frequencies. */
function bucketed(list: Bucket[], frequency: string, zone: string): Bucket[] {
  if (frequency === 'THIRTY_MIN_INTERVAL' || frequency === 'RAW_INTERVAL') return list;
  const out: Bucket[] = [];
  for (const r of list) {
    let start: number;
    let end: number;
    if (frequency === 'HOUR_INTERVAL') {
      start = Math.floor(r.start / MS_PER_HOUR) * MS_PER_HOUR;
      end = start + MS_PER_HOUR;
    } else {
      const day = Math.floor((r.start + offsetAt(zone, r.start)) / MS_PER_DAY);
      [start, end] = dayBoundaries(zone, day, day);
    }
    const last = out[out.length - 1];
    if (last && last.start === start) {
      last.kwh = Math.round((last.kwh + r.kwh) * 1000) / 1000;
      last.energyPence = Math.round((last.energyPence + r.energyPence) * 100) / 100;
      last.standingPence = Math.round((last.standingPence + r.standingPence) * 100) / 100;
      last.unpriced = last.unpriced || r.unpriced;
    } else out.push({ ...r, start, end });
  }
  return out;
}

/** The meter point a filter names (by supply point and direction), or null when none. */
function pointOf(filter: {
  electricity: boolean;
  supply: string;
  direction: string;
}): PointKind | null {
  if (!filter.electricity) return filter.supply === MOCK_POINTS.gas.mprn ? 'gas' : null;
  if (filter.supply === MOCK_POINTS.import.mpan && filter.direction === 'CONSUMPTION')
    return 'import';
  if (filter.supply === MOCK_POINTS.export.mpan && filter.direction === 'GENERATION')
    return 'export';
  return null;
}

export function createMeasurements(o: MeasurementOptions) {
  const availableUntil = () =>
    Math.floor((o.clock() - o.lagMs) / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
  const memo = new Map<string, Bucket[]>();
  function readings(kind: PointKind, from: number, to: number): Bucket[] {
    const until = availableUntil();
    const key = `${kind}|${from}|${to}|${until}`;
    let r = memo.get(key);
    if (!r) {
      r = halfHourReadings(kind, from, to, o.firstMs, until).map((x) =>
        kind === 'import' && o.unpriced(x.start) ? { ...x, unpriced: true } : x,
      );
      if (memo.size > 64) memo.clear();
      memo.set(key, r);
    }
    return r;
  }

  function nodeFor(kind: PointKind, b: Bucket, iso: (utc: number) => string) {
    const gasInM3 = kind === 'gas' && o.gasUnit === 'm3';
    const value = gasInM3 ? (b.kwh * 3.6) / (1.02264 * 40) : b.kwh;
    const standing = {
      __typename: 'StatisticOutput',
      type: 'STANDING_CHARGE_COST',
      label: null,
      value: null,
      description: 'Daily charge rate (standing charge)',
      costExclTax: money(b.standingPence),
      costInclTax: money(b.standingPence * VAT),
    };
    const energy =
      kind === 'export'
        ? {
            __typename: 'StatisticOutput',
            type: 'GENERATION_VALUE',
            label: 'GENERATION',
            value: null,
            description: 'The calculated value of generation for the interval',
            costExclTax: money(b.energyPence),
            costInclTax: money(b.energyPence),
          }
        : {
            __typename: 'StatisticOutput',
            type: 'CONSUMPTION_COST',
            label: b.band,
            value: b.kwh.toFixed(6),
            description: 'The cost of consumption for the interval',
            costExclTax: money(b.energyPence),
            costInclTax: money(b.energyPence * VAT),
          };
    return {
      __typename: 'IntervalMeasurementType',
      source: 'SMART_METER',
      value: value.toFixed(6),
      unit: gasInM3 ? 'm3' : 'kwh',
      readAt: iso(b.start),
      startAt: iso(b.start),
      endAt: iso(b.end),
      durationInSeconds: (b.end - b.start) / 1000,
      metaData: {
        __typename: 'MeasurementsMetadataOutput',
        statistics: b.unpriced ? [] : kind === 'export' ? [standing, energy] : [energy, standing],
      },
    };
  }

  function measurements(args: Record<string, unknown>) {
    if (args.last !== undefined || args.before !== undefined)
      throw invalidInput('this mock pages forwards only');
    if (args.startOn !== undefined || args.endOn !== undefined)
      throw invalidInput('this mock takes startAt/endAt');
    const first = args.first;
    if (typeof first !== 'number' || !Number.isInteger(first) || first < 1)
      throw invalidInput('`first` must be a positive integer');
    if (first > o.maxFirst)
      throw new GraphqlFieldError(
        `Requesting ${first} records on the \`measurements\` connection exceeds the \`first\` limit of ${o.maxFirst} records.`,
      );
    const zone = typeof args.timezone === 'string' ? canonicalZone(args.timezone) : null;
    if (!zone) throw invalidInput('timezone must be an IANA time zone name');
    const filters = args.utilityFilters;
    if (!Array.isArray(filters) || filters.length !== 1)
      throw invalidInput('utilityFilters must name one meter point');
    const f = filters[0] as {
      electricityFilters?: Record<string, unknown>;
      gasFilters?: Record<string, unknown>;
    };
    const ef = f.electricityFilters;
    const gf = f.gasFilters;
    if (!!ef === !!gf) throw invalidInput('one of electricityFilters or gasFilters');
    const filter = (ef ?? gf) as Record<string, unknown>;
    const frequency = String(filter.readingFrequencyType);
    if (!FREQUENCIES.includes(frequency))
      throw new GraphqlFieldError(
        `Expected value of type 'ReadingFrequencyType', found ${frequency}.`,
      );
    const direction = ef ? String(ef.readingDirection ?? 'CONSUMPTION') : 'CONSUMPTION';
    if (ef && !DIRECTIONS.includes(direction))
      throw new GraphqlFieldError(
        `Expected value of type 'ReadingDirectionType', found ${direction}.`,
      );
    const from =
      args.startAt === undefined ? o.firstMs : parseDateTime(args.startAt, zone, 'startAt');
    const to = args.endAt === undefined ? o.clock() : parseDateTime(args.endAt, zone, 'endAt');
    if (to < from) throw invalidInput('endAt is before startAt');

    const kind = pointOf({
      electricity: !!ef,
      supply: String(filter.marketSupplyPointId ?? ''),
      direction,
    });
    // A device filter keeps only the readings that device took (Kraken files them so).
    const device =
      filter.deviceId === undefined || filter.deviceId === null ? null : String(filter.deviceId);
    const taken = kind ? readings(kind, from, to) : [];
    const byDevice =
      device === null
        ? taken
        : taken.filter((r) => o.deviceAt(kind as PointKind, r.start) === device);
    const all = kind
      ? bucketed(byDevice, frequency, zone).filter((b) => b.start >= from && b.end <= to)
      : [];
    let offset = 0;
    if (args.after !== undefined && args.after !== null) {
      const index = cursorIndex(String(args.after));
      if (index === null) throw invalidInput('invalid cursor');
      offset = index + 1;
    }
    const page = all.slice(offset, offset + first);
    const format = isoFormatter(
      zone,
      page.length ? page[0].start : from,
      page.length ? page[page.length - 1].end : to,
    );
    const edges = page.map((b, i) => ({
      __typename: 'MeasurementEdge',
      cursor: cursorFor(offset + i),
      node: nodeFor(kind as PointKind, b, format),
    }));
    return {
      __typename: 'MeasurementConnection',
      totalCount: all.length,
      edgeCount: edges.length,
      edges,
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage: offset + first < all.length,
        hasPreviousPage: false,
        startCursor: edges.length ? cursorFor(offset) : null,
        endCursor: edges.length ? cursorFor(offset + edges.length - 1) : null,
      },
    };
  }

  return {
    measurements,
    /** The readings served for a meter point: what a client should end up with. */
    truth: (kind: PointKind, from: number, to: number) =>
      halfHourReadings(kind, from, to, o.firstMs, availableUntil()),
  };
}
