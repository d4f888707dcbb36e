// Turning spreadsheet arguments into typed values, with errors that name the argument and
// say what is accepted. Sheets passes dates as Date objects (possibly from another realm,
// so no instanceof), Excel as serial numbers; both pass empty cells as "" or null.
import { type Aggregate, AGGREGATES } from '../aggregate';
import { MeterError, argumentError, describeValue } from '../errors';
import {
  type CivilDay,
  MS_PER_DAY,
  daysFromCivil,
  daysInMonth,
  formatDay,
  formatMonth,
  parseDay,
  parseMonth,
} from '../time/civil';
import { NAMED_PERIODS, asNamedPeriod, namedPeriodDays } from '../time/named-periods';
import { canonicalZone, civilDayAt, offsetAt } from '../time/zone';

/** The first serial Excel can show as a date after its 1900 leap-year bug: 1900-03-01. */
const EXCEL_SERIAL_EPOCH = 25569; // 1970-01-01
const EXCEL_MIN_SERIAL = 61;
const EXCEL_MAX_SERIAL = 2958465; // 9999-12-31

export const DATE_EXPECTED = 'a date like 2024-01-31 or 2024-01';

/** The days a spreadsheet can show as dates (Excel's, which are the narrower): 1900-03-01..9999-12-31. */
export const FIRST_DAY = daysFromCivil(1900, 3, 1);
export const LAST_DAY = daysFromCivil(9999, 12, 31);
const DATE_BOUNDS = `a date from ${formatDay(FIRST_DAY)} to ${formatDay(LAST_DAY)}`;
/** Instants safely outside those days whatever the zone (offsets stay within ±1 day). */
const FIRST_MS = (FIRST_DAY - 1) * MS_PER_DAY;
const LAST_MS = (LAST_DAY + 2) * MS_PER_DAY;

