/// <reference types="google-apps-script" />
// Meter ▸ Compare tariffs…: the dialog, and its server function, which prices the meter's
// usage on each tariff through METER_TARIFF_COMPARE's own code (the function table's
// runner), writes the table to a new sheet and adds a bar chart of the cost per tariff.
// A write that cannot finish in time, or a chart that cannot be added, leaves no sheet.
import { meterTitle } from '../shared/chart-text';
import { runSync } from '../shared/flow';
import { runFunction } from '../shared/functions/run';
import type { Table } from '../shared/table';
import {
  tariffFieldHint,
  type TariffChartLayout,
  compareRangeLabel,
  defaultCompareTariffs,
  tariffChartLayout,
  tariffSheetName,
} from '../shared/tariffs/compare-command';
import { daysFromCivil, formatDay, parseDay, civilFromDays } from '../shared/time/civil';
import { guarded, startRun } from './commands';
import { now } from './host';
import { MENU_TITLE, dialogDefaults, page, storedForDialog } from './menu';
import { checkNonce, issueNonce } from './panel-keys';
import type { Stored } from './settings-store';
import { writeTableSheet } from './sheets';

/** The dialog's size: its fields, the tariff hint and the buttons without scrolling. */
export const TARIFFS_DIALOG = { width: 460, height: 600 };

/** The dialog starts on the last twelve complete months: a year of seasons and tariffs. */
export function showCompareTariffs(): void {
  const stored = storedForDialog();
  const base = dialogDefaults(stored, now());
  const lastMonth = civilFromDays(parseDay(base.end) ?? 0);
  const months = lastMonth.year * 12 + lastMonth.month - 1 - 11;
  const defaults = {
    meter: base.meter,
    timezone: base.timezone,
    start: formatDay(daysFromCivil(Math.floor(months / 12), (months % 12) + 1, 1)),
    end: base.end,
    tariffs: defaultCompareTariffs(stored?.settings ?? { providers: {} }),
    tariffHint: tariffFieldHint('METER_TARIFFS'),
  };
  const out = page('CompareTariffs', { nonce: issueNonce(), defaults });
  SpreadsheetApp.getUi().showModalDialog(
    out.setWidth(TARIFFS_DIALOG.width).setHeight(TARIFFS_DIALOG.height),
    'Compare tariffs',
  );
}

export interface TariffCompareForm {
  meter?: unknown;
  start?: unknown;
  end?: unknown;
  tariffs?: unknown;
  aggregate?: unknown;
  timezone?: unknown;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** A bar chart of the Total column against the tariffs (by month: a column per tariff). */
function insertTariffChart(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  table: Table,
  period: string,
  meter: string,
): TariffChartLayout {
  const layout = tariffChartLayout(table, period, meter);
  const height = layout.rows + 1; // with the header, which names each series
  const width = layout.lastValueColumn - layout.firstValueColumn + 1;
  const chart = sheet
    .newChart()
    .setChartType(layout.kind === 'bar' ? Charts.ChartType.BAR : Charts.ChartType.COLUMN)
    .addRange(sheet.getRange(1, layout.categoryColumn + 1, height, 1))
    .addRange(sheet.getRange(1, layout.firstValueColumn + 1, height, width))
    .setNumHeaders(1)
    .setOption('title', layout.title)
    .setOption('hAxis', {
      title: layout.kind === 'bar' ? layout.valueAxisTitle : layout.categoryAxisTitle,
    })
    .setOption('vAxis', {
      title: layout.kind === 'bar' ? layout.categoryAxisTitle : layout.valueAxisTitle,
    })
    .setOption('legend', { position: layout.kind === 'bar' ? 'none' : 'bottom' })
    .setPosition(2, table[0].length + 2, 0, 0)
    .build();
  sheet.insertChart(chart);
  return layout;
}

export function compareTariffs(
  nonce: unknown,
  form: TariffCompareForm,
): { sheet: string; tariffs: number } {
  let stored: Stored | null = null;
  return guarded(
    () => {
      checkNonce(nonce);
      const f = form ?? {};
      const [meter, start, end, tariffs, aggregate, timezone] = [
        f.meter,
        f.start,
        f.end,
        f.tariffs,
        f.aggregate,
        f.timezone,
      ].map(text);
      const run = startRun('The tariff comparison', 'Pricing the usage on each tariff…');
      stored = run.stored;
      try {
        run.ss.toast('Pricing the usage on each tariff…', MENU_TITLE, 30);
        // METER_TARIFF_COMPARE(start, end, tariffs, aggregate, meter, timezone)
        const table = runSync(
          runFunction('TARIFF_COMPARE', [start, end, tariffs, aggregate, meter, timezone], run.env),
          run.io,
        );
        const period = compareRangeLabel(start, end);
        const sheet = writeTableSheet(run.ss, tariffSheetName(start, end, aggregate), table, {
          budget: run.budget,
        });
        let layout: TariffChartLayout;
        try {
          const title = meterTitle(meter, run.env.settings.defaultMeter);
          layout = insertTariffChart(sheet, table, period, title);
        } catch (e) {
          run.ss.deleteSheet(sheet); // the table without its chart is not what was asked for
          throw e;
        }
        const count =
          layout.kind === 'bar'
            ? layout.rows
            : layout.lastValueColumn - layout.firstValueColumn + 1;
        run.ss.toast(`Compared ${count} tariffs in "${sheet.getName()}".`, MENU_TITLE, 5);
        return { sheet: sheet.getName(), tariffs: count };
      } finally {
        run.io.release();
      }
    },
    () => stored,
  );
}
