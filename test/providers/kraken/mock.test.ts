// The Kraken mock must answer what seeds 003 and 004 show a real Kraken answering, and
// refuse what a real Kraken refuses; otherwise tests against it prove nothing.
import { describe, expect, it } from 'vitest';
import {
  type KrakenMockOptions,
  MOCK_ACCOUNT,
  MOCK_API_KEY,
  MOCK_POINTS,
  createMock,
} from './mock';
import { fromHttpRequest } from '../../mocks/mock-http';

const URL_ = 'https://api.octopus.energy/v1/graphql/';

function client(now = Date.UTC(2025, 0, 15, 12), options: KrakenMockOptions = {}) {
  let t = now;
  const mock = createMock({ clock: () => t, ...options });
  const post = (query: string, variables: object = {}, token?: string) => {
    const r = mock.handler(
      fromHttpRequest({
        method: 'POST',
        url: URL_,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: token } : {}) },
        body: JSON.stringify({ query, variables }),
      }),
    );
    if (r instanceof Promise) throw new Error('sync mock expected');
    return { status: r.status, body: JSON.parse(r.body) };
  };
  const signIn = () =>
    post(`mutation { obtainKrakenToken(input: { APIKey: "${MOCK_API_KEY}" }) { token } }`).body.data
      .obtainKrakenToken.token as string;
  return { mock, post, signIn, advance: (ms: number) => void (t += ms) };
}

// The query of Kraken's measurements guide
// (https://developer.octopus.energy/graphql/guides/utility-data/measurements/), with every
// __typename it asks for.
const MEASUREMENTS = `query getMeasurements($accountNumber: String!, $first: Int!,
  $utilityFilters: [UtilityFiltersInput!], $startOn: Date, $endOn: Date,
  $startAt: DateTime, $endAt: DateTime, $timezone: String, $cursor: String) {
  account(accountNumber: $accountNumber) {
    properties {
      id
      measurements(first: $first, utilityFilters: $utilityFilters, startOn: $startOn,
        endOn: $endOn, startAt: $startAt, endAt: $endAt, timezone: $timezone, after: $cursor) {
        edges {
          node {
            value
            unit
            ... on IntervalMeasurementType { startAt endAt __typename }
            metaData {
              statistics {
                costExclTax { costCurrency estimatedAmount __typename }
                value description label type __typename
              }
              __typename
            }
            __typename
          }
          __typename
        }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }
        __typename
      }
      __typename
    }
    __typename
  }
}`;

const exportDays = {
  accountNumber: MOCK_ACCOUNT,
  first: 1000,
  startAt: '2024-10-01T00:00:00.000',
  endAt: '2024-10-07T00:00:00.000',
  timezone: 'Europe/London',
  utilityFilters: [
    {
      electricityFilters: {
        readingFrequencyType: 'DAY_INTERVAL',
        marketSupplyPointId: MOCK_POINTS.export.mpan,
        readingDirection: 'GENERATION',
        deviceId: MOCK_POINTS.export.deviceId,
      },
    },
  ],
};

