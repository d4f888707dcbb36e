/// <reference types="google-apps-script" />
// Writing a function's table into a new sheet the way a careful person would by hand: a
// bold, frozen header; number formats set first, so text such as "00:30" or "2024-01"
// stays text; the sheet's grid fitted to the table (Google's default 1,000 × 26 would
// count against the spreadsheet's 10 million cells, and a range past the grid is
// refused). Within a time budget: values go in a few large setValues calls, the time is
// checked between them, and a write that cannot finish in time is undone, so a run
// ends with the whole table written or a clear message, never half a sheet.
import { energyAxisTitle, profileLabelSpacing } from '../shared/chart-text';
import { profileAxes } from '../shared/carbon/overlay-axes';
import type { Table } from '../shared/table';
import { TEXT_FORMAT, columnFormats, toSheetValues } from './values';

const MAX_SHEET_NAME = 100;
/** Cells per setValues: few round trips, and a time check between them. */
export const WRITE_CHUNK_CELLS = 60_000;
/** What converting and writing a cell is assumed to take until a chunk has been timed, ms. */
export const WRITE_MS_PER_CELL = 0.05;

export interface WriteBudget {
  now: () => number;
  /** When the write must be done by (the run is stopped soon after). */
  endBy: number;
  /** The error to end with when the table cannot be written in time. */
  tooSlow: (rows: number) => Error;
}

/** `base`, or `base (2)`, `base (3)`… whichever no sheet has yet. */
export function freeSheetName(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, base: string): string {
  const clean =
    base
      .replace(/[[\]*?/\\:]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Meter';
  const stem = clean.slice(0, MAX_SHEET_NAME - 6);
  if (!ss.getSheetByName(stem)) return stem;
  for (let i = 2; ; i++) {
    const name = `${stem} (${i})`;
    if (!ss.getSheetByName(name)) return name;
  }
}

/** Grows the grid to `rows` and, when `trim`, cuts it to exactly the table's rows and columns. */
function fitGrid(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  rows: number,
  cols: number,
  trim: boolean,
): void {
  const maxCols = sheet.getMaxColumns();
  if (trim && maxCols > cols) sheet.deleteColumns(cols + 1, maxCols - cols);
  else if (maxCols < cols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
  // At least two rows stay: the frozen header cannot be the only one.
  const want = Math.max(rows, 2);
  const maxRows = sheet.getMaxRows();
  if (maxRows < want) sheet.insertRowsAfter(maxRows, want - maxRows);
  else if (trim && maxRows > want) sheet.deleteRows(want + 1, maxRows - want);
}

export function writeTableSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  baseName: string,
  table: Table,
  options: { trim?: boolean; budget?: WriteBudget } = {},
): GoogleAppsScript.Spreadsheet.Sheet {
  const { budget } = options;
  const values = toSheetValues(table, ss.getSpreadsheetTimeZone());
  const rows = values.length;
  const cols = values[0].length;
  const perChunk = Math.max(1, Math.floor(WRITE_CHUNK_CELLS / cols));
  // Checked after converting (which takes its share of the time), before any sheet exists.
  let msPerCell = WRITE_MS_PER_CELL;
  const fits = (cellsLeft: number) =>
    !budget || budget.now() + cellsLeft * msPerCell <= budget.endBy;
  if (!fits(rows * cols)) throw budget!.tooSlow(rows - 1);
  const sheet = ss.insertSheet(freeSheetName(ss, baseName));
  try {
    fitGrid(sheet, rows, cols, options.trim === true);
    const formats = columnFormats(table);
    sheet.getRange(1, 1, 1, cols).setNumberFormat(TEXT_FORMAT).setFontWeight('bold');
    if (rows > 1)
      formats.forEach((f, c) => sheet.getRange(2, c + 1, rows - 1, 1).setNumberFormat(f));
    const writingFrom = budget?.now() ?? 0;
    for (let row = 0; row < rows; row += perChunk) {
      if (budget && row > 0) {
        // The pace so far (at least the assumed one), for the rows still to write.
        msPerCell = Math.max(WRITE_MS_PER_CELL, (budget.now() - writingFrom) / (row * cols));
        if (!fits((rows - row) * cols)) throw budget.tooSlow(rows - 1);
      }
      const n = Math.min(perChunk, rows - row);
      sheet.getRange(row + 1, 1, n, cols).setValues(values.slice(row, row + n));
    }
    sheet.setFrozenRows(1);
    return sheet;
  } catch (e) {
    // Never half a table: the sheet goes, the error stays.
    try {
      ss.deleteSheet(sheet);
    } catch {
      // the run is ending anyway; the message says what happened
    }
    throw e;
  }
}

/**
 * A line chart of a comparison sheet: Time across (a label every 3 hours), one line per
 * period, the value axis worded as the task pane's and Excel's are (energyAxisTitle).
 * Overlaid grid intensity (profileAxes) goes on a second, right-hand axis, dashed.
 */
export function insertProfileChart(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  table: Table,
  title: string,
): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  const rows = table.length;
  const cols = table[0].length;
  const axes = profileAxes(table);
  let builder = sheet
    .newChart()
    .setChartType(Charts.ChartType.LINE)
    .addRange(sheet.getRange(1, 1, rows, cols))
    .setNumHeaders(1)
    .setOption('title', title)
    .setOption('hAxis', { title: 'Time of day', showTextEvery: profileLabelSpacing(table) })
    .setOption('vAxis', { title: energyAxisTitle(table) })
    .setOption('legend', { position: 'bottom' });
  if (axes.secondaryTitle) {
    const series: Record<number, object> = {};
    for (const s of axes.secondary) series[s] = { targetAxisIndex: 1, lineDashStyle: [6, 4] };
    builder = builder.setOption('series', series).setOption('vAxes', {
      0: { title: energyAxisTitle(table) },
      1: { title: axes.secondaryTitle },
    });
  }
  const chart = builder.setPosition(2, cols + 2, 0, 0).build();
  sheet.insertChart(chart);
  return chart;
}
