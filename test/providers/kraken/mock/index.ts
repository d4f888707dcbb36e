// A Kraken (Octopus Energy's platform) as a real HTTP peer, built from the seeds (003: Home
// Mini telemetry, 004: measurements and tokens) and Kraken's public reference where they
// are silent. One GraphQL endpoint (POST {basePath}) that validates the documents it is sent
// against Kraken's schema and executes them with graphql-js (kraken/schema.ts), answering
// only what was asked, plus the auth server's OAuth /token/.
//
// Faithful where it matters to a client:
// - HTTP 200 for every GraphQL answer, failures in errors[] with extensions.errorCode,
//   next to partial data (a failed field is null, the rest answered);
// - obtainKrakenToken with APIKey, email+password, organizationSecretKey or refreshToken;
//   JWT-shaped tokens that expire (KT-CT-1120 once they have); KT-CT-1111/1112/1134/
//   1135/1138/1139 for the other auth failures; tokens go in a bare Authorization header
//   (kraken/tokens.ts);
// - measurements: `first` at most maxFirst, arrayconnection cursors, utility filters,
//   DateTimes, output in `timezone`, gaps left out, statistics like those of Kraken's measurements guide
//   (https://developer.octopus.energy/graphql/guides/utility-data/measurements/)
//   (kraken/measurements.ts); the account's agreements and meters (kraken/account.ts);
// - smartMeterTelemetry with its budget → KT-GB-4042 (kraken/telemetry.ts).
// The data is the demo household's (kraken/household.ts), from `firstDay` to now.
import { MS_PER_DAY, parseDay } from '../../../../shared/time/civil';
import { localMidnight } from '../../../../shared/time/zone';
import { createAccount } from './account';
import {
  MOCK_ACCOUNT,
  MOCK_API_KEY,
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_EMAIL,
  MOCK_ORG_KEY,
  MOCK_PASSWORD,
  MOCK_POINTS,
} from './fixtures';
import { createMeasurements } from './measurements';
import {
  GraphqlFieldError,
  type SchemaVariant,
  krakenSchema,
  parseDocument,
  rootFields,
  run,
} from './schema';
import { createTelemetry } from './telemetry';
import { createThrottle } from './throttle';
import { canRead, createTokens } from './tokens';
import { kerr } from './wire';
import { type MockHandler, type MockRequest, json, text } from '../../../mocks/mock-http';

export * from './fixtures';

export interface KrakenMockOptions {
  clock?: () => number;
  tokenLifetimeMs?: number;
  refreshLifetimeMs?: number;
  /** The largest `first` the measurements connection accepts (Kraken's example uses 1000). */
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
  /** Assumed limit (kraken/throttle.ts): obtainKrakenToken calls per rolling minute. */
  signInsPerMinute?: number;
  /** Assumed limit: other GraphQL requests per rolling minute. */
  requestsPerMinute?: number;
  /**
   * Which Kraken schema documents are validated against (kraken/schema-sdl.ts): today's
   * Octopus one, or 2024's, which lacks `ElectricityMeterPointType.direction`.
   */
  schema?: SchemaVariant;
  /**
   * The electricity smart meter was exchanged at this instant (ISO 8601): the new meter has
   * another device id, and readings taken before are filed under the old device.
   */
  meterExchangeAt?: string;
  /**
   * Whether the export meter point shows it is one other than by `direction` (default true:
   * its meter names its import meter, its tariff is "Outgoing Octopus").
   */
  exportSigns?: boolean;
  /** Import half-hours that come without cost statistics (as smart-charging slots can). */
  unpriced?: (start: number) => boolean;
}

export interface KrakenCall {
  /** Root fields of the operation, e.g. ['account'] or ['obtainKrakenToken']. */
  fields: string[];
  operationName?: string;
  variables: Record<string, unknown>;
  /** Whether it carried a token (any, valid or not). */
  withToken: boolean;
}

