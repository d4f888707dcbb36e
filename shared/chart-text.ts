// The words on a chart of a usage or comparison table, the same in every host (the task
// pane's SVG preview, Excel's native chart, Sheets' embedded chart): an axis that says
// how much time each point covers, so an import and a comparison of the same meter read
// alike, and a title that names the meter that was read.
import { type Area, areaLabel } from './carbon/area';
import { type Table, isDateCell, isDateTimeCell, wallMs } from './table';
import { MS_PER_MINUTE, daysFromCivil } from './time/civil';

const CLOCK = /^(\d{2}):(\d{2})$/;
const MONTH = /^\d{4}-\d{2}$/;

/** The demo meter, which a blank meter and no default meter in Settings read. */
export const DEMO_METER_TITLE = 'Demo meter';

/**
 * A row's first cell as wall-clock minutes (since 1970-01-01 local; a clock time of an
 * average day as minutes into the day), or null when it is not a time.
 */
export function rowMinutes(cell: Table[number][number]): number | null {
  if (isDateTimeCell(cell)) return wallMs(cell) / MS_PER_MINUTE;
  if (isDateCell(cell)) return cell.day * 1440;
  if (typeof cell === 'string') {
    const m = CLOCK.exec(cell);
    if (m) return Number(m[1]) * 60 + Number(m[2]);
    if (MONTH.test(cell))
      return daysFromCivil(Number(cell.slice(0, 4)), Number(cell.slice(5)), 1) * 1440;
  }
  return null;
}

/** Whether the table is an average day (profile or comparison: a Time column of clock times). */
export function isDayProfile(table: Table): boolean {
  return (
    String(table[0]?.[0] ?? '') === 'Time' &&
    typeof table[1]?.[0] === 'string' &&
    CLOCK.test(table[1][0] as string)
  );
}

/** The commonest step between rows, in minutes; null when the rows are not times. */
export function rowStepMinutes(table: Table): number | null {
  if (table.length > 1 && typeof table[1][0] === 'string' && MONTH.test(table[1][0] as string))
    return 43_200; // months: about 30 days
  const counts = new Map<number, number>();
  for (let r = 2; r < Math.min(table.length, 200); r++) {
    const a = rowMinutes(table[r - 1][0]);
    const b = rowMinutes(table[r][0]);
    if (a === null || b === null || b <= a) continue;
    counts.set(b - a, (counts.get(b - a) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [step, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = step;
  return best;
}

function perStep(minutes: number | null): string {
  if (minutes === null) return '';
  if (minutes === 30) return ' per half-hour';
  if (minutes === 60) return ' per hour';
  if (minutes === 1440) return ' per day';
  if (minutes >= 10_000 && minutes <= 10_100) return ' per week';
  if (minutes >= 40_000 && minutes <= 45_000) return ' per month';
  if (minutes < 60) return ` per ${minutes} minutes`;
  if (minutes % 60 === 0 && minutes < 1440) return ` per ${minutes / 60} hours`;
  return '';
}

/**
 * The value axis of an energy chart: `kWh per half-hour` for half-hourly rows, whether
 * they are an import or an average day (a profile or comparison adds "average day").
 */
export function energyAxisTitle(table: Table): string {
  const base = `kWh${perStep(rowStepMinutes(table))}`;
  return isDayProfile(table) ? `${base} (average day)` : base;
}

/**
 * The meter a chart shows: the one chosen, else the default meter from Settings, else
 * the demo meter (what a blank meter reads). Never "Default meter".
 */
export function meterTitle(chosen: string | null | undefined, defaultMeter?: string): string {
  const pick = (chosen ?? '').trim() || (defaultMeter ?? '').trim();
  return pick === '' || pick === 'demo' ? DEMO_METER_TITLE : pick;
}

/**
 * How many category labels Excel or Sheets should skip between those they show on an
 * average day, so the labels fall on round times (every 3 hours).
 */
export function profileLabelSpacing(table: Table, everyMinutes = 180): number {
  const step = rowStepMinutes(table);
  if (!step || step >= everyMinutes) return 1;
  return Math.max(1, Math.round(everyMinutes / step));
}

/**
 * A comparison chart's title: the meter, the periods, and the grid area when its carbon
 * intensity is overlaid ("Demo meter: average day, 2024-01 vs 2024-07; grid intensity:
 * London (region 13)").
 */
export function compareChartTitle(meter: string, labels: string[], area: Area | null): string {
  const base = `${meter}: average day, ${labels.join(' vs ')}`;
  return area ? `${base}; grid intensity: ${areaLabel(area)}` : base;
}
