// Civil (calendar) dates as whole days since 1970-01-01, proleptic Gregorian.
// Integer day numbers make ranges, weeks and months plain arithmetic, with no Date and
// no time zone involved; zones enter only where a day meets the clock (zone.ts).

/** A calendar day, counted in days since 1970-01-01. */
export type CivilDay = number;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const MS_PER_HALF_HOUR = 1_800_000;

export interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

// Howard Hinnant's days_from_civil / civil_from_days.
export function daysFromCivil(year: number, month: number, day: number): CivilDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: CivilDay): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}

/** ISO weekday: Monday 1 … Sunday 7. 1970-01-01 was a Thursday. */
export function isoWeekday(day: CivilDay): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The Monday that starts the ISO week containing `day`. */
export function mondayOf(day: CivilDay): CivilDay {
  return day - (isoWeekday(day) - 1);
}

/** Month number since year 0 (year*12 + month-1): a sortable month key. */
export function monthIndex(day: CivilDay): number {
  const c = civilFromDays(day);
  return c.year * 12 + c.month - 1;
}

export function firstDayOfMonthIndex(index: number): CivilDay {
  return daysFromCivil(Math.floor(index / 12), (index % 12) + 1, 1);
}

function pad(n: number, width: number): string {
  let s = String(Math.abs(n));
  while (s.length < width) s = '0' + s;
  return (n < 0 ? '-' : '') + s;
}

export function formatDay(day: CivilDay): string {
  const c = civilFromDays(day);
  return `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
}

export function formatMonth(day: CivilDay): string {
  const c = civilFromDays(day);
  return `${pad(c.year, 4)}-${pad(c.month, 2)}`;
}

/** `HH:MM` for a number of minutes after midnight. */
export function formatClock(minutes: number): string {
  return `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
}

export { pad as padNumber };

/** Parses a strict `yyyy-mm-dd`; null when it is not a real calendar day. */
export function parseDay(text: string): CivilDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** Parses a strict `yyyy-mm` into its first and last day; null when not a real month. */
export function parseMonth(text: string): { first: CivilDay; last: CivilDay } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const first = daysFromCivil(year, month, 1);
  return { first, last: first + daysInMonth(year, month) - 1 };
}
