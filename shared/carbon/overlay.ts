// "When is my usage dirty?": the Compare dialog/pane puts the grid's average-day intensity
// beside the average-day energy profiles, slot by slot, for a chart with a second axis.
// The dialogs call METER_CARBON(period, , "profile", area) for each compared period (all
// in one batch with the profiles: shared/functions/compare-overlay.ts) and hand the
// tables here. Which columns go on which axis: overlay-axes.ts, once for every host.
import type { Cell, Table } from '../table';
import { INTENSITY_COLUMN } from './aggregate';
import { INTENSITY_SUFFIX } from './overlay-axes';

/**
 * The compare table (Time, then one kWh column per period) with one intensity column per
 * intensity profile appended, headed `<label> gCO2/kWh`. Slots are matched by their Time
 * label, so a table missing a slot leaves that cell blank rather than shifting the rest.
 * A profile with no table (its intensity could not be had) gives a blank column.
 */
export function overlayIntensity(
  compare: Table,
  profiles: { label: string; table: Table | null }[],
): Table {
  const columns = profiles.map(({ table }) => {
    const bySlot = new Map<Cell, Cell>();
    const at = table ? table[0].indexOf(INTENSITY_COLUMN) : -1;
    if (table && at >= 0) for (const row of table.slice(1)) bySlot.set(row[0], row[at]);
    return bySlot;
  });
  return compare.map((row, i) =>
    i === 0
      ? [...row, ...profiles.map((p) => `${p.label}${INTENSITY_SUFFIX}`)]
      : [...row, ...columns.map((c) => c.get(row[0]) ?? null)],
  );
}
