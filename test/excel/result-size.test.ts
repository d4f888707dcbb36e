// The cap on one formula's result, sized on real cells: the heaviest table (half-hour
// usage with dates as Double values) at MAX_EXCEL_FORMULA_ROWS rows stays within the JSON
// budget carved out of Excel on the web's 5 MB payload limit, and a result over it is
// refused with the same too-big message Sheets formulas give.
import { describe, expect, it } from 'vitest';
import { toExcelCells } from '../../excel-addin/functions/cells';
import {
  EXCEL_WEB_PAYLOAD_BYTES,
  MAX_EXCEL_FORMULA_ROWS,
  MAX_RESULT_BYTES,
  checkResultSize,
  utf8Bytes,
} from '../../excel-addin/functions/result-size';
import { runSync } from '../../shared/flow';
import { runFunction } from '../../shared/functions/run';

function usageCells(start: string, end: string) {
  const env = { settings: { providers: {} }, clock: () => Date.UTC(2026, 0, 1) };
  const table = runSync(runFunction('USAGE', [start, end], env), { fetchAll: () => [] });
  return toExcelCells(table, 'double');
}

describe('the size of a formula result', () => {
  it('leaves room in the 5 MB payload for the message around the result', () => {
    expect(MAX_RESULT_BYTES).toBeLessThan(EXCEL_WEB_PAYLOAD_BYTES);
    expect(MAX_RESULT_BYTES).toBeGreaterThan(EXCEL_WEB_PAYLOAD_BYTES * 0.7);
  });

  it('caps rows at what the heaviest table fits in, measured on its JSON', () => {
    const cells = usageCells('2024-01-01', '2024-03-31'); // 91 days of half-hours
    const rows = cells.length - 1;
    const bytesPerRow = utf8Bytes(JSON.stringify(cells.slice(1))) / rows;
    expect(bytesPerRow).toBeGreaterThan(150); // two date objects a row
    const fits = Math.floor(MAX_RESULT_BYTES / bytesPerRow);
    expect(MAX_EXCEL_FORMULA_ROWS).toBeLessThanOrEqual(fits);
    expect(MAX_EXCEL_FORMULA_ROWS).toBeGreaterThan(fits * 0.8); // not needlessly small
  });

  it('passes a result within the budget and refuses one over it, saying how many rows fit', () => {
    const ok = usageCells('2024-01-01', '2024-01-31');
    expect(checkResultSize('METER.USAGE', ok)).toBe(ok);
    const big = usageCells('2023-01-01', '2024-12-31'); // two years of half-hours
    const bytes = utf8Bytes(JSON.stringify(big));
    expect(bytes).toBeGreaterThan(MAX_RESULT_BYTES);
    expect(() => checkResultSize('METER.USAGE', big)).toThrow(
      /^METER\.USAGE: this range is about 35,088 rows, more than 2\d,\d{3}; Excel on the web refuses a formula result over 5 MB/,
    );
  });

  it('counts UTF-8 bytes, not UTF-16 code units', () => {
    expect(utf8Bytes('kWh')).toBe(3);
    expect(utf8Bytes('£')).toBe(2);
    expect(utf8Bytes('▸')).toBe(3);
    expect(utf8Bytes('⚡️')).toBe(6);
    expect(utf8Bytes('𝄞')).toBe(4);
  });
});
