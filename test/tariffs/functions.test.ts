// The tariff functions through runFunction, as every host calls them: the demo meter on
// demo, typed-in and Octopus tariffs (the Octopus products API mock, in-process).
import { describe, expect, it } from 'vitest';
import { runSync } from '../../shared/flow';
import { runFunction, userError } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import type { Settings } from '../../shared/settings';
import { OCTOPUS_PRODUCTS_URL } from '../../shared/tariffs/sources/octopus/api';
import { type PlainCell, tableToJson } from '../../shared/table';
import { MS_PER_HALF_HOUR } from '../../shared/time/civil';
import {
  AGILE,
  AGILE_STANDING,
  FLEX,
  WITHDRAWN,
  agilePence,
  createOctopusTariffsMock,
} from '../mocks/octopus-tariffs';
import { syncMockIO } from '../mocks/mock-http';

const NOW = Date.UTC(2024, 11, 10, 12);

function world(settings: Partial<Settings> = {}, ratesNow = NOW) {
  const mock = createOctopusTariffsMock({ now: () => ratesNow });
  const io = syncMockIO({ [OCTOPUS_PRODUCTS_URL]: mock.handler });
  const env: FunctionEnv = { settings: { providers: {}, ...settings }, clock: () => NOW };
  const call = (id: string, ...args: unknown[]) =>
    tableToJson(runSync(runFunction(id, args, env), io));
  const fail = (id: string, ...args: unknown[]) => {
    try {
      call(id, ...args);
    } catch (e) {
      return userError(e, env);
    }
    throw new Error(`${id} did not fail`);
  };
  return { call, fail, io, mock };
}

const sum = (rows: PlainCell[][], col: number) => rows.reduce((a, r) => a + (r[col] as number), 0);

describe('METER_COST', () => {
  it('adds up: the days of a month equal the month, energy + standing = cost', () => {
    const { call } = world();
    const days = call('COST', '2024-01', '2024-01', 'day', 'demo-two-rate');
    const month = call('COST', '2024-01', '2024-01', 'month', 'demo-two-rate');
    expect(days[0]).toEqual([
      'Start',
      'End',
      'kWh',
      'Energy cost (GBP)',
      'Standing charge (GBP)',
      'Cost (GBP)',
      'Unpriced',
      'Missing',
    ]);
    expect(days).toHaveLength(32);
    expect(sum(days.slice(1), 4)).toBeCloseTo(31 * 0.55, 9);
    expect(month[1][3]).toBeCloseTo(sum(days.slice(1), 3), 9);
    expect(month[1][5]).toBeCloseTo((month[1][3] as number) + (month[1][4] as number), 9);
  });

  it('a demo meter with no tariff named uses the demo tariff of its kind; export earns', () => {
    const { call } = world();
    const imp = call('COST', '2024-06-01', '2024-06-01', 'day');
    const exp = call('COST', '2024-06-01', '2024-06-01', 'day', '', 'demo:export');
    expect(imp[1][4]).toBeCloseTo(0.6, 9); // demo-flat's standing charge
    expect(exp[1][3] as number).toBeLessThan(0);
    expect(exp[1][3]).toBeCloseTo(-0.15 * (exp[1][2] as number), 9);
  });

  it('prices a gas meter on a gas tariff and refuses an electricity tariff for it', () => {
    const { call, fail } = world();
    const gas = call('COST', '2024-02-01', '2024-02-03', 'none', 'demo-gas', 'demo:gas');
    expect(gas).toHaveLength(4);
    for (const r of gas.slice(1)) expect(r[5]).toBeCloseTo((r[2] as number) * 0.062 + 0.31, 9);
    expect(
      fail('COST', '2024-02-01', '2024-02-01', 'none', 'E-1R-AGILE-24-10-01-C', 'demo:gas').message,
    ).toMatch(/electricity tariff/);
  });

  it('prices the demo meter on Agile from the products API, each half-hour at its rate', () => {
    const { call, io } = world();
    const rows = call('COST', '2024-03-31', '2024-03-31', 'none', 'E-1R-AGILE-24-10-01-C');
    expect(rows).toHaveLength(47); // spring forward
    for (const r of rows.slice(1)) {
      const t = Date.parse(r[0] as string);
      if (r[2] !== null) expect(r[3]).toBeCloseTo((r[2] as number) * (agilePence(t) / 100), 9);
    }
    expect(rows[1][4]).toBeCloseTo(AGILE_STANDING / 100, 9);
    // Unit rates and standing charges: one batch.
    expect(io.record.batches).toEqual([2]);
  });

  it('blanks the cost of a day whose rates are not published yet, and counts them', () => {
    // Octopus's clock says 5 Dec 12:00: rates end at 5 Dec 23:00 UK time, and the 6th,
    // which the meter has data for, has none.
    const { call } = world({}, Date.UTC(2024, 11, 5, 12));
    const rows = call('COST', '2024-12-05', '2024-12-06', 'day', 'E-1R-AGILE-24-10-01-C');
    // 23:00 to midnight on the 5th: two half-hours not yet published.
    expect(rows[1][6]).toBe(2);
    expect(rows[1][3]).toBeNull();
    expect(rows[2][2]).not.toBeNull();
    expect(rows[2][6]).toBe(48 - (rows[2][7] as number));
    expect(rows[2][3]).toBeNull();
    expect(rows[2][5]).toBeNull();
  });

  it('a product code needs a region: from settings, or a clear error', () => {
    const { fail } = world();
    expect(fail('COST', '2024-01-01', '2024-01-01', 'day', AGILE).message).toMatch(/region/);
    const { call } = world({ tariffs: { region: 'SW1A 1AA' } });
    expect(call('COST', '2024-01-01', '2024-01-01', 'day', AGILE)).toHaveLength(2);
  });

  it('a withdrawn product is a clear error naming it', () => {
    const { fail } = world({ tariffs: { region: 'C' } });
    const e = fail('COST', '2024-01-01', '2024-01-01', 'day', WITHDRAWN);
    expect(e.kind).toBe('not-found');
    expect(e.message).toContain(WITHDRAWN);
  });

  it('saved tariffs by name, in the settings currency', () => {
    const { call } = world({ currency: 'EUR', tariffs: { saved: { fix: '0.30 + 0.50/day' } } });
    const rows = call('COST', '2024-01-01', '2024-01-01', 'day', 'fix');
    expect(rows[0][5]).toBe('Cost (EUR)');
    expect(rows[1][3]).toBeCloseTo((rows[1][2] as number) * 0.3, 9);
  });
});

