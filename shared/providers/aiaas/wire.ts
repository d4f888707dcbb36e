// The aiaas API answers most questions with a table in pandas' "split" layout:
// {index: [...], columns: [...], data: [[...], ...]}, one data row per index entry. The
// index holds timestamps, numbers (months 1..12, or 0 for a single row) or pairs such as
// [weekday, hour]. This ONE converter turns any of them into a spreadsheet table.
// The requests, the sign-in and the {status, data} envelope are in client.ts, the
// endpoints' paths in paths.ts, the timestamps' two orders in stamps.ts.
import { MeterError } from '../../errors';
import { type Cell, type Table, dateTimeCell } from '../../table';
import { offsetAt } from '../../time/zone';
import { type StampOrder, type StampWindow, looksLikeStamp, readStamps } from './stamps';

export interface Frame {
  index: unknown[];
  columns: string[];
  data: unknown[][];
}

/** One index entry's parts: a timestamp (UTC ms), a number or text each. */
export type IndexPart = { utc: number } | number | string | null;

export interface FrameRow {
  index: IndexPart[];
  values: (number | string | boolean | null)[];
}

export const PROVIDER_NAME = 'aiaas';

function malformed(what: string): MeterError {
  return new MeterError(
    'provider',
    `${PROVIDER_NAME} sent ${what} without the expected {index, columns, data} table`,
  );
}

/** The table in `raw`, checked for shape (never trusting a peer's JSON). */
export function asFrame(raw: unknown, what: string): Frame {
  if (typeof raw !== 'object' || raw === null) throw malformed(what);
  const f = raw as Record<string, unknown>;
  if (!Array.isArray(f.index) || !Array.isArray(f.columns) || !Array.isArray(f.data))
    throw malformed(what);
  return { index: f.index, columns: f.columns.map((c) => String(c)), data: f.data as unknown[][] };
}

// The reference elides long tables with "..." in both index and data; a real answer
// would not, but a row that is not a row is skipped rather than shown as garbage.
function isElided(index: unknown, row: unknown): boolean {
  return index === '...' || !Array.isArray(row);
}

function value(v: unknown): number | string | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return String(v);
}

export interface ReadOptions {
  /** Where the timestamps should lie: settles their year-day-month vs year-month-day order. */
  window?: StampWindow;
  fallback?: StampOrder;
  what: string;
}

/** The rows with their index parts resolved: timestamps (read as one group), numbers, text. */
export function frameRows(frame: Frame, options: ReadOptions): FrameRow[] {
  const kept: number[] = [];
  for (let i = 0; i < frame.index.length; i++)
    if (!isElided(frame.index[i], frame.data[i])) kept.push(i);
  const atoms = kept.map((i) =>
    Array.isArray(frame.index[i]) ? frame.index[i] : [frame.index[i]],
  );
  const stampTexts: string[] = [];
  for (const parts of atoms)
    for (const p of parts) if (typeof p === 'string' && looksLikeStamp(p)) stampTexts.push(p);
  const stamps = new Map<string, number>();
  if (stampTexts.length > 0) {
    const read = readStamps(stampTexts, options);
    if (!read)
      throw new MeterError(
        'provider',
        `${PROVIDER_NAME} sent ${options.what} with timestamps that are not real dates`,
      );
    stampTexts.forEach((t, i) => stamps.set(t, read.times[i]));
  }
  return kept.map((i, k) => {
    const row = frame.data[i];
    return {
      index: atoms[k].map((p): IndexPart => {
        if (typeof p === 'string' && stamps.has(p)) return { utc: stamps.get(p) as number };
        const v = value(p);
        return typeof v === 'boolean' ? String(v) : v;
      }),
      values: frame.columns.map((_c, j) => value(row[j])),
    };
  });
}

export interface TableLayout extends ReadOptions {
  /** Headers for the index parts (e.g. ["Time"], ["Weekday", "Hour"]); [] leaves the index out. */
  indexHeaders: string[];
  /** Unit added to every column header: "fridge (Wh)". */
  unit?: string;
  /** Date-times are shown as wall-clock time in this zone. */
  zone: string;
}

/** THE converter: header row (index headers, then the columns), then one row per entry. */
export function frameToTable(frame: Frame, layout: TableLayout): Table {
  const rows = frameRows(frame, layout);
  const width =
    layout.indexHeaders.length === 0 ? 0 : rows.reduce((w, r) => Math.max(w, r.index.length), 1); // no spread: rows may be many
  const indexHeaders =
    layout.indexHeaders.length === width
      ? layout.indexHeaders
      : Array.from({ length: width }, (_v, i) => (width === 1 ? 'Index' : `Index ${i + 1}`));
  const unit = layout.unit ? ` (${layout.unit})` : '';
  const table: Table = [[...indexHeaders, ...frame.columns.map((c) => c + unit)]];
  for (const r of rows) {
    const index: Cell[] = [];
    for (let i = 0; i < width; i++) {
      const p = r.index[i] ?? null;
      index.push(
        p !== null && typeof p === 'object' ? dateTimeCell(p.utc, offsetAt(layout.zone, p.utc)) : p,
      );
    }
    table.push([...index, ...r.values]);
  }
  return table;
}

/** A one-row table turned on its side: one row per column (e.g. appliance, Wh). */
export function columnsAsRows(table: Table, headers: [string, string]): Table {
  const [names, values] = [table[0], table[1] ?? []];
  return [headers, ...names.map((n, i) => [n, values[i] ?? null])];
}
