/// <reference types="office-js" />
// Refresh re-runs every remembered import (remembered.ts) and rewrites its table in place:
// same sheet, same table (name, style, anything referring to it), header kept where it is,
// the table resized to the new row count and rows left over cleared. All imports are
// fetched first, together; only the ones that succeeded are written, so an import whose
// provider failed keeps its table exactly as it was and is reported instead.
import type { FunctionHost } from '../functions/host';
import { type RememberedImport, REFRESH_API, REMEMBERED_KEY, decodeRemembered } from './remembered';
import { type SheetData, toSheetData } from './sheet-data';
import { fetchUsage, queryLabel } from './usage-query';

/** Above this many cells one write may exceed Excel on the web's 5 MB request limit. */
export const MAX_IMPORT_CELLS = 150_000;

export interface RefreshOutcome {
  /** Sheets whose table was rewritten, with their new row counts (header excluded). */
  refreshed: { sheet: string; rows: number }[];
  /** Sheets left as they were, and why (redacted messages only). */
  failed: { sheet: string; message: string }[];
}

interface Found {
  sheet: string;
  /** The worksheet's id: it survives the sheet being renamed while the imports fetch. */
  sheetId: string;
  query: RememberedImport;
}

export function refreshSupported(office: typeof Office | undefined): boolean {
  return office?.context?.requirements?.isSetSupported('ExcelApi', REFRESH_API) === true;
}

/** The sheets that remember an import, read in two round trips whatever their number. */
async function findRemembered(failed: RefreshOutcome['failed']): Promise<Found[]> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/id');
    await context.sync();
    const props = sheets.items.map((s) => s.customProperties.getItemOrNullObject(REMEMBERED_KEY));
    for (const p of props) p.load('value');
    await context.sync();
    const found: Found[] = [];
    sheets.items.forEach((s, i) => {
      if (props[i].isNullObject) return;
      const query = decodeRemembered(props[i].value);
      if (typeof query === 'string') failed.push({ sheet: s.name, message: query });
      else found.push({ sheet: s.name, sheetId: s.id, query });
    });
    return found;
  });
}

/** Writes each fresh table over its old one, all in one batch of round trips. */
async function rewrite(
  fresh: { found: Found; data: SheetData }[],
  outcome: RefreshOutcome,
): Promise<void> {
  if (fresh.length === 0) return;
  await Excel.run(async (context) => {
    const targets = fresh.map((f) => {
      const sheet = context.workbook.worksheets.getItem(f.found.sheetId);
      const table = sheet.tables.getItemOrNullObject(f.found.query.table);
      return { ...f, sheet, table, range: null as Excel.Range | null };
    });
    for (const t of targets) t.table.load('isNullObject');
    await context.sync();
    for (const t of targets) {
      if (t.table.isNullObject) continue;
      t.range = t.table.getRange();
      t.range.load('rowIndex,columnIndex,rowCount,columnCount');
    }
    await context.sync();
    for (const t of targets) {
      const old = t.range;
      if (!old) {
        outcome.failed.push({
          sheet: t.found.sheet,
          message: 'its table is gone (deleted or converted to a range)',
        });
        continue;
      }
      const { rows, columns } = t.data;
      const block = t.sheet.getRangeByIndexes(old.rowIndex, old.columnIndex, rows, columns);
      // Resize first: rows written below a table are not part of it until it grows.
      t.table.resize(block);
      block.numberFormat = t.data.formats;
      block.values = t.data.values;
      // What the old table covered beyond the new one: rows below, then columns beside.
      if (old.rowCount > rows)
        t.sheet
          .getRangeByIndexes(
            old.rowIndex + rows,
            old.columnIndex,
            old.rowCount - rows,
            old.columnCount,
          )
          .clear(Excel.ClearApplyTo.all);
      if (old.columnCount > columns)
        t.sheet
          .getRangeByIndexes(
            old.rowIndex,
            old.columnIndex + columns,
            Math.min(rows, old.rowCount),
            old.columnCount - columns,
          )
          .clear(Excel.ClearApplyTo.all);
      outcome.refreshed.push({ sheet: t.found.sheet, rows: rows - 1 });
    }
    await context.sync();
  });
}

/**
 * Re-runs every remembered import. `describe` turns an error into what the user may read
 * (the host's redacted message: a raw error could quote a credential).
 */
export async function refreshImports(
  host: FunctionHost,
  describe: (e: unknown) => Promise<string>,
): Promise<RefreshOutcome> {
  const outcome: RefreshOutcome = { refreshed: [], failed: [] };
  const found = await findRemembered(outcome.failed);
  const settled = await Promise.allSettled(found.map((f) => fetchUsage(host, f.query)));
  const fresh: { found: Found; data: SheetData }[] = [];
  for (const [i, s] of settled.entries()) {
    const f = found[i];
    if (s.status === 'rejected') {
      outcome.failed.push({ sheet: f.sheet, message: await describe(s.reason) });
      continue;
    }
    const data = toSheetData(s.value);
    if (data.rows * data.columns > MAX_IMPORT_CELLS)
      outcome.failed.push({
        sheet: f.sheet,
        message: `${queryLabel(f.query)} is now more than ${MAX_IMPORT_CELLS.toLocaleString('en-GB')} cells, too many for one write`,
      });
    else fresh.push({ found: f, data });
  }
  await rewrite(fresh, outcome);
  return outcome;
}

/** One line for the status area. */
export function describeOutcome(o: RefreshOutcome): string {
  const n = (k: number) => `${k} import${k === 1 ? '' : 's'}`;
  if (o.refreshed.length === 0 && o.failed.length === 0)
    return 'No remembered imports to refresh: imports made with Import usage are remembered.';
  const parts: string[] = [];
  if (o.refreshed.length > 0)
    parts.push(
      `Refreshed ${n(o.refreshed.length)} (${o.refreshed.map((r) => `“${r.sheet}”: ${r.rows.toLocaleString('en-GB')} row${r.rows === 1 ? '' : 's'}`).join(', ')})`,
    );
  if (o.failed.length > 0)
    parts.push(
      `${n(o.failed.length)} left as ${o.failed.length === 1 ? 'it was' : 'they were'}: ${o.failed.map((f) => `“${f.sheet}”: ${f.message}`).join('; ')}`,
    );
  return parts.join('. ') + '.';
}
