// The tariffs on the user's own Kraken account: METER_COST with no tariff on a Kraken meter
// asks the account's agreements (one GraphQL query, validated by the mock against Kraken's
// schema) and prices each day with the tariff in force. The mock household's import had a
// fixed tariff (Octopus no longer publishes it: Kraken's own figures), Flexible Octopus
// from 2 October 2023 (published rates, repriced each quarter) and Agile from 16 October
// 2024 (published half-hours); its export a fixed Outgoing tariff until 26 October 2024.
import { validate, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../shared/time/iso';
import { civilDayAt, localMidnight } from '../../shared/time/zone';
import type { Meter } from '../../shared/model';
import {
  agreementsOperation,
  meterAgreements,
} from '../../shared/tariffs/sources/kraken-account/agreements';
import { NIGHT_BAND } from '../../shared/tariffs/sources/octopus';
import {
  AGILE_STANDING,
  FLEX_CHANGES,
  OUTGOING_FLAT_PENCE,
  agilePence,
  createOctopusTariffsMock,
} from '../mocks/octopus-tariffs';
import { type MockHandler, serveMock } from '../mocks/mock-http';
import { DEFAULT_NOW, sheets } from '../gas/harness';
import { loadFunctionsBundle } from '../excel/harness';
import { krakenHarness } from '../providers/kraken/harness';
import {
  MOCK_EXPORT_SWITCH,
  MOCK_FIXED_EXPORT_PENCE,
  MOCK_FIXED_IMPORT,
  MOCK_FLEX_FROM,
  MOCK_SWITCH,
} from '../providers/kraken/mock/account';
import {
  type KrakenMockOptions,
  MOCK_ACCOUNT,
  MOCK_API_KEY,
  MOCK_POINTS,
  createMock,
} from '../providers/kraken/mock';
import { krakenSchema } from '../providers/kraken/mock/schema';

const ZONE = 'Europe/London';
const NOW = Date.UTC(2025, 0, 15, 12, 0, 7);
const IMPORT = `kraken:${MOCK_POINTS.import.mpan}`;
const EXPORT = `kraken:${MOCK_POINTS.export.mpan}:export`;
const GAS = `kraken:gas:${MOCK_POINTS.gas.mprn}`;

/** api.octopus.energy serves both: Kraken's GraphQL and the public products API. */
function octopusHost(kraken: MockHandler, products: MockHandler): MockHandler {
  return (req) => (req.path.startsWith('/v1/graphql') ? kraken(req) : products(req));
}

function world(mock: KrakenMockOptions = {}) {
  const products = createOctopusTariffsMock({ now: () => NOW });
  const h = krakenHarness({
    now: NOW,
    mock: { firstDay: '2022-05-25', ...mock },
    wrap: (k) => octopusHost(k, products.handler),
  });
  const agreementQueries = () =>
    h.mock.state.calls.filter((c) => c.operationName === 'krakenAgreements').length;
  return { h, products, agreementQueries };
}

const dayOf = (row: unknown[]) => civilDayAt(ZONE, parseInstant(row[0]) as number);
const at = (iso: string) => Date.parse(iso);

/** Flexible's Direct Debit prices in force at t (the mock's quarterly price changes). */
function flexAt(t: number) {
  return [...FLEX_CHANGES].reverse().find((c) => c.from <= t)!;
}

describe("a Kraken meter's own tariffs (bill to date, no tariff typed in)", () => {
  it("prices a year across the switch to Agile with each day's tariff, from one query", () => {
    const { h, agreementQueries } = world();
    const rows = h.call('COST', '2024-01-01', '2024-12-31', 'day', '', IMPORT);
    expect(rows).toHaveLength(1 + 366);
    expect(agreementQueries()).toBe(1);
    // Agile's energy cost, half-hour by half-hour, from the readings themselves.
    const meter = h.meter(IMPORT);
    const agileDay = new Map<number, number>();
    for (const iv of h.usage(meter, '2024-10-16', '2024-12-31').intervals)
      if (iv.kwh !== null) {
        const d = civilDayAt(ZONE, iv.start);
        agileDay.set(d, (agileDay.get(d) ?? 0) + (iv.kwh * agilePence(iv.start)) / 100);
      }
    const switchDay = civilDayAt(ZONE, at(MOCK_SWITCH));
    const quarters = new Set<number>();
    for (const r of rows.slice(1)) {
      const [, , kwh, energy, standing, total, unpriced] = r as number[];
      const day = dayOf(r);
      expect(unpriced).toBe(0);
      expect(total).toBeCloseTo(energy + standing, 9);
      if (day < switchDay) {
        const flex = flexAt(localMidnight(ZONE, day));
        quarters.add(flex.from);
        expect(energy).toBeCloseTo((kwh * flex.dd) / 100, 9);
        expect(standing).toBeCloseTo(flex.standing / 100, 9);
      } else {
        expect(energy).toBeCloseTo(agileDay.get(day) ?? 0, 9);
        expect(standing).toBeCloseTo(AGILE_STANDING / 100, 9);
      }
    }
    // Flexible was repriced three times in 2024: each quarter at its own prices.
    expect(quarters.size).toBe(3);
    // The same, named explicitly, in a comparison with a published tariff.
    const cmp = h.call(
      'TARIFF_COMPARE',
      '2024-10-15',
      '2024-10-16',
      'account, E-1R-AGILE-24-10-01-C',
      '',
      IMPORT,
    );
    expect(cmp[1][0]).toBe('account');
    const two = h.call('COST', '2024-10-15', '2024-10-16', 'day', '', IMPORT);
    expect(cmp[1][4]).toBeCloseTo((two[1][5] as number) + (two[2][5] as number), 9);
  });

  it('a tariff Octopus does not publish is priced at the rates Kraken states', () => {
    const { h } = world();
    // Import's first, fixed tariff until 2 October 2023, then Flexible.
    const flexDay = civilDayAt(ZONE, at(MOCK_FLEX_FROM));
    const rows = h.call('COST', '2023-09-30', '2023-10-03', 'day', '', IMPORT).slice(1);
    for (const r of rows) {
      const [, , kwh, energy, standing, , unpriced] = r as number[];
      expect(unpriced).toBe(0);
      const rate = dayOf(r) < flexDay ? MOCK_FIXED_IMPORT.unitRate : flexAt(at(MOCK_FLEX_FROM)).dd;
      const daily =
        dayOf(r) < flexDay ? MOCK_FIXED_IMPORT.standingCharge : flexAt(at(MOCK_FLEX_FROM)).standing;
      expect(energy).toBeCloseTo((kwh * rate) / 100, 9);
      expect(standing).toBeCloseTo(daily / 100, 9);
    }
  });

  it('export pays: the ended fixed Outgoing tariff, then Outgoing Octopus', () => {
    const { h } = world();
    const rows = h.call('COST', '2024-10-24', '2024-10-28', 'day', '', EXPORT).slice(1);
    const change = civilDayAt(ZONE, at(MOCK_EXPORT_SWITCH));
    for (const r of rows) {
      const [, , kwh, energy, standing, , unpriced] = r as number[];
      expect(unpriced).toBe(0);
      expect(standing).toBe(0);
      const pence = dayOf(r) < change ? MOCK_FIXED_EXPORT_PENCE : OUTGOING_FLAT_PENCE;
      expect(energy).toBeCloseTo((-kwh * pence) / 100, 9);
      expect(energy).toBeLessThan(0);
    }
  });

  it('gas uses the gas agreement', () => {
    const { h } = world();
    const rows = h.call('COST', '2024-11-01', '2024-11-30', 'month', '', GAS);
    const flex = FLEX_CHANGES[FLEX_CHANGES.length - 1];
    const [, , kwh, energy, standing, , unpriced] = rows[1] as number[];
    expect(unpriced).toBe(0);
    expect(energy).toBeCloseTo((kwh * flex.dd * 0.25) / 100, 6);
    expect(standing).toBeCloseTo((30 * flex.standing * 0.5) / 100, 9);
  });

  it('days no agreement covers are Unpriced, never free; none covered is a clear error', () => {
    const { h } = world();
    // The supply began on 1 June 2022.
    const rows = h.call('COST', '2022-05-30', '2022-06-02', 'day', '', IMPORT).slice(1);
    expect(rows.map((r) => r[6])).toEqual([48, 48, 0, 0]);
    for (const r of rows.slice(0, 2)) {
      expect(r[2]).toBeGreaterThan(0);
      expect([r[3], r[4], r[5]]).toEqual([null, null, null]);
    }
    expect(rows[2][3]).toBeCloseTo(((rows[2][2] as number) * MOCK_FIXED_IMPORT.unitRate) / 100, 9);
    // A month straddling the start: the total is left blank, not the covered part alone.
    const month = h.call('COST', '2022-05-01', '2022-06-30', 'month', '', IMPORT).slice(1);
    expect(month[0][5]).toBeNull();
    expect(month[0][6]).toBeGreaterThan(0);
    expect(typeof month[1][5]).toBe('number');
    const e = h.fail('COST', '2022-05-26', '2022-05-28', 'day', '', IMPORT);
    expect(e.message).toBe(
      `tariff: the Kraken account has no agreement for ${IMPORT} on 2022-05-26 to 2022-05-28 (its agreements run from 2022-06-01); name a tariff for these days`,
    );
  });

  it('asks with a query both schema variants accept, and works against the 2024 schema', () => {
    const doc = parse(agreementsOperation('A-AB12CD34').query);
    expect(validate(krakenSchema('current'), doc)).toEqual([]);
    expect(validate(krakenSchema('2024'), doc)).toEqual([]);
    const { h } = world({ schema: '2024' });
    const rows = h.call('COST', '2024-10-15', '2024-10-16', 'day', '', IMPORT);
    expect(rows.slice(1).map((r) => r[6])).toEqual([0, 0]);
  });

  it('keeps the token and the key out of every cache key', () => {
    const { h } = world();
    h.call('COST', '2024-10-15', '2024-10-16', 'day', '', IMPORT);
    h.call('COST', '2024-10-15', '2024-10-16', 'day', '', GAS);
    const tokens = new Set(
      h.record.requests.map((r) => r.headers?.Authorization).filter((t): t is string => !!t),
    );
    expect(tokens.size).toBeGreaterThan(0);
    const keys = [...(h.cache as unknown as { entries: Map<string, unknown> }).entries.keys()];
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      for (const t of tokens) expect(k).not.toContain(t);
      expect(k).not.toContain(h.config.apiKey as string);
    }
  });

  it('"account" on a meter of another provider still names its meters', () => {
    const { h } = world();
    expect(h.fail('COST', '2024-10-15', '2024-10-15', 'day', 'account', 'demo').message).toMatch(
      /Octopus meter \(octopus:…\) or a Kraken meter \(kraken:…\)/,
    );
  });
});

