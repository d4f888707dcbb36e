// An import within Google's limits: the new sheet is fitted to the table (Google's
// default 1,000 × 26 grid would count against the spreadsheet's 10 million cells, and a
// range past it is refused), and a run that could not write everything within Apps
// Script's six minutes ends with a clear message and no sheet, never half a sheet.
import { describe, expect, it } from 'vitest';
import { type Sheets, addOnFailure, sheets } from './harness';
import { DEFAULT_SHEET_COLUMNS, DEFAULT_SHEET_ROWS } from './apps-script';

function importForm(s: Sheets) {
  s.menu('meterShowImport');
  return s.panelState('dialog') as { nonce: string; calls: Record<string, string> };
}

const YEAR = {
  meter: 'demo:electricity',
  start: '2024-01-01',
  end: '2024-12-31',
  aggregate: 'none',
  timezone: 'Europe/London',
};

describe('the sheet an import writes', () => {
  it('is cut to the table, so imports do not eat the 10-million-cell limit', async () => {
    const s = await sheets();
    const { nonce, calls } = importForm(s);
    const week = { ...YEAR, start: '2024-07-01', end: '2024-07-07' };
    const r = s.menu(calls.importUsage, nonce, week) as { sheet: string; rows: number };
    const sheet = s.world.spreadsheet.getSheetByName(r.sheet)!;
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1 + 7 * 48, 6]);
    expect(s.world.spreadsheet.cellCount()).toBe(
      DEFAULT_SHEET_ROWS * DEFAULT_SHEET_COLUMNS + (1 + 7 * 48) * 6,
    );
    expect(sheet.grid()).toHaveLength(1 + 7 * 48);
  });

  it('grows past the default 1,000 rows for a long import', async () => {
    const s = await sheets();
    const { nonce, calls } = importForm(s);
    const r = s.menu(calls.importUsage, nonce, YEAR) as { sheet: string; rows: number };
    expect(r.rows).toBe(366 * 48);
    expect(s.world.spreadsheet.getSheetByName(r.sheet)!.grid()).toHaveLength(1 + 366 * 48);
  });
});

describe('the six minutes of a menu command', () => {
  it('writes the whole table when the write fits in the time left', async () => {
    const s = await sheets({ writeMsPerCell: 1 }); // ~105 s for a year of half-hours
    const { nonce, calls } = importForm(s);
    const r = s.menu(calls.importUsage, nonce, YEAR) as { sheet: string; rows: number };
    expect(s.world.spreadsheet.getSheetByName(r.sheet)!.grid()).toHaveLength(1 + 366 * 48);
  });

  it('ends with a clear message and no half-written sheet when the write would outlast them', async () => {
    // A slow spreadsheet: a year of half-hours (105,414 cells) would take about 369 s.
    const s = await sheets({ writeMsPerCell: 3.5 });
    const { nonce, calls } = importForm(s);
    const message = addOnFailure(() => s.menu(calls.importUsage, nonce, YEAR));
    expect(message).toBe(
      'The import fetched 17,568 rows but cannot write them within the six minutes Apps ' +
        'Script gives a menu command, so nothing was written. Import a shorter range at a time.',
    );
    expect(s.world.spreadsheet.getSheets().map((x) => x.getName())).toEqual(['Sheet1']);
  });
});
