// The core's table cells as Google Sheets values. A Date in Sheets displays in the
// spreadsheet's time zone, so a date-time is handed over as the instant that shows the
// table's wall-clock time there: a table asked for in Europe/London reads 00:30 in a
// spreadsheet set to New York too. Days become that day's midnight; empty cells ''.
import {
  type Cell,
  type Table,
  isDateCell,
  isDateTimeCell,
  tableWidth,
  wallMs,
} from '../shared/table';
import { MS_PER_DAY, MS_PER_HOUR } from '../shared/time/civil';
import { type OffsetSegment, instantAtWall, offsetSegments } from '../shared/time/zone';

export type SheetValue = string | number | boolean | Date;

const MARGIN = 30 * MS_PER_HOUR; // wider than any UTC offset

/**
 * Offsets of the spreadsheet's zone over the span a table covers, looked up by walking a
 * pointer (rows come in time order), so converting a year of half-hours costs a few
 * comparisons a cell rather than a time-zone computation each.
 */
function zoneLookup(zone: string, from: number, to: number) {
  const segs: OffsetSegment[] = offsetSegments(zone, from - MARGIN, to + MARGIN);
  let at = 0;
  const index = (t: number): number => {
    if (t < segs[at].from || t >= segs[at].to) {
      let lo = 0;
      let hi = segs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segs[mid].from <= t) lo = mid;
        else hi = mid - 1;
      }
      at = lo;
    }
    return at;
  };
  return {
    offset: (t: number): number => segs[index(t)].offset,
    /** The earliest instant that shows wall-clock `w` (see instantAtWall). */
    atWall(w: number): number {
      for (let j = index(w - MARGIN / 2); j < segs.length && segs[j].from <= w + MARGIN / 2; j++) {
        const t = w - segs[j].offset;
        if (t >= segs[j].from && t < segs[j].to) return t;
      }
      return instantAtWall(zone, w); // a skipped wall time: the zone's own rule
    },
  };
}

/** A rectangular 2-D array (Sheets refuses ragged ones), short rows padded with ''. */
export function toSheetValues(table: Table, sheetZone: string): SheetValue[][] {
  let from = Infinity;
  let to = -Infinity;
  for (const row of table)
    for (const c of row) {
      const t = isDateTimeCell(c) ? c.utc : isDateCell(c) ? c.day * MS_PER_DAY : null;
      if (t === null) continue;
      if (t < from) from = t;
      if (t > to) to = t;
    }
  const zone = from <= to ? zoneLookup(sheetZone, from, to + 1) : null;
  const convert = (cell: Cell): SheetValue => {
    if (cell === null) return '';
    if (zone && isDateTimeCell(cell))
      // Same offset in the spreadsheet's zone: the true instant (keeps repeated hours apart).
      return new Date(zone.offset(cell.utc) === cell.offset ? cell.utc : zone.atWall(wallMs(cell)));
    if (zone && isDateCell(cell)) return new Date(zone.atWall(cell.day * MS_PER_DAY));
    return cell as SheetValue;
  };
  const width = tableWidth(table, 1);
  return table.map((row) => {
    const out = row.map(convert);
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
  const width = tableWidth(table);
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