describe("Kraken's figures for each kind of tariff", () => {
  const meter = {
    id: IMPORT,
    provider: 'kraken',
    fuel: 'electricity',
    direction: 'import',
    ref: { mpxn: MOCK_POINTS.import.mpan },
  } as unknown as Meter;
  const answer = (tariffs: Record<string, unknown>[]) => ({
    account: {
      electricityAgreements: [
        {
          meterPoint: {
            mpan: MOCK_POINTS.import.mpan,
            agreements: tariffs.map((tariff, i) => ({
              validFrom: `202${i}-01-01T00:00:00Z`,
              validTo: i + 1 < tariffs.length ? `202${i + 1}-01-01T00:00:00Z` : null,
              tariff,
            })),
          },
        },
        // Another meter point's agreements are not this meter's.
        { meterPoint: { mpan: '1900000000000', agreements: [{ tariff: { unitRate: 1 } }] } },
      ],
    },
  });

  it('pence including VAT become pounds: flat, day/night, half-hourly; three-rate unpriced', () => {
    const list = meterAgreements(
      answer([
        { __typename: 'StandardTariff', tariffCode: 'X-1', standingCharge: 50.5, unitRate: 24.5 },
        { __typename: 'DayNightTariff', displayName: 'Economy 7', dayRate: 30, nightRate: 12 },
        {
          __typename: 'HalfHourlyTariff',
          unitRates: [
            { validFrom: '2022-01-01T00:30:00Z', validTo: '2022-01-01T01:00:00Z', value: 7.5 },
            { validFrom: '2022-01-01T00:00:00Z', validTo: '2022-01-01T00:30:00Z', value: -1.2 },
          ],
        },
        { __typename: 'ThreeRateTariff', dayRate: 30, nightRate: 12, offPeakRate: 20 },
      ]),
      meter,
    );
    expect(list.map((a) => [a.from, a.to])).toEqual([
      [Date.UTC(2020, 0, 1), Date.UTC(2021, 0, 1)],
      [Date.UTC(2021, 0, 1), Date.UTC(2022, 0, 1)],
      [Date.UTC(2022, 0, 1), Date.UTC(2023, 0, 1)],
      [Date.UTC(2023, 0, 1), Infinity],
    ]);
    expect(list[0]).toMatchObject({
      code: 'X-1',
      standing: 0.505,
      unit: { kind: 'flat', rate: 0.245 },
    });
    expect(list[1].unit).toEqual({
      kind: 'bands',
      bands: [{ ...NIGHT_BAND, rate: 0.12 }],
      otherwise: 0.3,
    });
    expect(list[1].standing).toBeNull();
    expect(list[2].unit).toEqual({
      kind: 'slots',
      slots: [
        { from: Date.UTC(2022, 0, 1, 0, 0), to: Date.UTC(2022, 0, 1, 0, 30), rate: -0.012 },
        { from: Date.UTC(2022, 0, 1, 0, 30), to: Date.UTC(2022, 0, 1, 1, 0), rate: 0.075 },
      ],
    });
    // Three rates but no word of their hours: no price rather than a guess.
    expect(list[3].unit).toBeNull();
  });
});

