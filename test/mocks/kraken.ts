// A Kraken (Octopus Energy's platform) as a real HTTP peer, built from the seeds (003: Home
// Mini telemetry, 004: measurements and tokens) and Kraken's public reference where they
// are silent. One GraphQL endpoint (POST {basePath}) that parses the documents it is sent
// and answers only what was asked, plus the auth server's OAuth /token/.
//
// Faithful where it matters to a client:
// - HTTP 200 for every GraphQL answer, failures in errors[] with extensions.errorCode,
//   next to partial data (a failed field is null, the rest answered);
// - obtainKrakenToken with APIKey, email+password, organizationSecretKey or refreshToken;
//   JWT-shaped tokens that expire (KT-CT-1120 once they have); KT-CT-1111/1112/1134/
//   1135/1138/1139 for the other auth failures; tokens go in a bare Authorization header;
// - measurements: required `first` (at most maxFirst), cursor paging with base64
//   `arrayconnection:N` cursors, utilityFilters checked (frequency, direction, meter
//   point, device), start/end in any offset or local to `timezone`, output in `timezone`;
//   missing half-hours are left out, as Kraken does; statistics like seed 004's;
// - smartMeterTelemetry: latest reading or start/end/grouping ranges (all three or none),
//   decimal strings, a rolling-hour budget per device → KT-GB-4042.
// Stricter than the real API where that catches client bugs: `timezone` is required
// (Kraken would silently use its own zone), and utilityFilters must name one meter point.
import { base64Encode, base64Decode } from '../../shared/http';
import { MS_PER_DAY, MS_PER_HALF_HOUR, MS_PER_HOUR, parseDay } from '../../shared/time/civil';
import {
  canonicalZone,
  dayBoundaries,
  localMidnight,
  offsetAt,
  offsetSegments,
} from '../../shared/time/zone';
import { dateTimeCell, isoLocal } from '../../shared/table';
import {
  type Document,
  type ExecutionResult,
  type GqlObject,
  GraphqlFieldError,
  GraphqlSyntaxError,
  execute,
  jsonScalar,
  parse,
} from './graphql-lite';
import {
  type HalfHourReading,
  type PointKind,
  VAT,
  demandAt,
  halfHourReadings,
  importKwhAt,
} from './kraken-data';
import { type MockHandler, type MockRequest, json, text } from './mock-http';

export const MOCK_ACCOUNT = 'A-AB12CD34';
export const MOCK_API_KEY = 'sk_live_KrakenMockKey4f8e2a9c1b7d3e6f';
export const MOCK_EMAIL = 'ada@example.com';
export const MOCK_PASSWORD = 'correct-horse-battery-staple-42';
export const MOCK_ORG_KEY = 'sk_live_OrgSecret9b1c4d7e2f5a8b3c6d';
export const MOCK_CLIENT_ID = 'meter-sheets-test-client';
export const MOCK_CLIENT_SECRET = 'oauth_secret_7d3e6f4f8e2a9c1b7d';

export const MOCK_POINTS = {
  import: { mpan: '1900012345678', serial: '22L4381234', deviceId: '0A-1B-2C-FF-FE-3D-4E-5F' },
  export: { mpan: '1170009876543', serial: '22L4381234', deviceId: '0A-1B-2C-FF-FE-3D-4E-5F' },
  gas: { mprn: '7412589630', serial: 'E6S12345671961', deviceId: '0A-1B-2C-FF-FE-3D-4E-60' },
  /** A supply the household left in 2022: only visible without active: true. */
  old: { mpan: '1900098765432', serial: 'S1A0099887', deviceId: '' },
};

