// A log is a usage table that grows by itself: each run appends the days not yet in it and
// fetches the last few again, because smart-meter data arrives a day or two late and gaps
// fill in afterwards. Which days a run asks for is decided here, from what the log holds,
// the same way for the Sheets trigger, the Excel refresh and `meter-sheets log`.
import type { CivilDay } from '../time/civil';

/** What a log holds, summarised by local day. */
export interface LogState {
  /** The first and last local days with a row, or null for an empty log. */
  firstDay: CivilDay | null;
  lastDay: CivilDay | null;
  /** Days with a row whose data is incomplete (Missing > 0, or no kWh). */
  incompleteDays: CivilDay[];
}

export interface LogPolicy {
  /** Today in the log's zone: the last day fetched is yesterday, the last complete one. */
  today: CivilDay;
  /** How many of the log's last days are fetched again on every run. */
  recheckDays: number;
  /** The first day of a new log. */
  since: CivilDay;
}

/** Days (inclusive) a run fetches; everything from `first` on is rewritten. */
export interface LogRunPlan {
  first: CivilDay;
  last: CivilDay;
}

/** An incomplete day older than this is left as it is: its data is not coming. */
export const MAX_LOOKBACK_DAYS = 31;
export const DEFAULT_RECHECK_DAYS = 3;
export const MAX_RECHECK_DAYS = MAX_LOOKBACK_DAYS;

/** The days to fetch, or null when the log is up to date (ran already today, no recheck). */
export function planLogRun(state: LogState, policy: LogPolicy): LogRunPlan | null {
  const last = policy.today - 1;
  let first: CivilDay;
  if (state.lastDay === null || state.firstDay === null) first = policy.since;
  else {
    first = Math.min(state.lastDay + 1, state.lastDay - policy.recheckDays + 1);
    for (const day of state.incompleteDays)
      if (day >= last - MAX_LOOKBACK_DAYS && day < first) first = day;
    first = Math.max(first, state.firstDay); // never grow the log backwards
  }
  return first > last ? null : { first, last };
}

/**
 * The log after a run: its rows before `from` (UTC ms, the first fetched day's midnight)
 * as they were, then the fresh rows. Rows are kept sorted by start; none is duplicated or
 * lost, whatever order the log was in.
 */
export function spliceLog<T>(
  rows: T[],
  startOf: (row: T) => number,
  from: number,
  fresh: T[],
): T[] {
  const kept = rows.filter((r) => startOf(r) < from);
  kept.sort((a, b) => startOf(a) - startOf(b));
  const out: T[] = [];
  let previous = -Infinity;
  for (const r of kept) {
    const s = startOf(r);
    if (s !== previous) out.push(r); // a duplicate start left by hand: keep the first
    previous = s;
  }
  return out.concat(fresh);
}

/** A usage row's start and completeness, for summarising a log. */
export interface LogRowFacts {
  day: CivilDay;
  complete: boolean;
}

export function logState(rows: LogRowFacts[]): LogState {
  let firstDay: CivilDay | null = null;
  let lastDay: CivilDay | null = null;
  const incomplete = new Set<CivilDay>();
  for (const r of rows) {
    if (firstDay === null || r.day < firstDay) firstDay = r.day;
    if (lastDay === null || r.day > lastDay) lastDay = r.day;
    if (!r.complete) incomplete.add(r.day);
  }
  return { firstDay, lastDay, incompleteDays: [...incomplete].sort((a, b) => a - b) };
}
