/// <reference types="google-apps-script" />
// A log sheet: a status line (row 1), METER_USAGE's header plus `Fetched` (row 2), then one
// row per interval in time order. A run rewrites the rows from its first fetched day on in
// ONE setValues call (blanking rows left over below), so nothing is duplicated or lost and
// the sheet is never left half-written.
import type { LogRowFacts } from '../shared/log/plan';
import { isComplete, usageColumns } from '../shared/log/rows';
import { type Table, dateTimeCell, isoLocal } from '../shared/table';
import { civilDayAt, offsetAt } from '../shared/time/zone';
import { DATE_TIME_FORMAT, TEXT_FORMAT, columnFormats, toSheetValues } from './values';

export const STATUS_ROW = 1;
export const HEADER_ROW = 2;
export const FIRST_ROW = 3;
export const FETCHED = 'Fetched';

export interface LogRows {
  header: unknown[];
  facts: LogRowFacts[];
}

/** The rows a log sheet holds, summarised by day (in the spreadsheet's zone). */
export function readLogRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, zone: string): LogRows {
  const last = sheet.getLastRow();
  if (last < HEADER_ROW) return { header: [], facts: [] };
  const width = sheet.getLastColumn();
  const values = sheet.getRange(HEADER_ROW, 1, last - HEADER_ROW + 1, width).getValues();
  const [header, ...rows] = values;
  const cols = usageColumns(header);
  if (typeof cols === 'string') return { header: [], facts: [] };
  const facts: LogRowFacts[] = [];
  for (const r of rows) {
    const start = r[cols.start];
    // A Date from any realm (each execution has its own globals): the end of the table is
    // the first row without one (rows blanked below it).
    if (Object.prototype.toString.call(start) !== '[object Date]') break;
    facts.push({
      day: civilDayAt(zone, (start as Date).getTime()),
      complete: isComplete(r[cols.kwh], r[cols.missing]),
    });
  }
  return { header: header.filter((h) => h !== ''), facts };
}

/**
 * Writes the fresh table (header first) over the log's rows from `fromIndex` (0 = the
 * first data row), stamping each with `fetchedAt`, and blanks the rows below that the new
 * table no longer reaches.
 */
export function writeLogRows(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  table: Table,
  fromIndex: number,
  oldCount: number,
  fetchedAt: Date,
  zone: string,
): number {
  const values = toSheetValues(table, zone);
  const [header, ...fresh] = values;
  const width = header.length + 1;
  const formats = [...columnFormats(table), DATE_TIME_FORMAT];
  const headerRange = sheet.getRange(HEADER_ROW, 1, 1, width);
  headerRange.setNumberFormat(TEXT_FORMAT).setFontWeight('bold');
  headerRange.setValues([[...header, FETCHED]]);
  const rows = fresh.map((r) => [...r, fetchedAt]);
  const leftover = Math.max(0, oldCount - fromIndex - rows.length);
  for (let i = 0; i < leftover; i++) rows.push(new Array(width).fill(''));
  if (rows.length > 0) {
    const first = FIRST_ROW + fromIndex;
    formats.forEach((f, c) => sheet.getRange(first, c + 1, rows.length, 1).setNumberFormat(f));
    sheet.getRange(first, 1, rows.length, width).setValues(rows);
  }
  sheet.setFrozenRows(HEADER_ROW);
  return fromIndex + fresh.length;
}

export function setLogStatus(sheet: GoogleAppsScript.Spreadsheet.Sheet, text: string): void {
  sheet.getRange(STATUS_ROW, 1).setValue(text);
}

/** `2024-10-27 05:00` in the zone: for status lines. */
export function stamp(at: number, zone: string): string {
  return isoLocal(dateTimeCell(at, offsetAt(zone, at)))
    .slice(0, 16)
    .replace('T', ' ');
}
