// A core table as one block of worksheet cells: values and number formats of the same
// shape, written to ONE range in one go. Text gets the text format "@" so Excel keeps
// "2024-01" and "00:30" as the labels they are instead of turning them into dates; dates
// are serials with a date format; empty stays empty (never 0).
import { dateFormatOf } from '../functions/cells';
import {
  type Cell,
  type Table,
  excelSerial,
  isDateCell,
  isDateTimeCell,
  tableWidth,
} from '../../shared/table';

export type SheetValue = string | number | boolean;

export interface SheetData {
  values: SheetValue[][];
  formats: string[][];
  rows: number;
  columns: number;
}

export const TEXT_FORMAT = '@';
export const GENERAL_FORMAT = 'General';
export const INTEGER_FORMAT = '#,##0';
export const DECIMAL_FORMAT = '#,##0.000';

function numberFormatsByColumn(table: Table): string[] {
  const width = table[0]?.length ?? 0;
  const formats: string[] = [];
  for (let c = 0; c < width; c++) {
    let integral = true;
    for (let r = 1; r < table.length && integral; r++) {
      const v = table[r][c];
      if (typeof v === 'number' && !Number.isInteger(v)) integral = false;
    }
    formats.push(integral ? INTEGER_FORMAT : DECIMAL_FORMAT);
  }
  return formats;
}

function cellOf(cell: Cell, numberFormat: string): [SheetValue, string] {
  if (cell === null) return ['', GENERAL_FORMAT];
  if (isDateTimeCell(cell) || isDateCell(cell)) return [excelSerial(cell), dateFormatOf(cell)];
  if (typeof cell === 'string') return [cell, TEXT_FORMAT];
  if (typeof cell === 'number') return [cell, numberFormat];
  return [cell, GENERAL_FORMAT];
}

export function toSheetData(table: Table): SheetData {
  const byColumn = numberFormatsByColumn(table);
  const columns = tableWidth(table);
  const values: SheetValue[][] = [];
  const formats: string[][] = [];
  for (const row of table) {
    const v: SheetValue[] = [];
    const f: string[] = [];
    for (let c = 0; c < columns; c++) {
      const [value, format] = cellOf(c < row.length ? row[c] : null, byColumn[c]);
      v.push(value);
      f.push(format);
    }
    values.push(v);
    formats.push(f);
  }
  return { values, formats, rows: values.length, columns };
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The A1 address of a block starting at A1. */
export function blockAddress(rows: number, columns: number): string {
  return `A1:${columnLetters(columns - 1)}${rows}`;
}