export interface KrakenMockOptions {
  clock?: () => number;
  tokenLifetimeMs?: number;
  refreshLifetimeMs?: number;
  /** The largest `first` the measurements connection accepts. */
  maxFirst?: number;
  /** Telemetry calls allowed per device in any rolling hour. */
  telemetryBudget?: number;
  /** First local day (Europe/London) with data. */
  firstDay?: string;
  /** Data arrives this long after a half-hour ends. */
  lagMs?: number;
  /** A Home Mini is paired (telemetry has readings). */
  homeMini?: boolean;
  /** How gas measurements are reported. */
  gasUnit?: 'kwh' | 'm3';
  /** The code an expired token gets (documented KT-CT-1120; KT-CT-1124 is seen in the wild). */
  expiredCode?: 'KT-CT-1120' | 'KT-CT-1124';
}

interface Viewer {
  kind: 'account-user' | 'organization' | 'oauth';
  accounts: string[] | 'all';
}

interface IssuedToken {
  viewer: Viewer;
  expiresAt: number;
}

export interface KrakenCall {
  /** Root fields of the operation, e.g. ['account'] or ['obtainKrakenToken']. */
  fields: string[];
  operationName?: string;
  variables: Record<string, unknown>;
  /** Whether it carried a token (any, valid or not). */
  withToken: boolean;
}

const GROUPING_MS: Record<string, number> = {
  TEN_SECONDS: 10_000,
  ONE_MINUTE: 60_000,
  FIVE_MINUTES: 300_000,
  HALF_HOURLY: MS_PER_HALF_HOUR,
  HOURLY: MS_PER_HOUR,
};
const FREQUENCIES = ['RAW_INTERVAL', 'THIRTY_MIN_INTERVAL', 'HOUR_INTERVAL', 'DAY_INTERVAL'];
const DIRECTIONS = ['CONSUMPTION', 'GENERATION'];
const TELEMETRY_HISTORY_MS = 90 * MS_PER_DAY;

function kerr(code: string, message: string, type: string, description = ''): GraphqlFieldError {
  return new GraphqlFieldError(message, {
    errorType: type,
    errorCode: code,
    errorDescription: description,
  });
}