/** Two days across the switch: Flexible's price, then Agile's standing charge. */
function checkSwitch(rows: unknown[][]) {
  expect(rows[0][5]).toBe('Cost (GBP)');
  expect(rows.slice(1).map((r) => r[6])).toEqual([0, 0]);
  const flex = FLEX_CHANGES[FLEX_CHANGES.length - 1];
  expect(rows[1][3]).toBeCloseTo(((rows[1][2] as number) * flex.dd) / 100, 9);
  expect(rows[1][4]).toBeCloseTo(flex.standing / 100, 9);
  expect(rows[2][4]).toBeCloseTo(AGILE_STANDING / 100, 9);
}

describe('the BUILT add-ons price a Kraken meter with its account tariffs', () => {
  it('Google Sheets: =METER_COST with no tariff (UrlFetchApp to the mocks)', async () => {
    const products = createOctopusTariffsMock({ now: () => DEFAULT_NOW });
    const kraken = createMock({ clock: () => DEFAULT_NOW });
    const s = await sheets({
      routes: { 'https://api.octopus.energy': octopusHost(kraken.handler, products.handler) },
    });
    s.saveSettings({
      providers: { kraken: { account: MOCK_ACCOUNT, apiKey: MOCK_API_KEY } },
      allowFormulas: true,
    });
    const rows = s.cell('METER_COST', '2024-10-15', '2024-10-16', 'day', '', IMPORT);
    checkSwitch(rows);
    expect(kraken.callsTo('account').some((c) => c.operationName === 'krakenAgreements')).toBe(
      true,
    );
    // No cache key holds the token or the key.
    const sent = s.world.requests.map((r) => r.headers?.Authorization).filter(Boolean);
    expect(sent.length).toBeGreaterThan(0);
    const keys = [...s.world.userCaches.values()].flatMap((c) => [...c.keysWritten]);
    for (const k of keys) {
      for (const t of sent) expect(k).not.toContain(t);
      expect(k).not.toContain(MOCK_API_KEY);
    }
  });

  it('Excel: =METER.COST with no tariff (real HTTP to the mocks on 127.0.0.1)', async () => {
    const products = createOctopusTariffsMock();
    const kraken = createMock();
    const server = await serveMock(octopusHost(kraken.handler, products.handler));
    try {
      const { call, api } = loadFunctionsBundle();
      await api.host().settings.save({
        providers: {
          kraken: {
            account: MOCK_ACCOUNT,
            apiKey: MOCK_API_KEY,
            baseUrl: `${server.origin}/v1/graphql/`,
          },
        },
        tariffs: { octopusBaseUrl: server.origin },
      });
      checkSwitch(await call('COST', '2024-10-15', '2024-10-16', 'day', '', IMPORT));
    } finally {
      await server.close();
    }
  });
});