describe('METER_TARIFF_COMPARE', () => {
  it('one row per tariff with the difference from the first', () => {
    const { call } = world({ tariffs: { region: 'C' } });
    const rows = call('TARIFF_COMPARE', '2024-01', '2024-12', `${AGILE}, ${FLEX}, demo-flat`);
    expect(rows.map((r) => r[0])).toEqual([
      'Tariff',
      'E-1R-AGILE-24-10-01-C',
      'E-1R-VAR-22-11-01-C',
      'demo-flat',
    ]);
    for (const r of rows.slice(1)) {
      expect(r[4]).toBeCloseTo((r[2] as number) + (r[3] as number), 9);
      expect(r[5]).toBeCloseTo((r[4] as number) - (rows[1][4] as number), 9);
      expect(r[6]).toBe(0);
    }
  });

  it('by month: one column per tariff, adding up to the totals', () => {
    const { call } = world();
    const total = call('TARIFF_COMPARE', '2024-01', '2024-06', 'demo-flat, demo-tou');
    const months = call('TARIFF_COMPARE', '2024-01', '2024-06', 'demo-flat, demo-tou', 'month');
    expect(months[0]).toEqual([
      'Month',
      'kWh',
      'demo-flat (GBP)',
      'demo-tou (GBP)',
      'Unpriced',
      'Missing',
    ]);
    expect(months.slice(1).map((r) => r[0])).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
    expect(sum(months.slice(1), 2)).toBeCloseTo(total[1][4] as number, 6);
    expect(sum(months.slice(1), 3)).toBeCloseTo(total[2][4] as number, 6);
  });

  it('takes a range of cells, and refuses tariffs in different currencies', () => {
    const { call, fail } = world({ currency: 'EUR' });
    expect(
      call('TARIFF_COMPARE', '2024-01-01', '2024-01-02', [['0.2'], ['00:00-07:00 0.1, 0.3']]),
    ).toHaveLength(3);
    expect(fail('TARIFF_COMPARE', '2024-01-01', '2024-01-02', 'demo-flat, 0.2').message).toMatch(
      /one currency/,
    );
  });
});

describe('METER_RATES and METER_TARIFFS', () => {
  it("lists Agile's half-hours, blank after the last published one", () => {
    const { call } = world();
    const rows = call('RATES', 'E-1R-AGILE-24-10-01-C', '2024-12-10', '2024-12-11');
    expect(rows[0]).toEqual(['Start', 'End', 'Unit rate (GBP/kWh)', 'Standing charge (GBP/day)']);
    const known = rows.slice(1).filter((r) => r[2] !== null);
    expect(known).toHaveLength(46); // 00:00 to 23:00 on the 10th
    expect(rows[rows.length - 1][2]).toBeNull();
    expect(known[0][2]).toBeCloseTo(agilePence(Date.UTC(2024, 11, 10)) / 100, 9);
    expect(Date.parse(known[1][0] as string) - Date.parse(known[0][0] as string)).toBe(
      MS_PER_HALF_HOUR,
    );
  });

  it('shows a two-rate tariff as night and day stretches on a fall-back day', () => {
    const { call } = world();
    const rows = call('RATES', 'demo-two-rate', '2024-10-27');
    expect(rows.slice(1).map((r) => r[2])).toEqual([0.29, 0.12, 0.29]);
  });

  it('lists products with tariff codes for a region, every page at once', () => {
    const { call, io } = world();
    const rows = call('TARIFFS', 'agile', 'C');
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      'E-1R-AGILE-24-10-01-C',
      'E-1R-AGILE-OUTGOING-19-05-13-C',
    ]);
    // The first page, then the rest of the list and the details together.
    expect(io.record.batches.length).toBe(3);
    expect(call('TARIFFS', 'demo').length).toBeGreaterThan(4);
  });
});