export function isBlank(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

export function isDateObject(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** A spreadsheet range arrives as a 2-D array; a single cell as the value itself. */
export function single(value: unknown): unknown {
  let v = value;
  while (Array.isArray(v) && v.length === 1) v = v[0];
  return v;
}

/** The calendar day a Date cell shows, in the spreadsheet's zone. */
export function dayOfDate(date: Date, cellZone: string): CivilDay {
  const t = date.getTime();
  if (!Number.isFinite(t)) throw new MeterError('argument', 'invalid date');
  return Math.floor((t + offsetAt(cellZone, t)) / MS_PER_DAY);
}

export interface DayRange {
  first: CivilDay;
  last: CivilDay;
  /**
   * How the user wrote it, normalised: `2024-01`, `2024-01-05`, `2024-01-01..2024-01-14`,
   * or a named period such as `last-week`.
   */
  label: string;
}

/** What named periods (`yesterday`, `last-week`…) are relative to: now, in a zone. */
export interface Today {
  now: number;
  zone: string;
}

export const NAMED_PERIODS_TEXT = NAMED_PERIODS.join(', ');

/** A named period's days, or null when the text names none. */
export function namedPeriodRange(text: string, today: Today): DayRange | null {
  const name = asNamedPeriod(text);
  if (!name) return null;
  return { ...namedPeriodDays(name, civilDayAt(today.zone, today.now)), label: name };
}

/**
 * A date argument: one day, a whole month written `yyyy-mm`, a year, or (when `today` is
 * given) a named period such as `yesterday` or `last-month`.
 */
export function parseDateArg(
  value: unknown,
  name: string,
  cellZone: string,
  today?: Today,
): DayRange {
  const range = parseUnboundedDateArg(value, name, cellZone, today);
  // Years like 0001 or 275760 parse, but no spreadsheet can show them and the zone rules
  // and date arithmetic downstream are not meant for them.
  if (range.first < FIRST_DAY) throw outOfBounds(name, value, 'before');
  if (range.last > LAST_DAY) throw outOfBounds(name, value, 'after');
  return range;
}

/** `start: expected a date from 1900-03-01 to 9999-12-31, got "0001-01"` (a Date: where it falls). */
function outOfBounds(name: string, value: unknown, side: 'before' | 'after'): MeterError {
  const v = single(value);
  if (!isDateObject(v)) return argumentError(name, DATE_BOUNDS, v);
  const bound = formatDay(side === 'before' ? FIRST_DAY : LAST_DAY);
  return new MeterError(
    'argument',
    `${name}: expected ${DATE_BOUNDS}, got a date ${side} ${bound}`,
  );
}

function parseUnboundedDateArg(
  value: unknown,
  name: string,
  cellZone: string,
  today?: Today,
): DayRange {
  const v = single(value);
  if (isBlank(v)) throw argumentError(name, DATE_EXPECTED, v);
  if (isDateObject(v)) {
    const t = v.getTime();
    if (!Number.isFinite(t))
      throw new MeterError('argument', `${name}: expected ${DATE_EXPECTED}, got an invalid date`);
    // Far outside, the zone's offset cannot even be looked up: refuse before trying.
    if (t < FIRST_MS) throw outOfBounds(name, v, 'before');
    if (t > LAST_MS) throw outOfBounds(name, v, 'after');
    const day = dayOfDate(v, cellZone);
    return { first: day, last: day, label: formatDay(day) };
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < EXCEL_MIN_SERIAL || v > EXCEL_MAX_SERIAL)
      throw argumentError(
        name,
        `${DATE_EXPECTED} (or a date serial number from 61 to ${EXCEL_MAX_SERIAL})`,
        v,
      );
    const day = Math.floor(v) - EXCEL_SERIAL_EPOCH;
    return { first: day, last: day, label: formatDay(day) };
  }
  if (typeof v === 'string') {
    const text = v.trim();
    const day = parseDay(text);
    if (day !== null) return { first: day, last: day, label: text };
    const month = parseMonth(text);
    if (month) return { ...month, label: text };
    const year = /^(\d{4})$/.exec(text);
    if (year) {
      const y = Number(year[1]);
      return { first: daysFromCivil(y, 1, 1), last: daysFromCivil(y, 12, 31), label: text };
    }
    if (today) {
      const named = namedPeriodRange(text, today);
      if (named) return named;
      // A word, not a malformed date: the user was probably reaching for a named period.
      if (/^[a-z][a-z\s_-]*$/i.test(text))
        throw argumentError(name, `${DATE_EXPECTED}, or one of ${NAMED_PERIODS_TEXT}`, v);
    }
  }
  throw argumentError(name, DATE_EXPECTED, v);
}

const MAX_DAYS = 366 * 30;

/**
 * start/end as an inclusive range of local days: yyyy-mm expands to its first/last day, and
 * with `today` a named period to its days (`yesterday` alone is yesterday).
 */
export function parseDayRange(
  start: unknown,
  end: unknown,
  cellZone: string,
  today?: Today,
): DayRange {
  const s = parseDateArg(start, 'start', cellZone, today);
  const e = isBlank(single(end)) ? s : parseDateArg(end, 'end', cellZone, today);
  if (e.last < s.first)
    throw new MeterError(
      'argument',
      `end: ${formatDay(e.last)} is before start ${formatDay(s.first)}; swap them`,
    );
  if (e.last - s.first + 1 > MAX_DAYS)
    throw new MeterError(
      'argument',
      `end: a range of at most 30 years is accepted, got ${e.last - s.first + 1} days`,
    );
  const label = e === s && asNamedPeriod(s.label) ? s.label : rangeLabel(s.first, e.last);
  return { first: s.first, last: e.last, label };
}

/** `2024-01` for a whole month, `2024-01-05` for a day, else `first..last`. */
export function rangeLabel(first: CivilDay, last: CivilDay): string {
  if (first === last) return formatDay(first);
  const m = parseMonth(formatMonth(first));
  if (m && m.first === first && m.last === last) return formatMonth(first);
  return `${formatDay(first)}..${formatDay(last)}`;
}

/**
 * One period of METER_COMPARE: `2024-01`, `2024`, `2024-01-05`, `2024-01-01..2024-01-14`, a
 * date, or (with `today`) a named period such as `last-week`.
 */
export function parsePeriod(
  value: unknown,
  name: string,
  cellZone: string,
  today?: Today,
): DayRange {
  if (today && typeof value === 'string') {
    const named = namedPeriodRange(value, today);
    if (named) return named;
  }
  if (typeof value === 'string' && value.includes('..')) {
    const [a, b, ...rest] = value.split('..').map((x) => x.trim());
    if (rest.length > 0 || !a || !b)
      throw argumentError(
        name,
        'a period like 2024-01, 2024-01-05 or 2024-01-01..2024-01-14',
        value,
      );
    const s = parseDateArg(a, name, cellZone);
    const e = parseDateArg(b, name, cellZone);
    if (e.last < s.first)
      throw new MeterError('argument', `${name}: ${value} ends before it starts`);
    return { first: s.first, last: e.last, label: rangeLabel(s.first, e.last) };
  }
  try {
    return parseDateArg(value, name, cellZone);
  } catch {
    throw argumentError(name, 'a period like 2024-01, 2024-01-05 or 2024-01-01..2024-01-14', value);
  }
}

const MAX_PERIODS = 24;
/**
 * Every day of every period is fetched (at native resolution) to build the profiles, so
 * their total is bounded like a usage range, tighter: they all go out in one batch.
 */
export const MAX_COMPARE_DAYS = 366 * 10;

/** METER_COMPARE's periods: a range of cells, or a comma/semicolon-separated string. */
export function parsePeriods(value: unknown, cellZone: string, today?: Today): DayRange[] {
  const cells: unknown[] = [];
  const collect = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (typeof v === 'string') v.split(/[,;]/).forEach((p) => cells.push(p.trim()));
    else cells.push(v);
  };
  collect(value);
  const given = cells.filter((c) => !isBlank(c));
  if (given.length === 0)
    throw argumentError(
      'periods',
      'one or more periods like "2024-01, 2024-07" or a range of cells holding them',
      value,
    );
  // Counted before parsing: a whole column of dates is refused at once.
  if (given.length > MAX_PERIODS)
    throw new MeterError(
      'argument',
      `periods: expected at most ${MAX_PERIODS} periods, got ${given.length}`,
    );
  const periods = given.map((c, i) => parsePeriod(c, `periods[${i + 1}]`, cellZone, today));
  const days = periods.reduce((n, p) => n + p.last - p.first + 1, 0);
  if (days > MAX_COMPARE_DAYS)
    throw new MeterError(
      'argument',
      `periods: expected at most ${MAX_COMPARE_DAYS / 366} years of days in all, got ${days} days; ` +
        'compare shorter periods (months rather than years)',
    );
  return periods;
}

export function parseAggregate(value: unknown): Aggregate {
  const v = single(value);
  if (isBlank(v)) return 'none';
  if (typeof v === 'string') {
    const text = v.trim().toLowerCase();
    if ((AGGREGATES as readonly string[]).includes(text)) return text as Aggregate;
  }
  throw argumentError('aggregate', `one of ${AGGREGATES.join(', ')}`, v);
}

export function parseTimezone(value: unknown, fallback: string): string {
  const v = single(value);
  if (isBlank(v)) return fallback;
  if (typeof v === 'string') {
    const zone = canonicalZone(v.trim());
    if (zone) return zone;
  }
  throw argumentError('timezone', 'an IANA time zone like Europe/London or America/New_York', v);
}

/** An optional text argument (meter ids, kinds…). */
export function parseOptionalText(value: unknown, name: string, expected: string): string | null {
  const v = single(value);
  if (isBlank(v)) return null;
  if (typeof v === 'string') return v.trim();
  throw argumentError(name, expected, v);
}

export function monthRange(year: number, month: number): DayRange {
  const first = daysFromCivil(year, month, 1);
  return { first, last: first + daysInMonth(year, month) - 1, label: formatMonth(first) };
}

export { describeValue };
