// Cost and carbon ride on a row's energy. A row shows one only when it covers ALL of that
// energy: if any interval counted in the row's kWh came without a cost (carbon), the row's
// figure is blank, never the total of the part that had one. Example: a day with three
// smart-charging half-hours that the supplier did not price must not show the other 45
// half-hours' cost as the day's cost (with Missing 0, it would read as complete).
// Every aggregate and every provider goes through this one rule.

/** A figure (cost or carbon) summed over the intervals counted in one row's kWh. */
export interface Coverage {
  sum: number;
  /** Pieces of intervals counted in kWh. */
  counted: number;
  /** Of those, the pieces that had no figure. */
  uncovered: number;
}

export function emptyCoverage(): Coverage {
  return { sum: 0, counted: 0, uncovered: 0 };
}

export function resetCoverage(c: Coverage): void {
  c.sum = 0;
  c.counted = 0;
  c.uncovered = 0;
}

/**
 * Adds one piece of an interval that IS counted in the row's kWh: `value` is the whole
 * interval's figure (null/undefined when it has none), `share` the piece's fraction of it.
 */
export function addCovered(c: Coverage, value: number | null | undefined, share: number): void {
  c.counted++;
  if (value === null || value === undefined || !Number.isFinite(value)) c.uncovered++;
  else c.sum += value * share;
}

/** The row's figure: the sum when every counted piece had one, else blank (null). */
export function coveredTotal(c: Coverage): number | null {
  return c.counted > 0 && c.uncovered === 0 ? c.sum : null;
}
