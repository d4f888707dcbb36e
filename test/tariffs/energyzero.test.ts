// Dutch dynamic prices: EnergyZero's day-ahead hours plus the settings' energy tax,
// mark-up and VAT, one request a local day, all in one batch.
import { describe, expect, it } from 'vitest';
import { runSync } from '../../shared/flow';
import { runFunction } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import { ENERGYZERO_URL } from '../../shared/tariffs/sources/energyzero';
import { tableToJson } from '../../shared/table';
import { createEnergyZeroMock, dayAheadEuro } from '../mocks/energyzero';
import { syncMockIO } from '../mocks/mock-http';

const NOW = Date.UTC(2024, 2, 30, 10); // Saturday 30 March 2024, 11:00 in Amsterdam
const EZ = { energyTax: 0.1088, markup: 0.02, vat: 0.21, standingPerDay: 0.4 };

function world() {
  const mock = createEnergyZeroMock({ now: () => NOW });
  const io = syncMockIO({ [ENERGYZERO_URL]: mock.handler });
  const env: FunctionEnv = {
    settings: { providers: {}, currency: 'EUR', tariffs: { energyzero: EZ } },
    clock: () => NOW,
  };
  const call = (id: string, ...args: unknown[]) =>
    tableToJson(runSync(runFunction(id, args, env), io));
  return { call, io };
}

describe('EnergyZero day-ahead prices', () => {
  it('prices each hour at (price + tax + mark-up) × VAT; 23 hours on the spring-forward day', () => {
    const { call, io } = world();
    const rows = call('RATES', 'energyzero', '2024-03-29', '2024-03-31', 'Europe/Amsterdam');
    expect(rows[0]).toEqual(['Start', 'End', 'Unit rate (EUR/kWh)', 'Standing charge (EUR/day)']);
    const known = rows.slice(1).filter((r) => r[2] !== null);
    // 29 and 30 March (24 h each); the 31st is not published at 11:00 on the 30th.
    expect(known).toHaveLength(48);
    const t = Date.UTC(2024, 2, 28, 23);
    expect(known[0][2]).toBeCloseTo((dayAheadEuro(t) + 0.1088 + 0.02) * 1.21, 9);
    expect(known[0][3]).toBe(0.4);
    expect(rows[rows.length - 1][2]).toBeNull();
    // Three days: three requests, one batch.
    expect(io.record.batches).toEqual([3]);
  });

  it('prices the demo meter in euros', () => {
    const { call } = world();
    const rows = call(
      'COST',
      '2024-03-28',
      '2024-03-29',
      'day',
      'energyzero',
      '',
      'Europe/Amsterdam',
    );
    expect(rows[0][5]).toBe('Cost (EUR)');
    expect(typeof rows[1][5]).toBe('number');
    expect(rows[2][6]).toBe(0);
    expect(rows[1][4]).toBe(0.4);
  });
});
