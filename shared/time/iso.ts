// ISO 8601 instants as providers write them (`2024-06-01T00:00:00+01:00`, `…Z`), parsed
// without Date.parse: a timestamp without an offset is read at an offset the caller
// chooses, never in the host's own zone (which differs between Apps Script, Excel and Node).
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, daysFromCivil, formatDay } from './civil';

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * UTC ms of an ISO 8601 date or date-time, or null if it is not one. `assumeOffsetMs` is
 * used when the text carries no offset (default UTC).
 */
export function parseInstant(text: unknown, assumeOffsetMs = 0): number | null {
  if (typeof text !== 'string') return null;
  const quick = parseCommon(text);
  if (quick !== null) return quick;
  const m = INSTANT.exec(text.trim());
  if (!m) return null;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map((v) =>
    v === undefined ? 0 : Number(v),
  );
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
    return null;
  const fraction = m[7] ? Math.round(Number('0.' + m[7]) * 1000) : 0;
  let offset = assumeOffsetMs;
  const z = m[8];
  if (z) {
    if (z.toUpperCase() === 'Z') offset = 0;
    else {
      const digits = z.slice(1).replace(':', '');
      const sign = z[0] === '-' ? -1 : 1;
      offset =
        sign *
        (Number(digits.slice(0, 2)) * MS_PER_HOUR + Number(digits.slice(2) || '0') * MS_PER_MINUTE);
    }
  }
  const wall =
    daysFromCivil(Number(m[1]), month, day) * MS_PER_DAY +
    hour * MS_PER_HOUR +
    minute * MS_PER_MINUTE +
    second * 1000 +
    fraction;
  return wall - offset;
}

// A year of half-hours is 17,568 timestamps: the shapes APIs actually send
// (`2024-06-01T00:00:00Z`, `…+01:00`) are read by position, and each date's day number
// is computed once for its 48 rows.
let lastDate = '';
let lastDays = 0;

function digits(text: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

function parseCommon(text: string): number | null {
  const n = text.length;
  if ((n !== 20 && n !== 25) || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':')
    return null;
  let offset = 0;
  if (n === 20) {
    if (text[19] !== 'Z') return null;
  } else {
    const sign = text[19] === '+' ? 1 : text[19] === '-' ? -1 : 0;
    if (!sign || text[22] !== ':') return null;
    offset = sign * (digits(text, 20, 2) * MS_PER_HOUR + digits(text, 23, 2) * MS_PER_MINUTE);
  }
  const date = text.slice(0, 10);
  if (date !== lastDate) {
    if (text[4] !== '-' || text[7] !== '-') return null;
    const [y, mo, d] = [digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)];
    if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31)) return null;
    lastDays = daysFromCivil(y, mo, d);
    lastDate = date;
  }
  const h = digits(text, 11, 2);
  const min = digits(text, 14, 2);
  const sec = digits(text, 17, 2);
  if (!(h <= 24 && min <= 59 && sec <= 60) || offset !== offset) return null;
  return lastDays * MS_PER_DAY + h * MS_PER_HOUR + min * MS_PER_MINUTE + sec * 1000 - offset;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * `2024-06-01T00:00:00+01:00` for an instant shown at a UTC offset; `…Z` when the offset is
 * zero and `zuluForZero` (the way Octopus writes winter times).
 */
export function formatInstant(utc: number, offsetMs = 0, zuluForZero = true): string {
  const wall = utc + offsetMs;
  const day = Math.floor(wall / MS_PER_DAY);
  const msOfDay = wall - day * MS_PER_DAY;
  const h = Math.floor(msOfDay / MS_PER_HOUR);
  const min = Math.floor((msOfDay % MS_PER_HOUR) / MS_PER_MINUTE);
  const s = Math.floor((msOfDay % MS_PER_MINUTE) / 1000);
  let suffix: string;
  if (offsetMs === 0 && zuluForZero) suffix = 'Z';
  else {
    const abs = Math.abs(offsetMs) / MS_PER_MINUTE;
    suffix = (offsetMs < 0 ? '-' : '+') + pad2(Math.floor(abs / 60)) + ':' + pad2(abs % 60);
  }
  return `${formatDay(day)}T${pad2(h)}:${pad2(min)}:${pad2(s)}${suffix}`;
}
