// How big a table any host may ask for. Every host (Excel, the CLI, a Sheets import) builds
// the whole table in memory before showing it, so decades of half-hours are refused at
// once, saying what to ask for instead, rather than left to exhaust memory or time.
import type { Aggregate } from '../aggregate';
import { MeterError } from '../errors';

/** About 14 years of half-hours (1.5 million cells): the largest table any host returns. */
export const MAX_TABLE_ROWS = 250_000;

/** Rows a day of each aggregate makes; profiles are 48 rows whatever the range. */
export const ROWS_PER_DAY: Partial<Record<Aggregate, number>> = {
  none: 48, // half-hours, the rhythm of most smart-meter data
  hour: 24,
  day: 1,
  week: 1 / 7,
  month: 1 / 28,
};

/** Rows a usage table over `days` days would have, or null for a profile. */
export function usageRows(days: number, aggregate: Aggregate): number | null {
  const perDay = ROWS_PER_DAY[aggregate];
  return perDay === undefined ? null : Math.ceil(days * perDay);
}

/** Refuses a usage table larger than `max` rows, naming the size and what to ask instead. */
export function checkUsageRows(
  label: string,
  days: number,
  aggregate: Aggregate,
  max: number,
  instead: string,
): void {
  const rows = usageRows(days, aggregate);
  if (rows === null || rows <= max) return;
  throw new MeterError(
    'unsupported',
    `${label}: this range is about ${rows.toLocaleString('en-GB')} rows, more than ` +
      `${max.toLocaleString('en-GB')}; ${instead}`,
  );
}