function b64url(s: string): string {
  return base64Encode(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function cursorFor(index: number): string {
  return Buffer.from(`arrayconnection:${index}`).toString('base64');
}

/** An instant from a DateTime argument: with an offset, or local wall time in `zone`. */
function parseDateTime(text: unknown, zone: string, name: string): number {
  if (typeof text !== 'string')
    throw kerr('KT-CT-1605', 'Invalid input.', 'VALIDATION', `${name} must be a DateTime`);
  const m =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text,
    );
  if (!m)
    throw kerr(
      'KT-CT-1605',
      'Invalid input.',
      'VALIDATION',
      `${name} is not an ISO 8601 date-time`,
    );
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  if (m[7] === 'Z') return wall;
  if (m[7]) {
    const sign = m[7][0] === '-' ? -1 : 1;
    const d = m[7].slice(1).replace(':', '');
    return wall - sign * (+d.slice(0, 2) * 60 + +d.slice(2)) * 60_000;
  }
  // Local wall time: the first instant at that wall time (earlier offset on a repeat).
  let t = wall - offsetAt(zone, wall);
  if (t + offsetAt(zone, t) !== wall) t = wall - offsetAt(zone, t);
  return t;
}

function iso(utc: number, zone: string): string {
  return isoLocal(dateTimeCell(utc, offsetAt(zone, utc)));
}

/** ISO formatting for many instants of one range: offsets looked up once, not per instant. */
function isoFormatter(zone: string, from: number, to: number): (utc: number) => string {
  const segs = offsetSegments(zone, from, Math.max(to, from + 1) + 1);
  return (utc) => {
    let offset = segs[segs.length - 1].offset;
    for (const s of segs)
      if (utc < s.to) {
        offset = s.offset;
        break;
      }
    return isoLocal(dateTimeCell(utc, offset));
  };
}

export function createMock(options: KrakenMockOptions = {}) {
  const clock = options.clock ?? Date.now;
  const tokenLifetimeMs = options.tokenLifetimeMs ?? 60 * 60_000;
  const refreshLifetimeMs = options.refreshLifetimeMs ?? 7 * MS_PER_DAY;
  const maxFirst = options.maxFirst ?? 1000;
  const telemetryBudget = options.telemetryBudget ?? 100;
  const firstMs = localMidnight(
    'Europe/London',
    parseDay(options.firstDay ?? '2023-01-01') as number,
  );
  const lagMs = options.lagMs ?? 0;
  const homeMini = options.homeMini ?? true;
  const expiredCode = options.expiredCode ?? 'KT-CT-1120';
  const basePath = '/v1/graphql/';

  const tokens = new Map<string, IssuedToken>();
  const refreshTokens = new Map<string, { viewer: Viewer; expiresAt: number }>();
  let issued = 0;
  const state = {
    calls: [] as KrakenCall[],
    tokensIssued: { APIKey: 0, password: 0, organization: 0, refresh: 0, oauth: 0 },
    telemetryCalls: [] as { device: string; at: number }[],
    /** Authenticated requests still allowed before every current token expires. */
    expireAfter: null as number | null,
    /** Fields that fail once each with the given error, e.g. partial data. */
    failures: [] as { field: string; error: GraphqlFieldError }[],
  };

  const availableUntil = () => Math.floor((clock() - lagMs) / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;

  function issue(viewer: Viewer, gty: string, email?: string) {
    issued++;
    const now = clock();
    const exp = Math.floor((now + tokenLifetimeMs) / 1000);
    const payload = {
      sub: `kraken|account-user:${100000 + issued}`,
      gty,
      ...(email ? { email } : {}),
      tokenUse: 'access',
      iss: 'https://api.octopus.energy/v1/graphql/',
      iat: Math.floor(now / 1000),
      exp,
      origIat: Math.floor(now / 1000),
    };
    const token = [
      b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'mock' })),
      b64url(JSON.stringify(payload)),
      b64url(`mock-signature-${issued}-${now}`),
    ].join('.');
    tokens.set(token, { viewer, expiresAt: exp * 1000 });
    const refreshToken = `rt${issued.toString(16).padStart(6, '0')}${(now % 1e9).toString(16)}mock`;
    const refreshExpiresIn = Math.floor((now + refreshLifetimeMs) / 1000);
    refreshTokens.set(refreshToken, { viewer, expiresAt: refreshExpiresIn * 1000 });
    return {
      __typename: 'ObtainKrakenJSONWebToken',
      token,
      payload: jsonScalar(payload),
      refreshToken,
      refreshExpiresIn,
    };
  }

  function failIfPlanned(field: string): void {
    const i = state.failures.findIndex((f) => f.field === field);
    if (i >= 0) throw state.failures.splice(i, 1)[0].error;
  }

  // ---------- measurements ----------
  const seriesMemo = new Map<string, HalfHourReading[]>();
  function readings(kind: PointKind, from: number, to: number): HalfHourReading[] {
    const until = availableUntil();
    const key = `${kind}|${from}|${to}|${until}`;
    let r = seriesMemo.get(key);
    if (!r) {
      r = halfHourReadings(kind, from, to, firstMs, until);
      if (seriesMemo.size > 64) seriesMemo.clear();
      seriesMemo.set(key, r);
    }
    return r;
  }

  function money(p: number) {
    return { __typename: 'EstimatedMoneyType', costCurrency: 'GBP', estimatedAmount: p.toFixed(2) };
  }

  interface Bucket {
    start: number;
    end: number;
    kwh: number;
    energyPence: number;
    standingPence: number;
    band: string;
  }

  function bucketed(list: HalfHourReading[], frequency: string, zone: string): Bucket[] {
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
      } else out.push({ ...r, start, end });
    }
    return out;
  }

  function nodeFor(kind: PointKind, b: Bucket, iso: (utc: number) => string) {
    const gasInM3 = kind === 'gas' && options.gasUnit === 'm3';
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
      __implements: ['MeasurementInterface'],
      value: value.toFixed(6),
      unit: gasInM3 ? 'm3' : 'kwh',
      startAt: iso(b.start),
      endAt: iso(b.end),
      durationInSeconds: (b.end - b.start) / 1000,
      metaData: {
        __typename: 'MeasurementsMetadataOutput',
        statistics: kind === 'export' ? [standing, energy] : [energy, standing],
      },
    };
  }

  function measurements(args: Record<string, unknown>) {
    failIfPlanned('measurements');
    if (args.last !== undefined || args.before !== undefined)
      throw kerr('KT-CT-1605', 'Invalid input.', 'VALIDATION', 'this mock pages forwards only');
    if (args.startOn !== undefined || args.endOn !== undefined)
      throw kerr('KT-CT-1605', 'Invalid input.', 'VALIDATION', 'this mock takes startAt/endAt');
    const first = args.first;
    if (typeof first !== 'number' || !Number.isInteger(first) || first < 1)
      throw kerr(
        'KT-CT-1605',
        'Invalid input.',
        'VALIDATION',
        '`first` must be a positive integer',
      );
    if (first > maxFirst)
      throw new GraphqlFieldError(
        `Requesting ${first} records on the \`measurements\` connection exceeds the \`first\` limit of ${maxFirst} records.`,
      );
    const zone = typeof args.timezone === 'string' ? canonicalZone(args.timezone) : null;
    if (!zone)
      throw kerr(
        'KT-CT-1605',
        'Invalid input.',
        'VALIDATION',
        'timezone must be an IANA time zone name',
      );
    const filters = args.utilityFilters;
    if (!Array.isArray(filters) || filters.length !== 1)
      throw kerr(
        'KT-CT-1605',
        'Invalid input.',
        'VALIDATION',
        'utilityFilters must name one meter point',
      );
    const f = filters[0] as {
      electricityFilters?: Record<string, unknown>;
      gasFilters?: Record<string, unknown>;
    };
    const ef = f.electricityFilters;
    const gf = f.gasFilters;
    if (!!ef === !!gf)
      throw kerr(
        'KT-CT-1605',
        'Invalid input.',
        'VALIDATION',
        'one of electricityFilters or gasFilters',
      );
    const filter = (ef ?? gf) as Record<string, unknown>;
    if (!FREQUENCIES.includes(String(filter.readingFrequencyType)))
      throw new GraphqlFieldError(
        `Expected value of type 'ReadingFrequencyType', found ${String(filter.readingFrequencyType)}.`,
      );
    const direction = ef ? String(ef.readingDirection ?? 'CONSUMPTION') : 'CONSUMPTION';
    if (ef && !DIRECTIONS.includes(direction))
      throw new GraphqlFieldError(
        `Expected value of type 'ReadingDirectionType', found ${direction}.`,
      );
    const from =
      args.startAt === undefined ? firstMs : parseDateTime(args.startAt, zone, 'startAt');
    const to = args.endAt === undefined ? clock() : parseDateTime(args.endAt, zone, 'endAt');
    if (to < from)
      throw kerr('KT-CT-1605', 'Invalid input.', 'VALIDATION', 'endAt is before startAt');

    let kind: PointKind | null = null;
    const supply = String(filter.marketSupplyPointId ?? '');
    const device =
      filter.deviceId === undefined || filter.deviceId === null ? null : String(filter.deviceId);
    if (ef) {
      if (supply === MOCK_POINTS.import.mpan && direction === 'CONSUMPTION') kind = 'import';
      if (supply === MOCK_POINTS.export.mpan && direction === 'GENERATION') kind = 'export';
      if (kind && device !== null && device !== MOCK_POINTS[kind].deviceId) kind = null;
    } else if (supply === MOCK_POINTS.gas.mprn) {
      kind = 'gas';
      if (device !== null && device !== MOCK_POINTS.gas.deviceId) kind = null;
    }
    const all = kind
      ? bucketed(readings(kind, from, to), String(filter.readingFrequencyType), zone).filter(
          (b) => b.start >= from && b.end <= to,
        )
      : [];
    let offset = 0;
    if (args.after !== undefined && args.after !== null) {
      const m = /^arrayconnection:(\d+)$/.exec(safeDecode(String(args.after)));
      if (!m) throw kerr('KT-CT-1605', 'Invalid input.', 'VALIDATION', 'invalid cursor');
      offset = Number(m[1]) + 1;
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

  // ---------- account ----------
  function smartDevices(deviceId: string) {
    return deviceId ? [{ __typename: 'SmartMeterDeviceType', deviceId }] : [];
  }

  function electricityAgreements(args: Record<string, unknown>) {
    failIfPlanned('electricityAgreements');
    const agreement = (
      point: { mpan: string; serial: string; deviceId: string },
      direction: string,
      validFrom: string,
      validTo: string | null,
    ) => ({
      __typename: 'ElectricityAgreementType',
      validFrom,
      validTo,
      isActive: validTo === null,
      meterPoint: {
        __typename: 'ElectricityMeterPointType',
        mpan: point.mpan,
        direction,
        meters: (a: Record<string, unknown>) => {
          const meters = [
            {
              __typename: 'ElectricityMeterType',
              serialNumber: point.serial,
              smartDevices: smartDevices(point.deviceId),
              smartImportElectricityMeter:
                direction === 'IMPORT' && point.deviceId
                  ? { __typename: 'SmartImportElectricityMeter', deviceId: point.deviceId }
                  : null,
              smartExportElectricityMeter:
                direction === 'EXPORT' && point.deviceId
                  ? { __typename: 'SmartExportElectricityMeter', deviceId: point.deviceId }
                  : null,
            },
          ];
          // The dumb meter the smart one replaced: only with includeInactive.
          if (a.includeInactive !== false && direction === 'IMPORT')
            meters.push({
              __typename: 'ElectricityMeterType',
              serialNumber: 'K91A02345',
              smartDevices: [],
              smartImportElectricityMeter: null,
              smartExportElectricityMeter: null,
            });
          return meters;
        },
      },
    });
    const active = [
      agreement(MOCK_POINTS.import, 'IMPORT', '2022-06-01T00:00:00+01:00', null),
      agreement(MOCK_POINTS.export, 'EXPORT', '2022-09-15T00:00:00+01:00', null),
    ];
    const ended = [
      agreement(
        MOCK_POINTS.old,
        'IMPORT',
        '2019-03-01T00:00:00+00:00',
        '2022-06-01T00:00:00+01:00',
      ),
    ];
    if (args.active === true) return active;
    if (args.active === false) return ended;
    return [...ended, ...active];
  }

  function gasAgreements(args: Record<string, unknown>) {
    failIfPlanned('gasAgreements');
    const p = MOCK_POINTS.gas;
    if (args.active === false) return [];
    return [
      {
        __typename: 'GasAgreementType',
        validFrom: '2022-06-01T00:00:00+01:00',
        validTo: null,
        isActive: true,
        meterPoint: {
          __typename: 'GasMeterPointType',
          mprn: p.mprn,
          meters: () => [
            {
              __typename: 'GasMeterType',
              serialNumber: p.serial,
              smartDevices: smartDevices(p.deviceId),
            },
          ],
        },
      },
    ];
  }

  // ---------- telemetry ----------
  let register = { until: firstMs, kwh: 0 };
  function registerWh(t: number): number {
    if (t < register.until) register = { until: firstMs, kwh: 0 };
    while (register.until + MS_PER_HALF_HOUR <= t) {
      register.kwh += importKwhAt(register.until);
      register.until += MS_PER_HALF_HOUR;
    }
    const part = (t - register.until) / MS_PER_HALF_HOUR;
    return Math.round((register.kwh + importKwhAt(register.until) * part) * 1000);
  }

  function telemetry(args: Record<string, unknown>, viewer: Viewer) {
    const device = String(args.deviceId ?? '');
    const known = [MOCK_POINTS.import.deviceId, MOCK_POINTS.gas.deviceId];
    if (!known.includes(device) || !canRead(viewer, MOCK_ACCOUNT))
      throw kerr(
        'KT-GB-4050',
        'Smart meter not found.',
        'NOT_FOUND',
        'The smart meter could not be found in our database.',
      );
    const ranged = [args.start, args.end, args.grouping].filter(
      (x) => x !== undefined && x !== null,
    );
    if (ranged.length !== 0 && ranged.length !== 3)
      throw kerr(
        'KT-GB-4040',
        "'start', 'end', and 'grouping' must all be provided.",
        'VALIDATION',
      );
    const now = clock();
    const recent = state.telemetryCalls.filter(
      (c) => c.device === device && c.at > now - MS_PER_HOUR,
    );
    if (recent.length >= telemetryBudget)
      throw kerr(
        'KT-GB-4042',
        'Too many requests. Please wait before trying again.',
        'APPLICATION',
      );
    state.telemetryCalls.push({ device, at: now });
    if (!homeMini) return [];
    const gas = device === MOCK_POINTS.gas.deviceId;
    const reading = (t: number, deltaWh: number | null, w: number | null) => ({
      __typename: 'SmartMeterTelemetryType',
      readAt: iso(t, 'UTC'),
      consumption: gas ? null : String(registerWh(t)),
      demand: gas || w === null ? null : String(w),
      consumptionDelta: deltaWh === null ? null : deltaWh.toFixed(4),
      costDelta: null,
    });
    if (ranged.length === 0) {
      const t = Math.floor((now - 5_000) / 10_000) * 10_000;
      return [reading(t, null, gas ? null : demandAt(t))];
    }
    const start = parseDateTime(args.start, 'UTC', 'start');
    const end = parseDateTime(args.end, 'UTC', 'end');
    const step = GROUPING_MS[String(args.grouping)];
    if (!step)
      throw new GraphqlFieldError(
        `Expected value of type 'TelemetryGrouping', found ${String(args.grouping)}.`,
      );
    if (end <= start) throw kerr('KT-GB-4041', "'end' should be later than 'start'.", 'VALIDATION');
    if (start < now - TELEMETRY_HISTORY_MS)
      throw kerr('KT-GB-4051', 'The start of the range is too far in the past.', 'VALIDATION');
    const out = [];
    for (
      let t = Math.ceil(start / step) * step;
      t < Math.min(end, now) && out.length < 10_000;
      t += step
    ) {
      const wh = registerWh(Math.min(t + step, now)) - registerWh(t);
      out.push(reading(t, gas ? null : wh, gas ? null : demandAt(t)));
    }
    return out;
  }

  // ---------- viewer and roots ----------
  function canRead(viewer: Viewer, account: string): boolean {
    return viewer.accounts === 'all' || viewer.accounts.includes(account);
  }

  function roots(authorization: string | undefined): { query: GqlObject; mutation: GqlObject } {
    const requireViewer = (): Viewer => {
      if (!authorization)
        throw kerr('KT-CT-1112', "'Authorization' header not provided.", 'AUTHORIZATION');
      const token = authorization.replace(/^JWT\s+/i, '').trim();
      const t = tokens.get(token);
      if (!t) throw kerr('KT-CT-1111', 'Unauthorized.', 'AUTHORIZATION');
      if (t.expiresAt <= clock())
        throw kerr(expiredCode, 'The Kraken Token has expired.', 'APPLICATION');
      return t.viewer;
    };
    const query: GqlObject = {
      __typename: 'Query',
      account: (args: Record<string, unknown>) => {
        const viewer = requireViewer();
        failIfPlanned('account');
        if (args.accountNumber !== MOCK_ACCOUNT || !canRead(viewer, MOCK_ACCOUNT))
          throw kerr('KT-CT-1111', 'Unauthorized.', 'AUTHORIZATION');
        return {
          __typename: 'AccountType',
          number: MOCK_ACCOUNT,
          status: 'ACTIVE',
          properties: [
            { __typename: 'PropertyType', id: '308641', postcode: 'SW1A 1AA', measurements },
          ],
          electricityAgreements,
          gasAgreements,
        };
      },
      smartMeterTelemetry: (args: Record<string, unknown>) => {
        const viewer = requireViewer();
        failIfPlanned('smartMeterTelemetry');
        return telemetry(args, viewer);
      },
    };
    const mutation: GqlObject = {
      __typename: 'Mutation',
      obtainKrakenToken: (args: Record<string, unknown>) => {
        failIfPlanned('obtainKrakenToken');
        const input = (args.input ?? {}) as Record<string, unknown>;
        const given = [
          'APIKey',
          'email',
          'password',
          'organizationSecretKey',
          'refreshToken',
          'preSignedKey',
        ].filter((k) => input[k] !== undefined && input[k] !== null && input[k] !== '');
        const refused = (code: string, description: string) =>
          kerr(code, 'Invalid data.', 'VALIDATION', description);
        const only = (k: string) => given.length === 1 && given[0] === k;
        if (only('APIKey')) {
          if (input.APIKey !== MOCK_API_KEY) throw refused('KT-CT-1139', 'Authentication failed.');
          state.tokensIssued.APIKey++;
          return issue({ kind: 'account-user', accounts: [MOCK_ACCOUNT] }, 'API-KEY', MOCK_EMAIL);
        }
        if (given.length === 2 && given.includes('email') && given.includes('password')) {
          if (input.email !== MOCK_EMAIL || input.password !== MOCK_PASSWORD)
            throw refused('KT-CT-1138', 'Please make sure the credentials are correct.');
          state.tokensIssued.password++;
          return issue(
            { kind: 'account-user', accounts: [MOCK_ACCOUNT] },
            'EMAIL-AND-PASSWORD',
            MOCK_EMAIL,
          );
        }
        if (only('organizationSecretKey')) {
          if (input.organizationSecretKey !== MOCK_ORG_KEY)
            throw refused('KT-CT-1139', 'Authentication failed.');
          state.tokensIssued.organization++;
          return issue({ kind: 'organization', accounts: 'all' }, 'ORGANIZATION');
        }
        if (only('refreshToken')) {
          const r = refreshTokens.get(String(input.refreshToken));
          if (!r) throw refused('KT-CT-1135', 'Please make sure the refresh token is correct.');
          if (r.expiresAt <= clock()) throw refused('KT-CT-1134', 'The refresh token has expired.');
          state.tokensIssued.refresh++;
          return issue(r.viewer, 'REFRESH-TOKEN');
        }
        throw refused('KT-CT-1139', 'Authentication failed.');
      },
    };
    return { query, mutation };
  }

  function graphql(req: MockRequest) {
    if (req.method !== 'POST')
      return json(405, { errors: [{ message: 'GraphQL requests must be POSTed here.' }] });
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(req.body);
    } catch {
      return json(400, { errors: [{ message: 'Unable to parse the request body as JSON.' }] });
    }
    if (typeof body.query !== 'string')
      return json(400, { errors: [{ message: 'Must provide query string.' }] });
    let doc: Document;
    try {
      doc = parse(body.query);
    } catch (e) {
      if (e instanceof GraphqlSyntaxError)
        return json(400, { errors: [{ message: e.message, locations: [e.loc] }] });
      throw e;
    }
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    const op = operationName
      ? doc.operations.find((o) => o.name === operationName)
      : doc.operations[0];
    const authorization = req.headers.authorization;
    state.calls.push({
      fields: (op?.selections ?? []).flatMap((s) => (s.kind === 'field' ? [s.name] : [])),
      operationName,
      variables,
      withToken: !!authorization,
    });
    if (authorization && state.expireAfter !== null) {
      const t = tokens.get(authorization.replace(/^JWT\s+/i, '').trim());
      if (t && t.expiresAt > clock()) {
        if (state.expireAfter === 0) {
          for (const tok of tokens.values()) tok.expiresAt = Math.min(tok.expiresAt, clock());
          state.expireAfter = null;
        } else state.expireAfter--;
      }
    }
    const result: ExecutionResult = execute(doc, roots(authorization), variables, operationName);
    return json(200, result);
  }

  function oauth(req: MockRequest) {
    if (req.method !== 'POST') return json(405, { error: 'invalid_request' });
    const form = new URLSearchParams(req.body);
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const [u, p] = base64Decode(basic[1]).split(':');
      clientId = decodeURIComponent(u);
      clientSecret = decodeURIComponent(p ?? '');
    }
    if (form.get('grant_type') !== 'client_credentials')
      return json(400, { error: 'unsupported_grant_type' });
    if (clientId !== MOCK_CLIENT_ID || clientSecret !== MOCK_CLIENT_SECRET)
      return json(401, { error: 'invalid_client' });
    state.tokensIssued.oauth++;
    const t = issue({ kind: 'oauth', accounts: [MOCK_ACCOUNT] }, 'CLIENT-CREDENTIALS');
    return json(200, {
      access_token: t.token,
      token_type: 'Bearer',
      expires_in: Math.floor(tokenLifetimeMs / 1000),
      scope: 'read',
    });
  }

  const handler: MockHandler = (req) => {
    const path = req.path.split('?')[0];
    if (path === basePath || path === basePath.slice(0, -1)) return graphql(req);
    if (path === '/token/' || path === '/token') return oauth(req);
    return text(404, 'Not Found');
  };

  return {
    handler,
    basePath,
    state,
    /** The readings the mock serves for a meter point: what a client should end up with. */
    truth: (kind: PointKind, from: number, to: number) =>
      halfHourReadings(kind, from, to, firstMs, availableUntil()),
    /** Every token issued so far expires now. */
    expireAllTokens() {
      for (const t of tokens.values()) t.expiresAt = Math.min(t.expiresAt, clock());
    },
    /** The next `n` authenticated requests succeed; then every current token expires. */
    expireTokensAfter(n: number) {
      state.expireAfter = n;
    },
    revokeRefreshTokens() {
      refreshTokens.clear();
    },
    /** The next resolution of `field` fails with this Kraken error (others still answer). */
    failField(field: string, code: string, message: string, type = 'APPLICATION') {
      state.failures.push({ field, error: kerr(code, message, type) });
    },
    /** Operations whose root field is `field`, in order. */
    callsTo(field: string) {
      return state.calls.filter((c) => c.fields.includes(field));
    },
    notes: [
      `account ${MOCK_ACCOUNT}; --api-key ${MOCK_API_KEY}`,
      `or --email ${MOCK_EMAIL} --password ${MOCK_PASSWORD}; or --organization-secret-key ${MOCK_ORG_KEY}`,
      `or --client-id ${MOCK_CLIENT_ID} --client-secret ${MOCK_CLIENT_SECRET} (auth server at /token/)`,
      `meters: import ${MOCK_POINTS.import.mpan}, export ${MOCK_POINTS.export.mpan}, gas ${MOCK_POINTS.gas.mprn}; data from ${options.firstDay ?? '2023-01-01'}`,
    ].join('\n'),
  };
}

function safeDecode(s: string): string {
  try {
    return base64Decode(s);
  } catch {
    return '';
  }
}

export type KrakenMock = ReturnType<typeof createMock>;
