// Periods named relative to today ("yesterday", "last-week"…), as some APIs (and people)
// speak of them. Each is a run of whole local days in a zone; weeks start on Monday (ISO),
// and a period that includes today ends today (its later hours are simply not there yet).
import { type CivilDay, civilFromDays, daysFromCivil, daysInMonth, mondayOf } from './civil';

export const NAMED_PERIODS = [
  'yesterday',
  'last-seven-days',
  'this-week',
  'last-week',
  'this-month',
  'last-month',
] as const;

export type NamedPeriod = (typeof NAMED_PERIODS)[number];

/** `Last week`, `last_week` and `LAST-WEEK` all name last-week; anything else is null. */
export function asNamedPeriod(text: string): NamedPeriod | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return (NAMED_PERIODS as readonly string[]).includes(t) ? (t as NamedPeriod) : null;
}

/** The local days a named period covers, given today's local day. */
export function namedPeriodDays(
  name: NamedPeriod,
  today: CivilDay,
): { first: CivilDay; last: CivilDay } {
  switch (name) {
    case 'yesterday':
      return { first: today - 1, last: today - 1 };
    case 'last-seven-days': // the seven whole days before today
      return { first: today - 7, last: today - 1 };
    case 'this-week':
      return { first: mondayOf(today), last: today };
    case 'last-week': {
      const monday = mondayOf(today) - 7;
      return { first: monday, last: monday + 6 };
    }
    case 'this-month': {
      const c = civilFromDays(today);
      return { first: daysFromCivil(c.year, c.month, 1), last: today };
    }
    case 'last-month': {
      const c = civilFromDays(today);
      const year = c.month === 1 ? c.year - 1 : c.year;
      const month = c.month === 1 ? 12 : c.month - 1;
      const first = daysFromCivil(year, month, 1);
      return { first, last: first + daysInMonth(year, month) - 1 };
    }
  }
}

/** The named period covering exactly these days (the first in NAMED_PERIODS order), or null. */
export function namedPeriodOf(
  first: CivilDay,
  last: CivilDay,
  today: CivilDay,
): NamedPeriod | null {
  for (const name of NAMED_PERIODS) {
    const d = namedPeriodDays(name, today);
    if (d.first === first && d.last === last) return name;
  }
  return null;
}
