// Results in the page itself: the browser preview's stand-in for a worksheet and chart,
// also shown under the form in Excel as a quick look at what was written.
import { profileAxes } from '../../shared/carbon/overlay-axes';
import { rowMinutes } from '../../shared/chart-text';
import { type Cell, type Table, isDateCell, isDateTimeCell, isoLocal } from '../../shared/table';
import { formatDay } from '../../shared/time/civil';
import { h } from './dom';
import { type ChartSeries, lineChartSvg } from './svg-chart';

export const PREVIEW_ROWS = 200;

export function cellText(c: Cell): string {
  if (c === null) return '';
  if (isDateTimeCell(c)) return isoLocal(c).slice(0, 16).replace('T', ' ');
  if (isDateCell(c)) return formatDay(c.day);
  if (typeof c === 'number') return Number.isInteger(c) ? String(c) : c.toFixed(3);
  return String(c);
}

/** Which columns a chart of this table plots: kWh columns, else every numeric column but counts. */
export function chartSeries(table: Table): ChartSeries[] {
  const header = table[0].map(String);
  const rows = table.slice(1);
  const numeric = (i: number) => rows.some((r) => typeof r[i] === 'number');
  let columns = header.map((name, i) => ({ name, i })).filter(({ i }) => i > 0 && numeric(i));
  const kwh = columns.filter(({ name }) => name === 'kWh');
  if (kwh.length > 0) columns = kwh;
  else columns = columns.filter(({ name }) => !['Missing', 'Days'].includes(name));
  const secondary = new Set(profileAxes(table).secondary.map((s) => s + 1));
  return columns.map(({ name, i }) => ({
    name,
    values: rows.map((r) => (typeof r[i] === 'number' ? (r[i] as number) : null)),
    ...(secondary.has(i) ? { secondary: true } : {}),
  }));
}

export function renderResult(
  target: HTMLElement,
  title: string,
  table: Table,
  /** `svg`: a chart of its own (the tariffs' bars) in place of the line chart. */
  chart: { title: string; yTitle: string; y2Title?: string | null; svg?: (width: number) => string },
): void {
  const header = table[0];
  const rows = table.slice(1);
  const shown = rows.slice(0, PREVIEW_ROWS);
  const categories = rows.map((r) => cellText(r[0]).replace(/^\d{4}-/, ''));
  const figure = h('figure', { class: 'chart-figure' }, h('figcaption', {}, chart.title));
  const tableWrap = h('div', {
    class: 'table-wrap',
    tabindex: '0',
    role: 'region',
    'aria-label': `${title} table`,
  });
  target.replaceChildren(h('h2', {}, title), figure, tableWrap);
  target.hidden = false;
  // Drawn at the width the pane gives it, so the time axis labels only what fits.
  const width = figure.clientWidth || 340;
  const svg =
    chart.svg?.(width) ??
    lineChartSvg({
      title: chart.title,
      yTitle: chart.yTitle,
      y2Title: chart.y2Title,
      categories,
      times: rows.map((r) => rowMinutes(r[0])),
      series: chartSeries(table),
      width,
    });
  figure.insertAdjacentHTML('beforeend', svg); // escaped text only (lineChartSvg escapes every label)
  const numericCols = header.map((_, i) => rows.some((r) => typeof r[i] === 'number'));
  const tableEl = h(
    'table',
    {},
    h(
      'caption',
      {},
      rows.length > shown.length
        ? `First ${shown.length} of ${rows.length} rows`
        : `${rows.length} rows`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...header.map((c, i) =>
          h('th', { scope: 'col', class: numericCols[i] ? 'num' : undefined }, cellText(c)),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...shown.map((r) =>
        h(
          'tr',
          {},
          ...r.map((c, i) => h('td', { class: numericCols[i] ? 'num' : undefined }, cellText(c))),
        ),
      ),
    ),
  );
  tableWrap.append(tableEl);
}
