// The usage table with its cost: the rows METER_USAGE would show (the same buckets, the
// same Missing), each with the energy cost at the tariff, the standing charges of the
// local days that start in it, their sum, and how many intervals had no known rate.
import { aggregate, type Span } from '../aggregate';
import type { IntervalAggregate } from '../aggregate/intervals';
import type { Interval, Series } from '../model';
import { type Cell, type Table, isDateTimeCell } from '../table';
import { withCurrency } from './model';
import type { Priced } from './price';

/**
 * NaN marks a cost that is not known in full (an interval priced at an unknown rate made
 * the bucket's sum NaN): shown blank. The row's cost rule ("blank unless every
 * kWh-counted interval has a cost") lives in shared/aggregate; this only reads it.
 */
function known(v: Cell): number | null {
  return typeof v === 'number' && !Number.isNaN(v) ? v : null;
}

export function costHeader(currency: string): string[] {
  return [
    'Start',
    'End',
    'kWh',
    withCurrency('Energy cost', currency),
    withCurrency('Standing charge', currency),
    withCurrency('Cost', currency),
    'Unpriced',
    'Missing',
  ];
}

export function costTable(
  series: Series,
  span: Span,
  how: IntervalAggregate,
  priced: Priced,
  currency: string,
): Table {
  const intervals: Interval[] = series.intervals.map((iv, i) => ({
    start: iv.start,
    end: iv.end,
    kwh: iv.kwh,
    cost: priced.cost[i],
  }));
  const base = aggregate({ intervals, carbon: false, cost: true }, span, how);
  const rows: Table = [costHeader(currency)];
  let s = 0; // next standing charge
  let k = 0; // next interval
  for (let r = 1; r < base.length; r++) {
    const [start, end, kwh, energyCell, missing] = base[r];
    const to = isDateTimeCell(end) ? end.utc : Infinity;
    let standing = 0;
    let standingKnown = true;
    for (; s < priced.standing.length && priced.standing[s].at < to; s++) {
      standing += priced.standing[s].amount;
      if (Number.isNaN(priced.standing[s].amount)) standingKnown = false;
    }
    let unpriced = 0;
    for (; k < intervals.length && intervals[k].start < to; k++) {
      const c = intervals[k].cost;
      if (c !== null && c !== undefined && Number.isNaN(c)) unpriced++;
    }
    const energy = known(energyCell);
    const standingCell = standingKnown ? standing : null;
    rows.push([
      start,
      end,
      kwh,
      energy,
      standingCell,
      energy !== null && standingCell !== null ? energy + standingCell : null,
      unpriced,
      missing,
    ]);
  }
  return rows;
}

export interface CostTotals {
  kwh: number;
  energy: number | null;
  standing: number | null;
  total: number | null;
  unpriced: number;
  missing: number;
}

/** Totals over a priced series: the figures METER_TARIFF_COMPARE shows per tariff. */
export function costTotals(series: Series, priced: Priced): CostTotals {
  let kwh = 0;
  let energy = 0;
  let unpriced = 0;
  let missing = 0;
  for (let i = 0; i < series.intervals.length; i++) {
    const q = series.intervals[i].kwh;
    const c = priced.cost[i];
    if (q === null || c === null) {
      missing++;
      continue;
    }
    kwh += q;
    if (Number.isNaN(c)) unpriced++;
    else energy += c;
  }
  let standing = 0;
  for (const d of priced.standing) standing += d.amount;
  const e = unpriced > 0 ? null : energy;
  const st = Number.isNaN(standing) ? null : standing;
  return {
    kwh,
    energy: e,
    standing: st,
    total: e !== null && st !== null ? e + st : null,
    unpriced,
    missing,
  };
}
