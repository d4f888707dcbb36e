// An import remembers its query with its table, so Refresh can run it again and rewrite
// the table in place. The query is kept as the user gave it: a named period such as
// `last-seven-days` stays a name, so each refresh covers the days it means as of then.
// It lives in a worksheet custom property (ExcelApi 1.12) of the sheet the import made:
// it travels with the workbook, and disappears when the user deletes the sheet.
import { asNamedPeriod } from '../../shared/time/named-periods';

/** The custom property's key (keys are case-insensitive in Excel). */
export const REMEMBERED_KEY = 'meter-sheets.import';
/** Worksheet custom properties: remembering needs 1.12, refreshing in place (Table.resize) 1.13. */
export const REMEMBER_API = '1.12';
export const REFRESH_API = '1.13';

export interface ImportQuery {
  /** A first day `yyyy-mm-dd`, or a named period (then `end` is null). */
  start: string;
  end: string | null;
  aggregate: string;
  meter: string | null;
  zone: string | null;
}

export interface RememberedImport extends ImportQuery {
  /** The id of the Excel table the import wrote (ids survive renaming the table). */
  table: string;
}

const VERSION = 1;

export function encodeRemembered(r: RememberedImport): string {
  return JSON.stringify({
    v: VERSION,
    table: r.table,
    start: r.start,
    end: r.end,
    aggregate: r.aggregate,
    meter: r.meter,
    zone: r.zone,
  });
}

const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The remembered import, or a message saying why the property cannot be used. */
export function decodeRemembered(value: string): RememberedImport | string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(value) as Record<string, unknown>;
  } catch {
    return 'its remembered query is not readable';
  }
  if (typeof o !== 'object' || o === null || o.v !== VERSION)
    return 'its remembered query was written by another version of meter-sheets';
  if (typeof o.table !== 'string' || typeof o.start !== 'string' || typeof o.aggregate !== 'string')
    return 'its remembered query is incomplete';
  return {
    table: o.table,
    start: o.start,
    end: textOrNull(o.end),
    aggregate: o.aggregate,
    meter: textOrNull(o.meter),
    zone: textOrNull(o.zone),
  };
}

/** True when the query's days move with today (a named period such as `last-month`). */
export function isRolling(q: ImportQuery): boolean {
  return asNamedPeriod(q.start) !== null;
}
