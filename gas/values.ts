// The core's table cells as Google Sheets values. A Date in Sheets displays in the
// spreadsheet's time zone, so a date-time is handed over as the instant that shows the
// table's wall-clock time there: a table asked for in Europe/London reads 00:30 in a
// spreadsheet set to New York too. Days become that day's midnight; empty cells ''.
import { type Cell, type Table, isDateCell, isDateTimeCell, wallMs } from '../shared/table';
import { MS_PER_DAY } from '../shared/time/civil';
import { instantAtWall, offsetAt } from '../shared/time/zone';

export type SheetValue = string | number | boolean | Date;

export function toSheetValue(cell: Cell, sheetZone: string): SheetValue {
  if (cell === null) return '';
  if (isDateTimeCell(cell)) {
    // Same offset in the spreadsheet's zone: the true instant (keeps repeated hours apart).
    if (offsetAt(sheetZone, cell.utc) === cell.offset) return new Date(cell.utc);
    return new Date(instantAtWall(sheetZone, wallMs(cell)));
  }
  if (isDateCell(cell)) return new Date(instantAtWall(sheetZone, cell.day * MS_PER_DAY));
  return cell;
}

/** A rectangular 2-D array (Sheets refuses ragged ones), short rows padded with ''. */
export function toSheetValues(table: Table, sheetZone: string): SheetValue[][] {
  const width = Math.max(1, ...table.map((r) => r.length));
  return table.map((row) => {
    const out = row.map((c) => toSheetValue(c, sheetZone));
    while (out.length < width) out.push('');
    return out;
  });
}

export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const TEXT_FORMAT = '@';

/**
 * A number format per column, from what the column holds: dates (with the time unless
 * every one is a midnight), text kept as text (so "00:30" or "2024-01" is not read as a
 * time or a date), whole numbers, money, and kWh to the watt-hour.
 */
export function columnFormats(table: Table): string[] {
  const header = table[0] ?? [];
  const width = Math.max(0, ...table.map((r) => r.length));
  const formats: string[] = [];
  for (let c = 0; c < width; c++) {
    let dates = 0;
    let times = 0;
    let texts = 0;
    let fractions = 0;
    for (let r = 1; r < table.length; r++) {
      const v = table[r][c];
      if (isDateTimeCell(v)) {
        dates++;
        if (wallMs(v) % MS_PER_DAY !== 0) times++;
      } else if (isDateCell(v)) dates++;
      else if (typeof v === 'string' || typeof v === 'boolean') texts++;
      else if (typeof v === 'number' && !Number.isInteger(v)) fractions++;
    }
    const name = String(header[c] ?? '');
    if (dates > 0) formats.push(times > 0 ? DATE_TIME_FORMAT : DATE_FORMAT);
    else if (texts > 0) formats.push(TEXT_FORMAT);
    else if (/cost/i.test(name)) formats.push('0.00');
    else if (fractions === 0 && table.length > 1 && !/kwh|\(kg\)/i.test(name)) formats.push('0');
    else formats.push('0.000');
  }
  return formats;
}