describe("the Kraken mock speaks like Kraken's measurements guide", () => {
  it('answers the documented measurements query in the documented shape', () => {
    const c = client();
    const { status, body } = c.post(MEASUREMENTS, exportDays, c.signIn());
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const property = body.data.account.properties[0];
    expect(body.data.account.__typename).toBe('AccountType');
    expect(property).toMatchObject({ id: expect.any(String), __typename: 'PropertyType' });
    const m = property.measurements;
    expect(m.__typename).toBe('MeasurementConnection');
    expect(m.edges).toHaveLength(6);
    const node = m.edges[0].node;
    expect(node).toMatchObject({
      value: expect.stringMatching(/^\d+\.\d{6}$/),
      unit: 'kwh',
      startAt: '2024-10-01T00:00:00+01:00',
      endAt: '2024-10-02T00:00:00+01:00',
      __typename: 'IntervalMeasurementType',
    });
    expect(node.metaData.statistics.map((s: { type: string }) => s.type)).toEqual([
      'STANDING_CHARGE_COST',
      'GENERATION_VALUE',
    ]);
    expect(node.metaData.statistics[1]).toMatchObject({
      costExclTax: { costCurrency: 'GBP', estimatedAmount: expect.stringMatching(/^\d+\.\d{2}$/) },
      label: 'GENERATION',
      __typename: 'StatisticOutput',
    });
    expect(m.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: 'YXJyYXljb25uZWN0aW9uOjA=',
      endCursor: 'YXJyYXljb25uZWN0aW9uOjU=',
      __typename: 'PageInfo',
    });
  });

  it('pages with arrayconnection cursors, contiguously', () => {
    const c = client();
    const token = c.signIn();
    const halfHours = {
      ...exportDays,
      first: 10,
      utilityFilters: [
        {
          electricityFilters: {
            readingFrequencyType: 'THIRTY_MIN_INTERVAL',
            marketSupplyPointId: MOCK_POINTS.import.mpan,
          },
        },
      ],
    };
    const p1 = c.post(MEASUREMENTS, halfHours, token).body.data.account.properties[0].measurements;
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = c.post(MEASUREMENTS, { ...halfHours, cursor: p1.pageInfo.endCursor }, token).body
      .data.account.properties[0].measurements;
    expect(p2.edges[0].node.startAt).toBe(p1.edges[9].node.endAt);
    expect(Buffer.from(p2.pageInfo.startCursor, 'base64').toString()).toBe('arrayconnection:10');
  });

  it('refuses what Kraken refuses, as errors next to a null field', () => {
    const c = client();
    const token = c.signIn();
    const measurementsError = (vars: object) => {
      const { status, body } = c.post(MEASUREMENTS, vars, token);
      expect(status).toBe(200);
      expect(body.data.account.properties[0].measurements).toBeNull();
      return body.errors[0];
    };
    expect(measurementsError({ ...exportDays, first: 1001 }).message).toBe(
      'Requesting 1001 records on the `measurements` connection exceeds the `first` limit of 1000 records.',
    );
    expect(measurementsError({ ...exportDays, timezone: undefined }).extensions).toMatchObject({
      errorType: 'VALIDATION',
      errorDescription: 'timezone must be an IANA time zone name',
    });
    const bad = c.post(MEASUREMENTS, { ...exportDays, first: undefined }, token).body;
    expect(bad.data).toBeUndefined();
    expect(bad.errors.map((e: { message: string }) => e.message)).toEqual([
      'Variable "$first" of required type "Int!" was not provided.',
    ]);
    const unknown = c.post(
      `{ account(accountNumber: "${MOCK_ACCOUNT}") { nickname } }`,
      {},
      token,
    ).body;
    expect(unknown.errors[0].message).toBe('Cannot query field "nickname" on type "AccountType".');
    expect(unknown.data).toBeUndefined();
  });

  it('validates against the schema before running anything: wrong enum, wrong argument, syntax', () => {
    const c = client();
    const token = c.signIn();
    const wrongEnum = c.post(
      MEASUREMENTS,
      {
        ...exportDays,
        utilityFilters: [{ electricityFilters: { readingFrequencyType: 'HALF_HOURLY' } }],
      },
      token,
    ).body;
    expect(wrongEnum.data).toBeUndefined();
    expect(wrongEnum.errors[0].message).toContain(
      'Value "HALF_HOURLY" does not exist in "ReadingFrequencyType" enum.',
    );
    const wrongArg = c.post(
      `{ account(accountNumber: "${MOCK_ACCOUNT}") { electricityAgreements(isActive: true) { validFrom } } }`,
      {},
      token,
    );
    expect(wrongArg.body.errors[0].message).toMatch(
      /^Unknown argument "isActive" on field "AccountType.electricityAgreements"\./,
    );
    expect(c.mock.callsTo('account')).toHaveLength(2); // both logged, though never run
    const syntax = c.post('{ account(accountNumber: ) }', {}, token);
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors[0].message).toMatch(/^Syntax Error/);
  });

  it("serves today's schema with meterPoint.direction, 2024's without it", () => {
    const query = `{ account(accountNumber: "${MOCK_ACCOUNT}") {
      electricityAgreements(active: true) { meterPoint { mpan direction } } } }`;
    const today = client();
    expect(
      today
        .post(query, {}, today.signIn())
        .body.data.account.electricityAgreements.map((a: { meterPoint: unknown }) => a.meterPoint),
    ).toEqual([
      { mpan: MOCK_POINTS.import.mpan, direction: 'IMPORT' },
      { mpan: MOCK_POINTS.export.mpan, direction: 'EXPORT' },
    ]);
    const older = client(undefined, { schema: '2024' });
    expect(older.post(query, {}, older.signIn()).body).toEqual({
      errors: [
        {
          message: 'Cannot query field "direction" on type "ElectricityMeterPointType".',
          locations: [expect.any(Object)],
        },
      ],
    });
  });

  it('gives an export meter point nothing for CONSUMPTION', () => {
    const c = client();
    const consumption = {
      ...exportDays,
      utilityFilters: [
        {
          electricityFilters: {
            ...exportDays.utilityFilters[0].electricityFilters,
            readingDirection: 'CONSUMPTION',
          },
        },
      ],
    };
    const m = c.post(MEASUREMENTS, consumption, c.signIn()).body.data.account.properties[0]
      .measurements;
    expect(m.edges).toEqual([]);
  });
});

