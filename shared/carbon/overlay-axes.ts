// Which columns of a comparison are the grid's intensity, and so go on a chart's second
// axis: decided here once for Sheets, Excel and the pane's preview. No imports, so the
// task pane can use it without bundling the core.
import type { Cell, Table } from '../table';

/** How an intensity column's header ends: `2024-01 gCO2/kWh`. */
export const INTENSITY_SUFFIX = ' gCO2/kWh';

/** The right-hand axis of a profile chart with the overlay. */
export const INTENSITY_AXIS_TITLE = 'Grid carbon intensity, gCO2/kWh';

export function isIntensityHeader(header: Cell): boolean {
  return typeof header === 'string' && header.endsWith(INTENSITY_SUFFIX);
}

/** How a profile chart is drawn: which series go on the right-hand axis, and its title. */
export interface ProfileAxes {
  /**
   * Series by number from 0 (the table's columns after Time, as Sheets and Excel number a
   * chart's series) drawn against the secondary axis: the intensity columns.
   */
  secondary: number[];
  /** The right-hand axis' title, or null when nothing goes there. */
  secondaryTitle: string | null;
}

export function profileAxes(table: Table): ProfileAxes {
  const secondary = table[0]
    .map((h, col) => (col > 0 && isIntensityHeader(h) ? col - 1 : -1))
    .filter((s) => s >= 0);
  return { secondary, secondaryTitle: secondary.length > 0 ? INTENSITY_AXIS_TITLE : null };
}
