// The aiaas API's timestamps. Its reference shows two orders side by side: the tables'
// indexes and the greenness windows read "2025-21-07T00:00:00Z" (year-DAY-month), while
// the standby history reads "2025-06-21T00:00:00Z" (year-month-day). So the order is
// decided per group of timestamps, never per string: a day-of-month above 12 settles it;
// otherwise the order that puts the group inside the window we asked about, then the one
// that keeps it in ascending order and compact, wins; a tie goes to the caller's default.
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  daysFromCivil,
  daysInMonth,
} from '../../time/civil';

export type StampOrder = 'ydm' | 'ymd';

const STAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export function looksLikeStamp(text: string): boolean {
  return STAMP.test(text.trim());
}

/**
 * UTC ms of a timestamp read in the given order, or null when it is not a real instant
 * that way. Without an offset it is taken as UTC, as every example in the reference is.
 */
export function parseStamp(text: string, order: StampOrder): number | null {
  const m = STAMP.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(order === 'ymd' ? m[2] : m[3]);
  const day = Number(order === 'ymd' ? m[3] : m[2]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const fraction = m[7] ? Math.round(Number('0.' + m[7]) * 1000) : 0;
  let offset = 0;
  const z = m[8];
  if (z && z.toUpperCase() !== 'Z') {
    const digits = z.slice(1).replace(':', '');
    offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * MS_PER_MINUTE;
    if (z[0] === '-') offset = -offset;
  }
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    hour * MS_PER_HOUR +
    minute * MS_PER_MINUTE +
    second * 1000 +
    fraction -
    offset
  );
}

export interface StampWindow {
  from: number;
  to: number;
}

interface Reading {
  order: StampOrder;
  times: number[];
}

function score(r: Reading, window: StampWindow | undefined): number[] {
  const slack = MS_PER_DAY;
  const inside = window
    ? r.times.filter((t) => t >= window.from - slack && t <= window.to + slack).length
    : 0;
  let ascending = 1;
  for (let i = 1; i < r.times.length; i++) if (r.times[i] < r.times[i - 1]) ascending = 0;
  // A loop: a long series spread into Math.max's arguments would overflow the stack.
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of r.times) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const span = r.times.length ? hi - lo : 0;
  return [inside, ascending, -span];
}

/**
 * Reads a group of timestamps that share one order. Returns null when some of them are
 * not timestamps in either order (the caller says what was expected).
 */
export function readStamps(
  texts: string[],
  options: { window?: StampWindow; fallback?: StampOrder } = {},
): Reading | null {
  const fallback = options.fallback ?? 'ydm';
  const orders: StampOrder[] = fallback === 'ydm' ? ['ydm', 'ymd'] : ['ymd', 'ydm'];
  const readings: Reading[] = [];
  for (const order of orders) {
    const times: number[] = [];
    let ok = true;
    for (const t of texts) {
      const v = parseStamp(t, order);
      if (v === null) {
        ok = false;
        break;
      }
      times.push(v);
    }
    if (ok) readings.push({ order, times });
  }
  if (readings.length === 0) return null;
  let best = readings[0];
  let bestScore = score(best, options.window);
  for (const r of readings.slice(1)) {
    const s = score(r, options.window);
    for (let i = 0; i < s.length; i++) {
      if (s[i] === bestScore[i]) continue;
      if (s[i] > bestScore[i]) {
        best = r;
        bestScore = s;
      }
      break;
    }
  }
  return best;
}
