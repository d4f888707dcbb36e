// What a custom function returns: a 2-D array, header row first. Cells are plain values,
// except date-times, which carry both the instant and the local offset it is shown in, so
// each host can render the same wall-clock time (a Date in Sheets, a serial in Excel,
// ISO 8601 with offset in the CLI's JSON).
import { type CivilDay, MS_PER_DAY, MS_PER_MINUTE, formatDay } from './time/civil';

export interface DateTimeCell {
  readonly kind: 'datetime';
  /** The instant, UTC ms. */
  readonly utc: number;
  /** The UTC offset (ms) of the zone the table was asked for, at that instant. */
  readonly offset: number;
}

/** A calendar day with no time (e.g. a meter's first day with data). */
export interface DateCell {
  readonly kind: 'date';
  readonly day: CivilDay;
}

export type Cell = string | number | boolean | null | DateTimeCell | DateCell;
export type Table = Cell[][];

/**
 * The widest row's length (at least `min`). A loop, not Math.max(...rows): spreading a
 * long table (an import of years of half-hours) into arguments overflows the stack.
 */
export function tableWidth(table: Table, min = 0): number {
  let width = min;
  for (const row of table) if (row.length > width) width = row.length;
  return width;
}

export function dateTimeCell(utc: number, offset: number): DateTimeCell {
  return { kind: 'datetime', utc, offset };
}

export function isDateTimeCell(cell: unknown): cell is DateTimeCell {
  return typeof cell === 'object' && cell !== null && (cell as DateTimeCell).kind === 'datetime';
}

export function dateCell(day: CivilDay): DateCell {
  return { kind: 'date', day };
}

export function isDateCell(cell: unknown): cell is DateCell {
  return typeof cell === 'object' && cell !== null && (cell as DateCell).kind === 'date';
}

/** The wall-clock time as ms since 1970-01-01T00:00 *local*. */
export function wallMs(cell: DateTimeCell): number {
  return cell.utc + cell.offset;
}

/** Excel's serial date number for the wall-clock time (days since 1899-12-30). */
export function excelSerial(cell: DateTimeCell | DateCell): number {
  return (isDateCell(cell) ? cell.day : wallMs(cell) / MS_PER_DAY) + 25569;
}

/** `2024-03-31T01:00:00+01:00`: the wall-clock time and its offset, unambiguous. */
export function isoLocal(cell: DateTimeCell): string {
  const wall = wallMs(cell);
  const day = Math.floor(wall / MS_PER_DAY);
  const secs = Math.floor((wall - day * MS_PER_DAY) / 1000);
  const off = Math.round(cell.offset / MS_PER_MINUTE);
  const abs = Math.abs(off);
  return (
    formatDay(day) +
    'T' +
    two(Math.floor(secs / 3600)) +
    ':' +
    two(Math.floor(secs / 60) % 60) +
    ':' +
    two(secs % 60) +
    (off < 0 ? '-' : '+') +
    two(Math.floor(abs / 60)) +
    ':' +
    two(abs % 60)
  );
}

function two(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export type PlainCell = string | number | boolean | null;

/** A cell as text-or-number: date-times in ISO 8601 with offset, days as yyyy-mm-dd. */
export function plainCell(c: Cell): PlainCell {
  if (isDateTimeCell(c)) return isoLocal(c);
  if (isDateCell(c)) return formatDay(c.day);
  return c;
}

/** The table as plain JSON values: what `--format json` prints. */
export function tableToJson(table: Table): PlainCell[][] {
  return table.map((row) => row.map(plainCell));
}

/** A compact JSON encoding that round-trips date-times, for caches. */
export function encodeTable(table: Table): string {
  const enc = (c: Cell) =>
    isDateTimeCell(c) ? { t: c.utc, o: c.offset } : isDateCell(c) ? { d: c.day } : c;
  return JSON.stringify(table.map((row) => row.map(enc)));
}

export function decodeTable(text: string): Table {
  const raw = JSON.parse(text) as unknown[][];
  return raw.map((row) =>
    row.map((c) => {
      if (c && typeof c === 'object') {
        const o = c as { t?: number; o?: number; d?: number };
        return o.d !== undefined ? dateCell(o.d) : dateTimeCell(o.t as number, o.o as number);
      }
      return c as Cell;
    }),
  );
}
