// The tariffs on the user's own Octopus account: the agreements (Flexible until 16 October
// 2024, Agile from then) price each day with the tariff in force, with no tariff typed in.
import { describe, expect, it } from 'vitest';
import { runSync } from '../../shared/flow';
import { runFunction, userError } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import { OCTOPUS_PRODUCTS_URL } from '../../shared/tariffs/sources/octopus/api';
import { tableToJson } from '../../shared/table';
import { syncMockIO } from '../mocks/mock-http';
import {
  EXPORT_MPAN,
  GAS_MPRN,
  IMPORT_MPAN,
  SMART_SERIAL,
  GAS_SERIAL,
  createMock,
} from '../providers/octopus/mock';
import {
  AGILE_STANDING,
  FLEX_CHANGES,
  OUTGOING_FLAT_PENCE,
  createOctopusTariffsMock,
} from '../mocks/octopus-tariffs';

const NOW = Date.UTC(2024, 11, 10, 12);
const REST = 'https://octopus-rest.test';

function world() {
  const rest = createMock({ now: () => NOW });
  const products = createOctopusTariffsMock({ now: () => NOW });
  const io = syncMockIO({ [REST]: rest.handler, [OCTOPUS_PRODUCTS_URL]: products.handler });
  const env: FunctionEnv = {
    settings: {
      providers: { octopus: { apiKey: rest.apiKey, account: rest.account, baseUrl: REST } },
    },
    clock: () => NOW,
  };
  const call = (id: string, ...args: unknown[]) =>
    tableToJson(runSync(runFunction(id, args, env), io));
  const fail = (id: string, ...args: unknown[]) => {
    try {
      call(id, ...args);
    } catch (e) {
      return userError(e, env);
    }
    throw new Error('did not fail');
  };
  return { call, fail, io };
}

describe("the account's own tariffs", () => {
  it('bill to date with no tariff typed in: Flexible before the switch, Agile after', () => {
    const { call } = world();
    const meter = `octopus:${IMPORT_MPAN}:${SMART_SERIAL}`;
    const rows = call('COST', '2024-10-15', '2024-10-16', 'day', '', meter);
    const flex = FLEX_CHANGES[FLEX_CHANGES.length - 1];
    // 15 October: Flexible's Direct Debit rate and standing charge.
    expect(rows[1][3]).toBeCloseTo((rows[1][2] as number) * (flex.dd / 100), 9);
    expect(rows[1][4]).toBeCloseTo(flex.standing / 100, 9);
    // 16 October: Agile's standing charge, and a different energy cost.
    expect(rows[2][4]).toBeCloseTo(AGILE_STANDING / 100, 9);
    expect(rows[2][3]).not.toBeCloseTo((rows[2][2] as number) * (flex.dd / 100), 3);
    expect(rows[2][6]).toBe(0);
    // Named explicitly, in a comparison against a published tariff.
    const cmp = call(
      'TARIFF_COMPARE',
      '2024-10-15',
      '2024-10-16',
      'account, E-1R-VAR-22-11-01-N',
      '',
      meter,
    );
    expect(cmp[1][0]).toBe('account');
    expect(cmp[1][4]).toBeCloseTo((rows[1][5] as number) + (rows[2][5] as number), 9);
  });

  it('export and gas meters use their own agreements', () => {
    const { call } = world();
    const exp = call(
      'COST',
      '2024-11-01',
      '2024-11-01',
      'day',
      '',
      `octopus:${EXPORT_MPAN}:${SMART_SERIAL}`,
    );
    expect(exp[1][3]).toBeCloseTo(-(exp[1][2] as number) * (OUTGOING_FLAT_PENCE / 100), 9);
    const gas = call(
      'COST',
      '2024-11-01',
      '2024-11-01',
      'day',
      '',
      `octopus:${GAS_MPRN}:${GAS_SERIAL}`,
    );
    expect(gas[0][5]).toBe('Cost (GBP)');
    expect(typeof gas[1][5]).toBe('number');
  });

  it('"account" on a meter of another provider is a clear error', () => {
    const { fail } = world();
    expect(fail('COST', '2024-11-01', '2024-11-01', 'day', 'account', 'demo').message).toMatch(
      /Octopus meter/,
    );
  });
});
