// Kraken's DateTime scalars: ISO 8601 with a UTC offset. We send local wall-clock times
// *with* their offset (unambiguous on a fall-back night) and read any offset back.
import { dateTimeCell, isoLocal } from '../../table';
import { offsetAt } from '../../time/zone';

/** `2024-10-27T01:00:00+00:00`: the instant as wall-clock time in `zone`, with its offset. */
export function formatInstant(utc: number, zone: string): string {
  return isoLocal(dateTimeCell(utc, offsetAt(zone, utc)));
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24];

/** `2024-10-27T01:00:00+01:00`, Kraken's own form, read without a regular expression. */
function parseCanonical(s: string): number | null {
  if (s.length !== 25 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':')
    return null;
  if (s[16] !== ':' || s[22] !== ':' || (s[19] !== '+' && s[19] !== '-')) return null;
  for (const i of DIGITS) {
    const d = s.charCodeAt(i);
    if (d < 48 || d > 57) return null;
  }
  const year = two(s, 0) * 100 + two(s, 2);
  const wall = Date.UTC(year, two(s, 5) - 1, two(s, 8), two(s, 11), two(s, 14), two(s, 17));
  const offset = (two(s, 20) * 60 + two(s, 23)) * 60_000;
  return s[19] === '+' ? wall - offset : wall + offset;
}

/** UTC ms of an ISO 8601 date-time that carries an offset (or Z); null for anything else. */
export function parseInstant(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const fast = parseCanonical(text);
  if (fast !== null) return fast;
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return null;
  const wall = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
    m[7] ? Math.floor(Number('0.' + m[7]) * 1000) : 0,
  );
  if (m[8] === 'Z') return wall;
  const sign = m[8][0] === '-' ? -1 : 1;
  const digits = m[8].slice(1).replace(':', '');
  const offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return wall - offsetMs;
}
