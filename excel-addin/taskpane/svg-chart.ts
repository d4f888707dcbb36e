// A small line chart as inline SVG, for the browser preview (in Excel the chart is a
// native one). Gaps in the data stay gaps: a missing value breaks the line. It is drawn
// at the width it is shown at (not scaled), so its text stays the stylesheet's size and
// the time axis can choose as many labels as really fit. The title is the figure's
// caption (HTML wraps a long title; SVG text would not).
import { labelBox, labelWidth, timeTicks } from './time-ticks';

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  /** Drawn dashed against the right-hand axis, with its own scale (the carbon overlay). */
  secondary?: boolean;
}

export interface LineChart {
  title: string;
  /** One label per point, shared by every series. */
  categories: string[];
  series: ChartSeries[];
  yTitle: string;
  /** The right-hand axis' title, when some series are secondary. */
  y2Title?: string | null;
  /** Wall-clock minutes of each point (null: not a time), for ticks at round times. */
  times?: (number | null)[];
  /** The width it is drawn at, px (text keeps the stylesheet's size). */
  width?: number;
  height?: number;
}

export const PALETTE = ['#0f766e', '#d97706', '#2563eb', '#9333ea', '#dc2626', '#4b5563'];

export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A "nice" axis maximum and step (1, 2 or 5 × 10ⁿ) with about `ticks` steps. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) as number;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

export function label(n: number): string {
  return Number(n.toPrecision(3)).toString();
}

/** Font sizes the stylesheet gives the chart's text (taskpane.css `.chart .tick`, `.legend`). */
export const TICK_FONT_PX = 10;
const LEGEND_ROW = 16;

/** The legend's items, wrapped into rows that fit the width. */
function legendRows(names: string[], width: number, left: number): { x: number; row: number }[] {
  const out: { x: number; row: number }[] = [];
  let x = left;
  let row = 0;
  for (const name of names) {
    const w = 18 + labelWidth(name, TICK_FONT_PX) + 10;
    if (x > left && x + w > width - 4) {
      x = left;
      row++;
    }
    out.push({ x, row });
    x += w;
  }
  return out;
}

const DASH = '6 4';

/** The smallest and largest finite value of the series (0 included). */
function range(series: ChartSeries[]): { min: number; max: number } {
  let max = 0;
  let min = 0;
  for (const s of series)
    for (const v of s.values)
      if (v !== null && Number.isFinite(v)) {
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
  return { min, max };
}

function seriesColors(series: ChartSeries[]): string[] {
  let primary = 0;
  let secondary = 0;
  return series.map((s) => PALETTE[(s.secondary ? secondary++ : primary++) % PALETTE.length]);
}

export function lineChartSvg(chart: LineChart): string {
  const width = Math.max(200, Math.round(chart.width ?? 340));
  const twoAxes = chart.series.some((s) => s.secondary);
  const m = { left: 46, right: twoAxes ? 46 : 14, top: 10, bottom: 30 };
  const legend = legendRows(
    chart.series.map((s) => s.name),
    width,
    m.left,
  );
  const legendHeight =
    (legend.length ? (legend.at(-1) as { row: number }).row + 1 : 0) * LEGEND_ROW;
  const plotHeight = Math.max(120, Math.round((chart.height ?? 200) - m.top - m.bottom));
  const height = m.top + plotHeight + m.bottom + legendHeight;
  const w = width - m.left - m.right;
  const h = plotHeight;
  const n = chart.categories.length;
  const primary = range(chart.series.filter((s) => !s.secondary));
  const top = niceScale(primary.max);
  const bottom = primary.min < 0 ? -niceScale(-primary.min).max : 0;
  const step = top.step;
  // The right-hand scale has as many steps as the left, so its ticks sit on the grid lines.
  const steps = Math.max(1, Math.round((top.max - bottom) / step));
  const step2 = niceScale(range(chart.series.filter((s) => s.secondary)).max, steps).step;
  const top2 = step2 * steps;
  const x = (i: number) => m.left + (n <= 1 ? w / 2 : (i / (n - 1)) * w);
  const y = (v: number) => m.top + h - ((v - bottom) / (top.max - bottom)) * h;
  const y2 = (v: number) => m.top + h - (v / top2) * h;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title chart-desc" class="chart">`,
    `<title id="chart-title">${esc(chart.title)}</title>`,
    `<desc id="chart-desc">${esc(`${chart.yTitle}${twoAxes && chart.y2Title ? ` (right: ${chart.y2Title})` : ''}; ${chart.series.map((s) => s.name).join(', ')}; ${n} points`)}</desc>`,
  );
  for (let v = bottom; v <= top.max + 1e-9; v += step) {
    const yy = y(v).toFixed(1);
    parts.push(
      `<line x1="${m.left}" x2="${m.left + w}" y1="${yy}" y2="${yy}" class="grid"/>`,
      `<text x="${m.left - 6}" y="${yy}" dy="0.32em" text-anchor="end" class="tick y-tick">${label(v)}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(12 ${m.top + h / 2}) rotate(-90)" text-anchor="middle" class="axis-title">${esc(chart.yTitle)}</text>`,
  );
  if (twoAxes) {
    for (let k = 0; k <= steps; k++)
      parts.push(
        `<text x="${m.left + w + 6}" y="${y2(k * step2).toFixed(1)}" dy="0.32em" text-anchor="start" class="tick y2-tick">${label(k * step2)}</text>`,
      );
    parts.push(
      `<text transform="translate(${width - 8} ${m.top + h / 2}) rotate(90)" text-anchor="middle" class="axis-title y2-title">${esc(chart.y2Title ?? '')}</text>`,
    );
  }
  // Labels may reach into the margins, never past the chart's edges.
  const bounds = { left: 4, right: width - 4 };
  const ticks = timeTicks(
    chart.times ?? chart.categories.map(() => null),
    chart.categories,
    x,
    TICK_FONT_PX,
    bounds,
  );
  for (const t of ticks) {
    const box = labelBox(t, x, TICK_FONT_PX, bounds);
    const xx = x(t.index).toFixed(1);
    parts.push(
      `<line x1="${xx}" x2="${xx}" y1="${m.top + h}" y2="${m.top + h + 4}" class="axis-mark"/>`,
      // Centred on its point unless pulled inside at an end (box.left is then clamped).
      `<text x="${((box.left + box.right) / 2).toFixed(1)}" y="${m.top + h + 16}" text-anchor="middle" class="tick x-tick">${esc(t.label)}</text>`,
    );
  }
  // A period's intensity takes its period's colour (the nth secondary series the nth
  // primary's), dashed, so the pair reads together.
  const colors = seriesColors(chart.series);
  chart.series.forEach((s, si) => {
    const at = s.secondary ? y2 : y;
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${at(v).toFixed(1)}`;
      pen = true;
    });
    const dash = s.secondary ? ` stroke-dasharray="${DASH}"` : '';
    parts.push(
      `<path d="${d}" fill="none" stroke="${colors[si]}" stroke-width="2"${dash} class="series${s.secondary ? ' secondary' : ''}"><title>${esc(s.name)}</title></path>`,
    );
  });
  chart.series.forEach((s, si) => {
    const { x: lx, row } = legend[si];
    const ly = m.top + h + m.bottom + row * LEGEND_ROW + 6;
    const dash = s.secondary ? ` stroke-dasharray="4 2"` : '';
    parts.push(
      `<line x1="${lx}" x2="${lx + 14}" y1="${ly}" y2="${ly}" stroke="${colors[si]}" stroke-width="4"${dash}/>`,
      `<text x="${lx + 18}" y="${ly}" dy="0.32em" class="legend">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
