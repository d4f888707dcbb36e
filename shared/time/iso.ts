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
