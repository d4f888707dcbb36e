// A horizontal bar chart as inline SVG: the browser preview's stand-in for Excel's native
// bar chart of a tariff comparison (one bar per tariff, its total at the end). A blank
// total (a tariff that could not price every interval) draws no bar and says so.
import { PALETTE, TICK_FONT_PX, esc, label, niceScale } from './svg-chart';
import { labelWidth } from './time-ticks';

export interface BarChart {
  title: string;
  valueTitle: string;
  bars: { name: string; value: number | null }[];
  width?: number;
}

const BAR = 18;
const GAP = 8;

export function barChartSvg(chart: BarChart): string {
  const width = Math.max(200, Math.round(chart.width ?? 340));
  const longest = Math.max(0, ...chart.bars.map((b) => labelWidth(b.name, TICK_FONT_PX)));
  const m = { left: Math.min(Math.round(width * 0.4), longest + 10), right: 44, top: 6 };
  const plot = width - m.left - m.right;
  const height = m.top + chart.bars.length * (BAR + GAP) + 34;
  const max = Math.max(0, ...chart.bars.map((b) => b.value ?? 0));
  const scale = niceScale(max);
  const x = (v: number) => m.left + (Math.max(0, v) / scale.max) * plot;
  const axisY = m.top + chart.bars.length * (BAR + GAP);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title chart-desc" class="chart">`,
    `<title id="chart-title">${esc(chart.title)}</title>`,
    `<desc id="chart-desc">${esc(`${chart.valueTitle}; ${chart.bars.length} tariffs`)}</desc>`,
  ];
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) {
    const xx = x(v).toFixed(1);
    parts.push(
      `<line x1="${xx}" x2="${xx}" y1="${m.top}" y2="${axisY}" class="grid"/>`,
      `<text x="${xx}" y="${axisY + 12}" text-anchor="middle" class="tick x-tick">${label(v)}</text>`,
    );
  }
  chart.bars.forEach((b, i) => {
    const y = m.top + i * (BAR + GAP) + GAP / 2;
    const mid = (y + BAR / 2).toFixed(1);
    parts.push(
      `<text x="${m.left - 6}" y="${mid}" dy="0.32em" text-anchor="end" class="tick y-tick">${esc(b.name)}</text>`,
    );
    if (b.value === null) {
      parts.push(
        `<text x="${m.left + 4}" y="${mid}" dy="0.32em" class="tick">not fully priced</text>`,
      );
      return;
    }
    const end = x(b.value);
    parts.push(
      `<rect x="${m.left}" y="${y}" width="${(end - m.left).toFixed(1)}" height="${BAR}" fill="${PALETTE[0]}" class="series"><title>${esc(`${b.name}: ${b.value.toFixed(2)}`)}</title></rect>`,
      `<text x="${(end + 4).toFixed(1)}" y="${mid}" dy="0.32em" class="tick value">${b.value.toFixed(2)}</text>`,
    );
  });
  parts.push(
    `<text x="${m.left + plot / 2}" y="${axisY + 28}" text-anchor="middle" class="axis-title">${esc(chart.valueTitle)}</text>`,
    '</svg>',
  );
  return parts.join('');
}