export function createMock(options: KrakenMockOptions = {}) {
  const clock = options.clock ?? Date.now;
  const firstDay = options.firstDay ?? '2023-01-01';
  const firstMs = localMidnight('Europe/London', parseDay(firstDay) as number);
  const basePath = '/v1/graphql/';
  const schema = krakenSchema(options.schema ?? 'current');
  const tokens = createTokens({
    clock,
    tokenLifetimeMs: options.tokenLifetimeMs ?? 60 * 60_000,
    refreshLifetimeMs: options.refreshLifetimeMs ?? 7 * MS_PER_DAY,
    expiredCode: options.expiredCode ?? 'KT-CT-1120',
  });
  const account = createAccount({
    clock,
    exchangeAt: options.meterExchangeAt ? Date.parse(options.meterExchangeAt) : null,
    exportSigns: options.exportSigns ?? true,
  });
  const data = createMeasurements({
    clock,
    deviceAt: account.deviceAt,
    unpriced: options.unpriced ?? (() => false),
    firstMs,
    lagMs: options.lagMs ?? 0,
    maxFirst: options.maxFirst ?? 1000,
    gasUnit: options.gasUnit ?? 'kwh',
  });
  const telemetry = createTelemetry({
    clock,
    firstMs,
    budget: options.telemetryBudget ?? 100,
    homeMini: options.homeMini ?? true,
  });
  const throttle = createThrottle({
    clock,
    signInsPerMinute: options.signInsPerMinute ?? 30,
    requestsPerMinute: options.requestsPerMinute ?? 300,
  });
  const state = {
    calls: [] as KrakenCall[],
    /** Requests refused with KT-CT-1199 (the throttle). */
    throttled: throttle.state,
    tokensIssued: tokens.issuedBy,
    telemetryCalls: telemetry.calls,
    /** Authenticated requests still allowed before every current token expires. */
    expireAfter: null as number | null,
    /** Fields that fail once each with the given error, e.g. for partial data. */
    failures: [] as { field: string; error: GraphqlFieldError }[],
  };

  /** A resolver that first fails if a test planned a failure for its field. */
  function failable<A extends unknown[], R>(field: string, resolve: (...a: A) => R) {
    return (...a: A): R => {
      const i = state.failures.findIndex((f) => f.field === field);
      if (i >= 0) throw state.failures.splice(i, 1)[0].error;
      return resolve(...a);
    };
  }

  const measurements = failable('measurements', data.measurements);
  const electricity = failable('electricityAgreements', account.electricityAgreements);
  const gas = failable('gasAgreements', account.gasAgreements);
  const obtainKrakenToken = failable('obtainKrakenToken', tokens.obtainKrakenToken);

  function roots(authorization: string | undefined) {
    const query = {
      __typename: 'Query',
      account: failable('account', (args: Record<string, unknown>) => {
        const viewer = tokens.viewerOf(authorization);
        if (args.accountNumber !== MOCK_ACCOUNT || !canRead(viewer, MOCK_ACCOUNT))
          throw kerr('KT-CT-1111', 'Unauthorized.', 'AUTHORIZATION');
        return {
          __typename: 'AccountType',
          number: MOCK_ACCOUNT,
          status: 'ACTIVE',
          properties: [
            { __typename: 'PropertyType', id: '308641', postcode: 'SW1A 1AA', measurements },
          ],
          electricityAgreements: electricity,
          gasAgreements: gas,
        };
      }),
      smartMeterTelemetry: failable('smartMeterTelemetry', (args: Record<string, unknown>) =>
        telemetry.smartMeterTelemetry(args, tokens.viewerOf(authorization)),
      ),
    };
    const mutation = { __typename: 'Mutation', obtainKrakenToken };
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
    const parsed = parseDocument(body.query);
    if ('syntaxError' in parsed) return json(400, { errors: [parsed.syntaxError.toJSON()] });
    const doc = parsed.document;
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    const authorization = req.headers.authorization;
    const fields = rootFields(doc, operationName);
    state.calls.push({ fields, operationName, variables, withToken: !!authorization });
    const admitted = fields.includes('obtainKrakenToken')
      ? throttle.admitSignIn()
      : throttle.admitRequest();
    if (!admitted) return json(200, throttle.tooManyRequests);
    if (state.expireAfter !== null && tokens.isLive(authorization)) {
      if (state.expireAfter === 0) {
        tokens.expireAll();
        state.expireAfter = null;
      } else state.expireAfter--;
    }
    const result = run(schema, doc, roots(authorization), variables, operationName);
    return json(200, result); // GraphQLError.toJSON: message, locations, path, extensions
  }

  const handler: MockHandler = (req) => {
    const path = req.path.split('?')[0];
    if (path === basePath || path === basePath.slice(0, -1)) return graphql(req);
    if (path === '/token/' || path === '/token') return tokens.oauthToken(req);
    return text(404, 'Not Found');
  };

  return {
    handler,
    basePath,
    state,
    /** The readings the mock serves for a meter point: what a client should end up with. */
    truth: data.truth,
    /** Every token issued so far expires now. */
    expireAllTokens: tokens.expireAll,
    /** The next `n` authenticated requests succeed; then every current token expires. */
    expireTokensAfter(n: number) {
      state.expireAfter = n;
    },
    revokeRefreshTokens: tokens.revokeRefreshTokens,
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
      `meters: import ${MOCK_POINTS.import.mpan}, export ${MOCK_POINTS.export.mpan}, gas ${MOCK_POINTS.gas.mprn}; data from ${firstDay}`,
    ].join('\n'),
  };
}

export type KrakenMock = ReturnType<typeof createMock>;
