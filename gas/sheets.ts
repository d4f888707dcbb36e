/// <reference types="google-apps-script" />
// Writing a function's table into a new sheet the way a careful person would by hand: a
// bold, frozen header; every value in ONE setValues call (one round trip, whatever the
// size); number formats set first, so text such as "00:30" or "2024-01" stays text.
import { energyAxisTitle, profileLabelSpacing } from '../shared/chart-text';
import type { Table } from '../shared/table';
import { TEXT_FORMAT, columnFormats, toSheetValues } from './values';

const MAX_SHEET_NAME = 100;

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

export function writeTableSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  baseName: string,
  table: Table,
): GoogleAppsScript.Spreadsheet.Sheet {
  const values = toSheetValues(table, ss.getSpreadsheetTimeZone());
  const rows = values.length;
  const cols = values[0].length;
  const sheet = ss.insertSheet(freeSheetName(ss, baseName));
  const formats = columnFormats(table);
  sheet.getRange(1, 1, 1, cols).setNumberFormat(TEXT_FORMAT).setFontWeight('bold');
  if (rows > 1) formats.forEach((f, c) => sheet.getRange(2, c + 1, rows - 1, 1).setNumberFormat(f));
  sheet.getRange(1, 1, rows, cols).setValues(values);
  sheet.setFrozenRows(1);
  return sheet;
}

/**
 * A line chart of a comparison sheet: Time across (a label every 3 hours), one line per
 * period, the value axis worded as the task pane's and Excel's are (energyAxisTitle).
 */
export function insertProfileChart(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  table: Table,
  title: string,
): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  const rows = table.length;
  const cols = table[0].length;
  const chart = sheet
    .newChart()
    .setChartType(Charts.ChartType.LINE)
    .addRange(sheet.getRange(1, 1, rows, cols))
    .setNumHeaders(1)
    .setOption('title', title)
    .setOption('hAxis', { title: 'Time of day', showTextEvery: profileLabelSpacing(table) })
    .setOption('vAxis', { title: energyAxisTitle(table) })
    .setOption('legend', { position: 'bottom' })
    .setPosition(2, cols + 2, 0, 0)
    .build();
  sheet.insertChart(chart);
  return chart;
}
