// The "Compare tariffs" command as both hosts show it (the Sheets dialog and the Excel task
// pane): which tariffs the form starts with, what the result sheet is called, and which
// cells of METER_TARIFF_COMPARE's table the chart of cost per tariff plots. Kept here so
// the two hosts read the table the same way and neither copies the other.
import type { Settings } from '../settings';
import type { Table } from '../table';
import { daysFromCivil, daysInMonth, formatMonth, parseDay } from '../time/civil';

/** The demo tariffs that price an electricity import meter (demo-export and demo-gas do not). */
export const DEMO_COMPARE_TARIFFS = ['demo-flat', 'demo-two-rate', 'demo-tou', 'demo-dynamic'];

/**
 * Where the names of the tariffs a comparison can use are found, for the form's hint.
 * `lister`: METER_TARIFFS as the host spells it (METER.TARIFFS in Excel).
 */
export function tariffFieldHint(lister: string): string {
  return (
    'One tariff a line or comma-separated: demo tariffs (demo-flat, demo-two-rate, demo-tou, ' +
    'demo-dynamic), a tariff saved in Settings, an inline tariff like "0.245 + 0.60/day", or an ' +
    `Octopus product or tariff code such as AGILE-24-10-01 (=${lister}("agile") lists them).`
  );
}

/**
 * The tariffs the form starts with: the default and saved tariffs from Settings, and the
 * demo tariffs while the default meter is the demo one (they only make sense against it).
 */
export function defaultCompareTariffs(settings: Settings): string[] {
  const out: string[] = [];
  const add = (name: string | undefined) => {
    const n = name?.trim();
    if (n && !out.some((o) => o.toLowerCase() === n.toLowerCase())) out.push(n);
  };
  add(settings.tariffs?.default);
  Object.keys(settings.tariffs?.saved ?? {}).forEach(add);
  const meter = settings.defaultMeter?.trim() ?? '';
  if (meter === '' || /^demo(:|$)/i.test(meter)) DEMO_COMPARE_TARIFFS.forEach(add);
  return out;
}

/** `2024-01` for a whole month, `2024-01..2024-12` for whole months, else the days. */
export function compareRangeLabel(start: string, end: string): string {
  const first = parseDay(start);
  const last = parseDay(end);
  if (first === null || last === null) return end && end !== start ? `${start}..${end}` : start;
  const startsMonth = start.endsWith('-01');
  const [y, m] = end.split('-').map(Number);
  const endsMonth = last === daysFromCivil(y, m, daysInMonth(y, m));
  if (startsMonth && endsMonth) {
    const a = formatMonth(first);
    const b = formatMonth(last);
    return a === b ? a : `${a}..${b}`;
  }
  return first === last ? start : `${start}..${end}`;
}

/** The result sheet's name: short enough for Excel's 31 characters. */
export function tariffSheetName(start: string, end: string, aggregate: string): string {
  const monthly = aggregate.trim().toLowerCase() === 'month';
  return `${monthly ? 'Tariff months' : 'Tariffs'} ${compareRangeLabel(start, end)}`;
}

/**
 * The chart of a comparison table. All columns are 0-based, rows count the data rows
 * below the header; the value columns are next to each other, each one series named by
 * its header, plotted against the labels in the category column.
 */
export interface TariffChartLayout {
  /** bar: one horizontal bar per tariff (total); column: months across, a bar per tariff. */
  kind: 'bar' | 'column';
  categoryColumn: number;
  firstValueColumn: number;
  lastValueColumn: number;
  rows: number;
  title: string;
  categoryAxisTitle: string;
  valueAxisTitle: string;
}

const CURRENCY = /\(([A-Za-z]{3})\)$/;

/**
 * Which cells of a METER_TARIFF_COMPARE table the chart plots: the Total column against
 * the tariffs, or (by month) every tariff's column against the months.
 */
/** `meter`: the meter's name as charts title it (chart-text's meterTitle). */
export function tariffChartLayout(table: Table, period: string, meter: string): TariffChartLayout {
  const header = table[0].map((c) => String(c ?? ''));
  const rows = table.length - 1;
  if (header[0] === 'Tariff') {
    const total = header.findIndex((h) => /^Total\b/.test(h));
    if (total < 0) throw new Error('a tariff comparison without a Total column');
    const currency = CURRENCY.exec(header[total])?.[1];
    return {
      kind: 'bar',
      categoryColumn: 0,
      firstValueColumn: total,
      lastValueColumn: total,
      rows,
      title: `${meter}: total cost per tariff, ${period}`,
      categoryAxisTitle: 'Tariff',
      valueAxisTitle: currency ? `Total cost (${currency})` : 'Total cost',
    };
  }
  // By month: Month, kWh, one total per tariff, Unpriced, Missing.
  const first = header.indexOf('kWh') + 1;
  const last = header.indexOf('Unpriced') - 1;
  if (header[0] !== 'Month' || first < 1 || last < first)
    throw new Error('not a tariff comparison table');
  const currency = CURRENCY.exec(header[first])?.[1];
  return {
    kind: 'column',
    categoryColumn: 0,
    firstValueColumn: first,
    lastValueColumn: last,
    rows,
    title: `${meter}: cost per tariff by month, ${period}`,
    categoryAxisTitle: 'Month',
    valueAxisTitle: currency ? `Cost (${currency})` : 'Cost',
  };
}
