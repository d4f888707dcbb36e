/// <reference types="office-js" />
// Writes a result into the workbook: a new worksheet, the whole table as ONE range (values
// and number formats together), formatted as an Excel table with a frozen header, and
// optionally a native line chart beside it. An import also remembers its query on the
// sheet (remembered.ts), so Refresh can rewrite the table in place later.
import { type ImportQuery, REMEMBERED_KEY, encodeRemembered } from './remembered';
import { type SheetData, blockAddress, columnLetters } from './sheet-data';

export interface ChartRequest {
  title: string;
  valueAxisTitle: string;
  categoryAxisTitle: string;
  /** Show every n-th category label (and tick mark), so they fall on round times. */
  labelSpacing?: number;
  /**
   * Series (numbered from 0) drawn dashed against a right-hand value axis with this title
   * (the Compare overlay's grid intensity: shared/carbon/overlay.ts profileAxes).
   */
  secondary?: { series: number[]; title: string } | null;
}

/**
 * A chart of another kind than the line chart a ChartRequest makes (the tariff
 * comparison's bars): it adds its chart to the new sheet within the same run, so the
 * table and its chart arrive together.
 */
export type ChartDrawer = (sheet: Excel.Worksheet) => void;

export interface Written {
  sheet: string;
  address: string;
  chart: boolean;
  /** Whether the query was remembered for Refresh (needs ExcelApi 1.12). */
  remembered: boolean;
}

const FORBIDDEN = /[[\]:*?/\\]/g;
const MAX_SHEET_NAME = 31;

/** A valid worksheet name not yet taken: forbidden characters dropped, ≤ 31 characters. */
export function uniqueSheetName(wanted: string, taken: string[]): string {
  const base =
    wanted
      .replace(FORBIDDEN, '-')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Meter';
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '' : ` (${i})`;
    const name = base.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd() + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

const SECONDARY_AXIS_API = '1.8';

function hasSecondaryAxes(): boolean {
  return Office.context.requirements.isSetSupported('ExcelApi', SECONDARY_AXIS_API);
}

/** Series and a title on the secondary value axis (ExcelApi 1.8: ChartSeries.axisGroup). */
function onSecondaryAxis(c: Excel.Chart, secondary: { series: number[]; title: string }): void {
  for (const i of secondary.series) {
    const series = c.series.getItemAt(i);
    series.axisGroup = Excel.ChartAxisGroup.secondary;
    series.format.line.lineStyle = Excel.ChartLineStyle.dash;
  }
  c.axes.getItem(Excel.ChartAxisType.value, Excel.ChartAxisGroup.secondary).title.text =
    secondary.title;
}

export async function writeSheet(
  wantedName: string,
  data: SheetData,
  chart?: ChartRequest | ChartDrawer,
  remember?: { query: ImportQuery; supported: boolean },
): Promise<Written> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const name = uniqueSheetName(
      wantedName,
      sheets.items.map((s) => s.name),
    );
    const sheet = sheets.add(name);
    const keep = remember?.supported === true;
    let table: Excel.Table;
    try {
      table = await fillSheet(context, sheet, data, chart, keep);
    } catch (e) {
      // Nothing half-written: a sheet whose table or chart failed is taken back (Excel
      // applies a batch's operations up to the one that fails, and never rolls back).
      sheets.getItemOrNullObject(name).delete();
      await context.sync().catch(() => undefined);
      throw e;
    }
    if (keep) {
      // The table's id exists only once the table does: a second, small round trip.
      sheet.customProperties.add(
        REMEMBERED_KEY,
        encodeRemembered({ ...remember.query, table: table.id }),
      );
      await context.sync();
    }
    return {
      sheet: name,
      address: blockAddress(data.rows, data.columns),
      chart: !!chart,
      remembered: keep,
    };
  });
}

/** The table (its id loaded when `loadId`), the formats, the frozen header and the chart. */
async function fillSheet(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  data: SheetData,
  chart: ChartRequest | ChartDrawer | undefined,
  loadId: boolean,
): Promise<Excel.Table> {
  const range = sheet.getRangeByIndexes(0, 0, data.rows, data.columns);
  // Formats first, so text such as "2024-01" is stored as text, not parsed as a date.
  range.numberFormat = data.formats;
  range.values = data.values;
  const table = sheet.tables.add(range, true);
  table.style = 'TableStyleMedium2';
  range.format.autofitColumns();
  sheet.freezePanes.freezeRows(1);
  if (typeof chart === 'function') chart(sheet);
  else if (chart) {
    // Without a second axis (before ExcelApi 1.8) the overlay's columns, the last ones,
    // stay in the table but out of the chart: on the kWh axis they would flatten it.
    const secondary = chart.secondary && hasSecondaryAxes() ? chart.secondary : null;
    const charted =
      chart.secondary && !secondary ? data.columns - chart.secondary.series.length : data.columns;
    const source =
      charted === data.columns ? range : sheet.getRangeByIndexes(0, 0, data.rows, charted);
    const c = sheet.charts.add(Excel.ChartType.line, source, Excel.ChartSeriesBy.columns);
    c.title.text = chart.title;
    c.legend.position = Excel.ChartLegendPosition.bottom;
    c.axes.valueAxis.title.text = chart.valueAxisTitle;
    c.axes.categoryAxis.title.text = chart.categoryAxisTitle;
    if (chart.labelSpacing && chart.labelSpacing > 1) {
      c.axes.categoryAxis.tickLabelSpacing = chart.labelSpacing;
      c.axes.categoryAxis.tickMarkSpacing = chart.labelSpacing;
    }
    if (secondary) onSecondaryAxis(c, secondary);
    const left = columnLetters(data.columns + 1);
    const right = columnLetters(data.columns + 10);
    c.setPosition(`${left}2`, `${right}22`);
  }
  sheet.activate();
  if (loadId) table.load('id');
  await context.sync();
  return table;
}