describe('the Kraken mock speaks like the public Home Mini telemetry examples', () => {
  it('issues a JWT for an hour with a refresh token, then finds the device and reads it', () => {
    const c = client();
    const now = Date.UTC(2025, 0, 15, 12) / 1000;
    const t = c.post(`mutation ObtainKrakenToken {
      obtainKrakenToken(input: { APIKey: "${MOCK_API_KEY}" }) { token payload refreshToken refreshExpiresIn }
    }`).body.data.obtainKrakenToken;
    expect(t.token.split('.')).toHaveLength(3);
    expect(t.payload).toMatchObject({
      gty: 'API-KEY',
      tokenUse: 'access',
      iat: now,
      exp: now + 3600,
    });
    expect(t.refreshExpiresIn).toBe(now + 7 * 86400);
    const devices = c.post(
      `query MyQuery { account(accountNumber: "${MOCK_ACCOUNT}") { electricityAgreements(active: true) {
        meterPoint { meters(includeInactive: false) { smartDevices { deviceId } } } } } }`,
      {},
      t.token,
    ).body.data.account.electricityAgreements;
    expect(devices[0].meterPoint.meters).toEqual([
      { smartDevices: [{ deviceId: MOCK_POINTS.import.deviceId }] },
    ]);
    const reading = c.post(
      `query SmartMeterTelemetry { smartMeterTelemetry(deviceId: "${MOCK_POINTS.import.deviceId}") { readAt consumption demand } }`,
      {},
      t.token,
    ).body.data.smartMeterTelemetry;
    expect(reading).toEqual([
      {
        readAt: '2025-01-15T11:59:50+00:00',
        consumption: expect.stringMatching(/^\d+$/),
        demand: expect.stringMatching(/^-?\d+$/),
      },
    ]);
  });

  it('answers telemetry ranges only with start, end and grouping together', () => {
    const c = client();
    const token = c.signIn();
    const q = (args: string) =>
      c.post(
        `{ smartMeterTelemetry(deviceId: "${MOCK_POINTS.import.deviceId}" ${args}) { readAt consumptionDelta demand } }`,
        {},
        token,
      ).body;
    expect(q('start: "2025-01-15T10:00:00+00:00"').errors[0].extensions.errorCode).toBe(
      'KT-GB-4040',
    );
    expect(
      q('start: "2025-01-15T10:00:00Z" end: "2025-01-15T09:00:00Z" grouping: HOURLY').errors[0]
        .extensions.errorCode,
    ).toBe('KT-GB-4041');
    const range = q(
      'start: "2025-01-15T10:00:00Z" end: "2025-01-15T12:00:00Z" grouping: HALF_HOURLY',
    );
    expect(range.data.smartMeterTelemetry.map((r: { readAt: string }) => r.readAt)).toEqual([
      '2025-01-15T10:00:00+00:00',
      '2025-01-15T10:30:00+00:00',
      '2025-01-15T11:00:00+00:00',
      '2025-01-15T11:30:00+00:00',
    ]);
  });

  it('says the token expired with KT-CT-1120 inside HTTP 200, and needs a token at all', () => {
    const c = client();
    const token = c.signIn();
    c.advance(3600_000);
    const expired = c.post(`{ account(accountNumber: "${MOCK_ACCOUNT}") { number } }`, {}, token);
    expect(expired.status).toBe(200);
    expect(expired.body).toMatchObject({
      data: { account: null },
      errors: [
        {
          message: 'The Kraken Token has expired.',
          path: ['account'],
          extensions: { errorCode: 'KT-CT-1120', errorType: 'APPLICATION' },
        },
      ],
    });
    const none = c.post(`{ account(accountNumber: "${MOCK_ACCOUNT}") { number } }`);
    expect(none.body.errors[0].extensions.errorCode).toBe('KT-CT-1112');
  });
});

describe("the mock account's agreement history", () => {
  it('lists ended agreements only with includeInactive, each with its tariff and rates', () => {
    const c = client();
    const token = c.signIn();
    const query = (inactive: boolean) => `{ account(accountNumber: "${MOCK_ACCOUNT}") {
      electricityAgreements(active: true) { meterPoint { mpan
        agreements(includeInactive: ${inactive}) { validFrom validTo tariff {
          __typename ... on TariffType { tariffCode standingCharge }
          ... on HalfHourlyTariff { unitRates { validFrom value } } } } } } } }`;
    const importOf = (body: { data: { account: { electricityAgreements: unknown[] } } }) =>
      (
        body.data.account.electricityAgreements as {
          meterPoint: { mpan: string; agreements: Record<string, unknown>[] };
        }[]
      ).find((a) => a.meterPoint.mpan === MOCK_POINTS.import.mpan)!.meterPoint.agreements;
    const all = importOf(c.post(query(true), {}, token).body);
    expect(all.map((a) => [a.validFrom, a.validTo])).toEqual([
      ['2022-06-01T00:00:00+01:00', '2023-10-02T00:00:00+01:00'],
      ['2023-10-02T00:00:00+01:00', '2024-10-16T00:00:00+01:00'],
      ['2024-10-16T00:00:00+01:00', null],
    ]);
    const current = importOf(c.post(query(false), {}, token).body);
    expect(current).toHaveLength(1);
    const agile = current[0].tariff as { __typename: string; unitRates: unknown[] };
    expect(agile.__typename).toBe('HalfHourlyTariff');
    // Today's 48 half-hours (15 January: no clock change).
    expect(agile.unitRates).toHaveLength(48);
  });
});
