// A small line chart as inline SVG, for the browser preview (in Excel the chart is a
// native one). Gaps in the data stay gaps: a missing value breaks the line.
export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

export interface LineChart {
  title: string;
  /** One label per point, shared by every series. */
  categories: string[];
  series: ChartSeries[];
  yTitle: string;
  width?: number;
  height?: number;
}

export const PALETTE = ['#0f766e', '#d97706', '#2563eb', '#9333ea', '#dc2626', '#4b5563'];

function esc(text: string): string {
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

function label(n: number): string {
  return Number(n.toPrecision(3)).toString();
}

export function lineChartSvg(chart: LineChart): string {
  const width = chart.width ?? 340;
  const height = chart.height ?? 230;
  const m = { left: 46, right: 12, top: 30, bottom: 54 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const n = chart.categories.length;
  let max = 0;
  let min = 0;
  for (const s of chart.series)
    for (const v of s.values)
      if (v !== null && Number.isFinite(v)) {
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
  const top = niceScale(max);
  const bottom = min < 0 ? -niceScale(-min).max : 0;
  const step = top.step;
  const x = (i: number) => m.left + (n <= 1 ? w / 2 : (i / (n - 1)) * w);
  const y = (v: number) => m.top + h - ((v - bottom) / (top.max - bottom)) * h;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="chart-title chart-desc" class="chart">`,
    `<title id="chart-title">${esc(chart.title)}</title>`,
    `<desc id="chart-desc">${esc(`${chart.yTitle}; ${chart.series.map((s) => s.name).join(', ')}; ${n} points`)}</desc>`,
    `<text x="${width / 2}" y="16" text-anchor="middle" class="chart-title">${esc(chart.title)}</text>`,
  );
  for (let v = bottom; v <= top.max + 1e-9; v += step) {
    const yy = y(v).toFixed(1);
    parts.push(
      `<line x1="${m.left}" x2="${m.left + w}" y1="${yy}" y2="${yy}" class="grid"/>`,
      `<text x="${m.left - 6}" y="${yy}" dy="0.32em" text-anchor="end" class="tick">${label(v)}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(12 ${m.top + h / 2}) rotate(-90)" text-anchor="middle" class="axis-title">${esc(chart.yTitle)}</text>`,
  );
  const labels = Math.min(n, 6);
  for (let k = 0; k < labels; k++) {
    const i = labels <= 1 ? 0 : Math.round((k * (n - 1)) / (labels - 1));
    // The end labels hang inwards so they are not cut off at the chart's edges.
    const anchor =
      labels > 1 && k === 0 ? 'start' : labels > 1 && k === labels - 1 ? 'end' : 'middle';
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${m.top + h + 16}" text-anchor="${anchor}" class="tick">${esc(chart.categories[i])}</text>`,
    );
  }
  chart.series.forEach((s, si) => {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
      pen = true;
    });
    const color = PALETTE[si % PALETTE.length];
    parts.push(
      `<path d="${d}" fill="none" stroke="${color}" stroke-width="2" class="series"><title>${esc(s.name)}</title></path>`,
    );
  });
  let lx = m.left;
  chart.series.forEach((s, si) => {
    const color = PALETTE[si % PALETTE.length];
    const ly = height - 14;
    parts.push(
      `<rect x="${lx}" y="${ly - 8}" width="14" height="4" fill="${color}"/>`,
      `<text x="${lx + 18}" y="${ly - 4}" dy="0.32em" class="legend">${esc(s.name)}</text>`,
    );
    lx += 26 + s.name.length * 7;
  });
  parts.push('</svg>');
  return parts.join('');
}
