/// <reference types="office-js" />
// The task pane's Compare tariffs section: its starting values, the METER_TARIFF_COMPARE
// call its form makes, and the result's native chart (a clustered bar per tariff's total;
// by month, clustered columns, one series per tariff) and its in-page preview. Which cells
// the chart plots is shared with the Sheets dialog (shared/tariffs/compare-command.ts).
import type { Settings } from '../../shared/settings';
import type { Table } from '../../shared/table';
import {
  tariffFieldHint,
  compareRangeLabel,
  defaultCompareTariffs,
  tariffChartLayout,
  tariffSheetName,
} from '../../shared/tariffs/compare-command';
import { byId } from './dom';
import type { ChartDrawer } from './excel-writer';
import { columnLetters } from './sheet-data';
import { barChartSvg } from './svg-bars';
import { lineChartSvg } from './svg-chart';

export interface TariffQuery {
  start: string;
  end: string;
  /** As typed: one tariff a line or comma-separated (the core splits the list). */
  tariffs: string;
  aggregate: string;
  meter: string | null;
  zone: string | null;
}

function iso(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

/** The last twelve complete months: a year of seasons, as the Sheets dialog starts. */
export function lastTwelveMonths(today: Date): { start: string; end: string } {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth() + 1;
  return { start: iso(y - 1, m, 1), end: iso(y, m, 0) };
}

/** Fills the section's fields from the settings (the tariffs offered depend on them). */
export function fillTariffForm(settings: Settings, today: Date): void {
  const { start, end } = lastTwelveMonths(today);
  byId<HTMLInputElement>('tariffs-start').value = start;
  byId<HTMLInputElement>('tariffs-end').value = end;
  byId<HTMLTextAreaElement>('tariffs-list').value = defaultCompareTariffs(settings).join('\n');
  byId('tariffs-hint').textContent = tariffFieldHint('METER.TARIFFS');
}

/** METER_TARIFF_COMPARE's arguments: start, end, tariffs, aggregate, meter, timezone. */
export function tariffArgs(q: TariffQuery): unknown[] {
  return [q.start, q.end, q.tariffs, q.aggregate, q.meter, q.zone];
}

function number(c: Table[number][number]): number | null {
  return typeof c === 'number' ? c : null;
}

/** The sheet, heading and charts of a comparison's result. */
export function tariffOutput(table: Table, q: TariffQuery, meter: string) {
  const period = compareRangeLabel(q.start, q.end);
  const layout = tariffChartLayout(table, period, meter);
  const width = layout.lastValueColumn - layout.firstValueColumn + 1;
  const rows = table.slice(1);
  const draw: ChartDrawer = (sheet) => {
    const values = sheet.getRangeByIndexes(0, layout.firstValueColumn, layout.rows + 1, width);
    const bar = layout.kind === 'bar';
    const c = sheet.charts.add(
      bar ? Excel.ChartType.barClustered : Excel.ChartType.columnClustered,
      values,
      Excel.ChartSeriesBy.columns,
    );
    // The tariffs (or months) name the bars: a column of text apart from the numbers.
    const categories = sheet.getRangeByIndexes(1, layout.categoryColumn, layout.rows, 1);
    for (let i = 0; i < width; i++) c.series.getItemAt(i).setXAxisValues(categories);
    c.title.text = layout.title;
    c.axes.valueAxis.title.text = layout.valueAxisTitle;
    c.axes.categoryAxis.title.text = layout.categoryAxisTitle;
    // Bars are drawn bottom-up: reversed, the first tariff (the baseline) is on top.
    if (bar) c.axes.categoryAxis.reversePlotOrder = true;
    c.legend.visible = width > 1;
    c.legend.position = Excel.ChartLegendPosition.bottom;
    const columns = table[0].length;
    c.setPosition(`${columnLetters(columns + 1)}2`, `${columnLetters(columns + 8)}20`);
  };
  const preview = (w: number) =>
    layout.kind === 'bar'
      ? barChartSvg({
          title: layout.title,
          valueTitle: layout.valueAxisTitle,
          bars: rows.map((r) => ({
            name: String(r[layout.categoryColumn]),
            value: number(r[layout.firstValueColumn]),
          })),
          width: w,
        })
      : lineChartSvg({
          title: layout.title,
          yTitle: layout.valueAxisTitle,
          categories: rows.map((r) => String(r[layout.categoryColumn])),
          series: Array.from({ length: width }, (_, i) => {
            const col = layout.firstValueColumn + i;
            return { name: String(table[0][col]), values: rows.map((r) => number(r[col])) };
          }),
          width: w,
        });
  return {
    sheet: tariffSheetName(q.start, q.end, q.aggregate),
    heading: `Tariffs ${period}`,
    chart: { title: layout.title, yTitle: layout.valueAxisTitle, svg: preview },
    draw,
  };
}
