// The usage table with its cost: the rows METER_USAGE would show (the same buckets, the
// same Missing), each with the energy cost at the tariff, the standing charges of the
// local days that start in it, their sum, and how many intervals had no known rate.
import type { Span } from '../aggregate';
import { type Bucket, type IntervalAggregate, intervalBuckets } from '../aggregate/buckets';
import { coveredTotal } from '../aggregate/coverage';
import type { Series } from '../model';
import { type Cell, type DateTimeCell, type Table, dateTimeCell } from '../table';
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
  const intervals = series.intervals;
  // "none" makes at most a row per interval: made that long at once, not grown by copying.
  const rows: Table = how === 'none' ? new Array<Cell[]>(intervals.length + 1) : [];
  rows[0] = costHeader(currency);
  let n = 1;
  const costs = priced.cost;
  const standingCharges = priced.standing;
  let s = 0; // next standing charge
  let k = 0; // next interval
  let lastEnd: DateTimeCell | null = null;
  // The usage buckets, each interval costed from `costs` by index: no copy of the series.
  intervalBuckets(
    intervals,
    span,
    how,
    (b: Bucket) => {
      const to = b.end;
      let standing = 0;
      let standingKnown = true;
      for (; s < standingCharges.length && standingCharges[s].at < to; s++) {
        standing += standingCharges[s].amount;
        if (Number.isNaN(standingCharges[s].amount)) standingKnown = false;
      }
      let unpriced = 0;
      for (; k < intervals.length && intervals[k].start < to; k++) {
        const c = costs[k];
        if (c !== null && c !== undefined && Number.isNaN(c)) unpriced++;
      }
      const energy = known(coveredTotal(b.cost));
      const standingCell = standingKnown ? standing : null;
      // A row starts where the one before ends: one (read-only) cell serves both, which
      // spares a year of half-hours 17,568 allocations.
      const startCell =
        lastEnd !== null && lastEnd.utc === b.start && lastEnd.offset === b.startOffset
          ? lastEnd
          : dateTimeCell(b.start, b.startOffset);
      lastEnd = dateTimeCell(b.end, b.endOffset);
      rows[n++] = [
        startCell,
        lastEnd,
        b.hasKwh ? b.kwh : null,
        energy,
        standingCell,
        energy !== null && standingCell !== null ? energy + standingCell : null,
        unpriced,
        b.missing,
      ];
    },
    costs,
  );
  rows.length = n;
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
