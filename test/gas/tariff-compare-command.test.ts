// Meter ▸ Compare tariffs… in the BUILT add-on: the dialog starts on the last twelve
// months and the demo tariffs; running it writes exactly what =METER_TARIFF_COMPARE
// returns for the same arguments into a new sheet, with one bar chart of the Total
// column against the tariffs (by month: a column chart of every tariff's column), and a
// bad tariff is explained in the dialog with no sheet left behind.
import { describe, expect, it } from 'vitest';
import type { Sheets } from './harness';
import { addOnFailure, sheets } from './harness';

function openDialog(s: Sheets) {
  s.menu('meterShowCompareTariffs');
  return s.panelState('dialog') as unknown as {
    nonce: string;
    defaults: { start: string; end: string; tariffs: string[]; tariffHint: string; meter: string };
    calls: Record<string, string>;
  };
}

const TARIFFS = 'demo-flat, demo-two-rate\ndemo-dynamic';

describe('Compare tariffs…', () => {
  it('is on the Meter menu and opens on the last twelve months and the demo tariffs', async () => {
    const s = await sheets();
    s.menu('onOpen');
    const menu = s.world.menus.find((m) => m.title === 'Meter')!;
    expect(menu.items).toContainEqual({
      caption: 'Compare tariffs…',
      functionName: 'meterShowCompareTariffs',
    });
    const { defaults, calls } = openDialog(s);
    expect(defaults).toMatchObject({
      start: '2024-01-01',
      end: '2024-12-31',
      tariffs: ['demo-flat', 'demo-two-rate', 'demo-tou', 'demo-dynamic'],
    });
    expect(defaults.tariffHint).toMatch(/=METER_TARIFFS\("agile"\)/);
    expect(calls.compareTariffs).toBe('meterCompareTariffs');
    expect(s.world.panels.at(-1)!.html.getContent()).not.toContain('<?');
  });

  it('offers the tariffs saved in Settings, not the demo ones, for a real default meter', async () => {
    const s = await sheets();
    s.saveSettings({
      defaultMeter: 'octopus',
      tariffs: { default: 'home', saved: { home: '0.245 + 0.60/day', ev: '0.07 + 0.5/day' } },
    });
    expect(openDialog(s).defaults.tariffs).toEqual(['home', 'ev']);
  });

  it('writes what METER_TARIFF_COMPARE returns and a bar chart of the total per tariff', async () => {
    const s = await sheets();
    const { nonce, calls } = openDialog(s);
    const r = s.menu(calls.compareTariffs, nonce, {
      meter: 'demo:electricity',
      start: '2024-01-01',
      end: '2024-03-31',
      tariffs: TARIFFS,
      aggregate: 'total',
      timezone: 'Europe/London',
    }) as { sheet: string; tariffs: number };
    expect(r).toEqual({ sheet: 'Tariffs 2024-01..2024-03', tariffs: 3 });
    const formula = s.cell(
      'METER_TARIFF_COMPARE',
      '2024-01-01',
      '2024-03-31',
      TARIFFS,
      'total',
      'demo:electricity',
      'Europe/London',
    );
    const sheet = s.world.spreadsheet.getSheetByName(r.sheet)!;
    const written = s.world.setValuesCalls.filter((c) => c.sheet === r.sheet);
    expect(written).toHaveLength(1);
    expect(written[0].values).toEqual(formula);
    expect(formula[0]).toEqual([
      'Tariff',
      'kWh',
      'Energy cost (GBP)',
      'Standing charge (GBP)',
      'Total (GBP)',
      'Difference (GBP)',
      'Unpriced',
      'Missing',
    ]);
    expect(formula.slice(1).map((row) => row[0])).toEqual([
      'demo-flat',
      'demo-two-rate',
      'demo-dynamic',
    ]);
    // Real totals, not blanks: 91 days of a household cost more than the standing charge.
    for (const row of formula.slice(1)) expect(row[4] as number).toBeGreaterThan(91 * 0.5);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0]).toMatchObject({
      type: 'BAR',
      ranges: ['A1:A4', 'E1:E4'],
      numHeaders: 1,
    });
    expect(String(sheet.charts[0].options.title)).toBe(
      'demo:electricity: total cost per tariff, 2024-01..2024-03',
    );
    expect(sheet.charts[0].options.hAxis).toMatchObject({ title: 'Total cost (GBP)' });
  });

  it('by month: one column per tariff against the months, as the formula gives them', async () => {
    const s = await sheets();
    const { nonce, calls } = openDialog(s);
    const r = s.menu(calls.compareTariffs, nonce, {
      start: '2024-01-01',
      end: '2024-03-31',
      tariffs: 'demo-flat, demo-tou',
      aggregate: 'month',
    }) as { sheet: string; tariffs: number };
    expect(r).toEqual({ sheet: 'Tariff months 2024-01..2024-03', tariffs: 2 });
    const formula = s.cell(
      'METER_TARIFF_COMPARE',
      '2024-01-01',
      '2024-03-31',
      'demo-flat, demo-tou',
      'month',
    );
    const sheet = s.world.spreadsheet.getSheetByName(r.sheet)!;
    expect(
      sheet
        .grid()
        .slice(0, formula.length)
        .map((row) => row.slice(0, 6)),
    ).toEqual(formula.map((row) => row.map((c) => (c === null ? '' : c))));
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0]).toMatchObject({ type: 'COLUMN', ranges: ['A1:A4', 'C1:D4'] });
    expect(String(sheet.charts[0].options.title)).toBe(
      'Demo meter: cost per tariff by month, 2024-01..2024-03',
    );
  });

  it('explains a tariff it does not know in plain words and leaves no sheet', async () => {
    const s = await sheets();
    const { nonce, calls } = openDialog(s);
    const message = addOnFailure(() =>
      s.menu(calls.compareTariffs, nonce, {
        start: '2024-01-01',
        end: '2024-01-31',
        tariffs: 'demo-flat, demo-nonesuch',
      }),
    );
    expect(message).toMatch(/no demo tariff "demo-nonesuch"/);
    expect(s.world.spreadsheet.getSheets()).toHaveLength(1);
    expect(
      addOnFailure(() =>
        s.menu(calls.compareTariffs, nonce, {
          start: '2024-01-01',
          end: '2024-01-31',
          tariffs: ' ',
        }),
      ),
    ).toMatch(/^tariffs: expected at least one tariff/);
    expect(
      addOnFailure(() => s.menu(calls.compareTariffs, 'forged', { tariffs: 'demo-flat' })),
    ).toMatch(/not opened from the Meter menu/);
  });
});
