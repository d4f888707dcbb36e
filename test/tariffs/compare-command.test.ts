// The Compare tariffs command's shared reading of METER_TARIFF_COMPARE's table (which
// cells each host charts), its starting tariffs and its sheet names.
import { describe, expect, it } from 'vitest';
import { runSync } from '../../shared/flow';
import { runFunction } from '../../shared/functions/run';
import {
  compareRangeLabel,
  defaultCompareTariffs,
  tariffChartLayout,
  tariffSheetName,
} from '../../shared/tariffs/compare-command';

function compare(args: unknown[]) {
  return runSync(
    runFunction('TARIFF_COMPARE', args, {
      settings: { providers: {} },
      clock: () => Date.UTC(2025, 0, 10),
    }),
    {
      fetchAll: () => [],
    },
  );
}

describe('the chart of a tariff comparison', () => {
  it('plots the Total column against the tariffs', () => {
    const table = compare(['2024-01-01', '2024-01-31', 'demo-flat, demo-dynamic, demo-tou']);
    const layout = tariffChartLayout(table, '2024-01', 'Demo meter');
    expect(table[0][layout.firstValueColumn]).toBe('Total (GBP)');
    expect(layout).toMatchObject({
      kind: 'bar',
      categoryColumn: 0,
      lastValueColumn: layout.firstValueColumn,
      rows: 3,
      valueAxisTitle: 'Total cost (GBP)',
      title: 'Demo meter: total cost per tariff, 2024-01',
    });
  });

  it('by month: every tariff column, none of kWh, Unpriced or Missing', () => {
    const table = compare([
      '2024-01-01',
      '2024-03-31',
      'demo-flat, demo-tou, demo-dynamic',
      'month',
    ]);
    const layout = tariffChartLayout(table, '2024-01..2024-03', 'Demo meter');
    expect(table[0].slice(layout.firstValueColumn, layout.lastValueColumn + 1)).toEqual([
      'demo-flat (GBP)',
      'demo-tou (GBP)',
      'demo-dynamic (GBP)',
    ]);
    expect(layout).toMatchObject({ kind: 'column', rows: 3, valueAxisTitle: 'Cost (GBP)' });
  });

  it('refuses a table that is not a comparison', () => {
    expect(() => tariffChartLayout([['Start', 'kWh']], 'x', 'm')).toThrow(
      /not a tariff comparison/,
    );
  });
});

describe('the starting tariffs', () => {
  it('are the demo tariffs for the demo meter, after the default and saved ones', () => {
    expect(defaultCompareTariffs({ providers: {} })).toEqual([
      'demo-flat',
      'demo-two-rate',
      'demo-tou',
      'demo-dynamic',
    ]);
    expect(
      defaultCompareTariffs({
        providers: {},
        defaultMeter: 'demo:electricity',
        tariffs: { default: 'Home', saved: { home: '0.2', ev: '0.07' } },
      }),
    ).toEqual(['Home', 'ev', 'demo-flat', 'demo-two-rate', 'demo-tou', 'demo-dynamic']);
  });

  it('leave the demo out for a real meter', () => {
    expect(defaultCompareTariffs({ providers: {}, defaultMeter: 'octopus' })).toEqual([]);
  });
});

describe('names', () => {
  it('shorten whole months and keep other days', () => {
    expect(compareRangeLabel('2024-01-01', '2024-12-31')).toBe('2024-01..2024-12');
    expect(compareRangeLabel('2024-02-01', '2024-02-29')).toBe('2024-02');
    expect(compareRangeLabel('2024-02-01', '2024-02-28')).toBe('2024-02-01..2024-02-28');
    expect(compareRangeLabel('2024-02-03', '2024-02-03')).toBe('2024-02-03');
    expect(compareRangeLabel('last-month', '')).toBe('last-month');
  });

  it('fit Excel’s 31 characters for whole months', () => {
    expect(tariffSheetName('2024-01-01', '2024-12-31', 'total')).toBe('Tariffs 2024-01..2024-12');
    expect(tariffSheetName('2024-01-01', '2024-12-31', 'Month')).toBe(
      'Tariff months 2024-01..2024-12',
    );
    expect(tariffSheetName('2024-01-01', '2024-12-31', 'month').length).toBeLessThanOrEqual(31);
  });
});
