import { describe, expect, it } from 'vitest';
import { runSync } from '../../../shared/flow';
import { YEAR_START_REGISTERS, accumulate } from '../../../shared/providers/demo';
import { runFunction } from '../../../shared/functions/run';
import type { FunctionEnv } from '../../../shared/functions/spec';
import { type Table, tableToJson } from '../../../shared/table';

const NOW = Date.UTC(2025, 5, 15, 12, 10); // 13:10 BST on 15 June 2025
const env: FunctionEnv = { settings: { providers: {} }, clock: () => NOW };
const call = (id: string, ...args: unknown[]) =>
  tableToJson(runSync(runFunction(id, args, env), { fetchAll: () => [] }) as Table);
const col = (rows: unknown[][], i: number) => rows.slice(1).map((r) => r[i] as number);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('demo household', () => {
  it('is deterministic', () => {
    expect(call('USAGE', '2024-01-01', '2024-01-31', 'none')).toEqual(
      call('USAGE', '2024-01-01', '2024-01-31', 'none'),
    );
  });

  it('January and July look clearly different', () => {
    const [jan, jul] = [
      call('USAGE', '2024-01', '2024-01', 'profile'),
      call('USAGE', '2024-07', '2024-07', 'profile'),
    ];
    const evening = (p: unknown[][]) => mean(col(p, 1).slice(34, 40)); // 17:00–20:00
    const midday = (p: unknown[][]) => mean(col(p, 1).slice(22, 30)); // 11:00–15:00
    expect(evening(jan)).toBeGreaterThan(2 * evening(jul));
    expect(midday(jan)).toBeGreaterThan(3 * midday(jul)); // July's solar covers the day
    const exportJan = col(call('USAGE', '2024-01', '2024-01', 'month', 'demo:export'), 2)[0];
    const exportJul = col(call('USAGE', '2024-07', '2024-07', 'month', 'demo:export'), 2)[0];
    expect(exportJul).toBeGreaterThan(20 * Math.max(exportJan, 1));
    const gas = (m: string) => col(call('USAGE', m, m, 'month', 'demo:gas'), 2)[0];
    expect(gas('2024-01')).toBeGreaterThan(3 * gas('2024-07'));
  });

  it('has a few gaps every month, counted as Missing and never as zero', () => {
    for (const m of ['2021-02', '2023-09', '2024-12']) {
      const rows = call('USAGE', m, m, 'none');
      const missing = rows.slice(1).filter((r) => r[5] === 1);
      expect(missing.length).toBeGreaterThanOrEqual(1);
      expect(missing.length).toBeLessThanOrEqual(18);
      for (const r of missing) expect(r[2]).toBeNull();
    }
  });

  it('has no data before 2020 or after now', () => {
    const before = call('USAGE', '2019-12-31', '2019-12-31', 'day');
    expect(before[1].slice(2)).toEqual([null, null, null, 48]);
    const today = call('USAGE', '2025-06-15', '2025-06-15', 'none');
    const after = today.slice(1).filter((r) => Date.parse(r[1] as string) > NOW);
    // The local (BST) day ends at 23:00Z; from 12:00Z (still running at 12:10Z) on, 22 half-hours are missing.
    expect(after.length).toBe(22);
    expect(after.every((r) => r[2] === null)).toBe(true);
  });

  it('reports carbon and time-of-use cost for import, neither for export', () => {
    expect(call('USAGE', '2024-01-01', '2024-01-01', 'day')[0]).toEqual([
      'Start',
      'End',
      'kWh',
      'Carbon (kg)',
      'Cost (GBP)',
      'Missing',
    ]);
    expect(call('USAGE', '2024-01-01', '2024-01-01', 'day', 'demo:export')[0]).toEqual([
      'Start',
      'End',
      'kWh',
      'Missing',
    ]);
    const rows = call('USAGE', '2024-01-02', '2024-01-02', 'none');
    const cheap = rows.find((r) => (r[0] as string).startsWith('2024-01-02T02:00'))!;
    const peak = rows.find((r) => (r[0] as string).startsWith('2024-01-02T17:00'))!;
    expect((cheap[4] as number) / (cheap[2] as number)).toBeCloseTo(0.085, 9);
    expect((peak[4] as number) / (peak[2] as number)).toBeCloseTo(0.35, 9);
  });

  it('gas is daily in UK local days', () => {
    const rows = call('USAGE', '2024-03-30', '2024-04-01', 'none', 'demo:gas');
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      '2024-03-30T00:00:00+00:00',
      '2024-03-31T00:00:00+00:00',
      '2024-04-01T00:00:00+01:00',
    ]);
  });

  it("keeps a table of each year's opening registers equal to the half-hours summed from 2020", () => {
    let r = { importKwh: 0, exportKwh: 0 };
    YEAR_START_REGISTERS.forEach(([importKwh, exportKwh], i) => {
      expect(Math.abs(importKwh - r.importKwh)).toBeLessThan(1e-5);
      expect(Math.abs(exportKwh - r.exportKwh)).toBeLessThan(1e-5);
      r = accumulate(Date.UTC(2020 + i, 0, 1), Date.UTC(2021 + i, 0, 1), r);
    });
    // Far beyond the table, registers still follow the half-hours (summed from its end).
    expect(YEAR_START_REGISTERS.length).toBeGreaterThanOrEqual(2040 - 2020);
  });

  it("METER_NOW registers agree with METER_USAGE: a day's import is the register difference", () => {
    const at = (t: number) =>
      tableToJson(
        runSync(runFunction('NOW', [], { ...env, clock: () => t }), {
          fetchAll: () => [],
        }) as Table,
      )[1];
    const before = at(Date.UTC(2024, 6, 10, 23, 0)); // local midnights (BST)
    const after = at(Date.UTC(2024, 6, 11, 23, 0));
    const day = call('USAGE', '2024-07-11', '2024-07-11', 'day');
    const exported = call('USAGE', '2024-07-11', '2024-07-11', 'day', 'demo:export');
    // Registers count every half-hour the meter measured, gaps in transmission included,
    // so compare on a day without gaps; each side is rounded to the Wh.
    expect(day[1][5]).toBe(0);
    expect((after[2] as number) - (before[2] as number)).toBeCloseTo(day[1][2] as number, 2);
    expect((after[3] as number) - (before[3] as number)).toBeCloseTo(exported[1][2] as number, 2);
  });

  it('METER_NOW gives demand in W and registers that only go up', () => {
    const a = call('NOW');
    expect(a[0]).toEqual(['Time', 'Demand (W)', 'Import (kWh)', 'Export (kWh)']);
    const later: FunctionEnv = { ...env, clock: () => NOW + 12 * 3_600_000 }; // through the evening
    const b = tableToJson(runSync(runFunction('NOW', [], later), { fetchAll: () => [] }) as Table);
    expect(b[1][2] as number).toBeGreaterThan(a[1][2] as number);
    expect(b[1][3] as number).toBeGreaterThan(a[1][3] as number); // June afternoon sun
    expect(a[1][1]).toBeLessThan(0); // exporting at 13:10 in June
  });
});
