// How much one formula may return. Excel on the web carries a custom function's result to
// the workbook in one message, and refuses a request or response over 5 MB; desktop Excel
// has no such limit but the same workbook opens on the web. A result is therefore capped
// twice: a row estimate before fetching (no point fetching 250,000 rows, ~49 MB as JSON
// with date objects, to drop them), and the real JSON of the cells before returning.
import { tooManyRows } from '../../shared/functions/plan';
import type { ExcelCell } from './cells';

/** Excel on the web's limit on one request or response payload. */
export const EXCEL_WEB_PAYLOAD_BYTES = 5 * 1024 * 1024;
/** A result's JSON may use this much of it; the rest is the message's own envelope. */
export const MAX_RESULT_BYTES = 4 * 1024 * 1024;
/**
 * Rows of the heaviest table (half-hour usage, dates as Double values with their number
 * format) whose JSON stays within MAX_RESULT_BYTES; a test measures it on real cells.
 */
export const MAX_EXCEL_FORMULA_ROWS = 20_000; // ~200 bytes a row: about 14 months of half-hours

export const TOO_BIG_INSTEAD =
  'Excel on the web refuses a formula result over 5 MB. Ask for a coarser aggregate ' +
  '(day, week or month) or a shorter range, or use Meter ▸ Import usage, which writes in parts.';

/** UTF-8 bytes of a string, as the message carries it. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

/** The cells if their JSON fits in one formula result; else the too-big error. */
export function checkResultSize(name: string, cells: ExcelCell[][]): ExcelCell[][] {
  const bytes = utf8Bytes(JSON.stringify(cells));
  if (bytes <= MAX_RESULT_BYTES) return cells;
  const rows = Math.max(0, cells.length - 1);
  const fit = Math.floor((rows * MAX_RESULT_BYTES) / bytes);
  throw tooManyRows(name, rows, fit, TOO_BIG_INSTEAD);
}
