// HomeWizard timestamps carry no zone: the meter sends its own wall-clock time
// ("2024-06-28T14:12:34" in API v2, 240628141234 as yymmddhhmmss in API v1). They are read
// in the household's zone. Around a DST change a wall time can be ambiguous (the repeated
// hour) or impossible (the skipped hour); when the reading arrived decides which instant
// is meant (a gas reading may be an hour old, but never from the future).
import { daysFromCivil, daysInMonth, formatDay, MS_PER_DAY, MS_PER_HOUR } from '../../time/civil';
import { offsetSegments } from '../../time/zone';

/** A wall-clock time as ms since 1970-01-01T00:00 local, or null when it is not a real time. */
export function parseWallTime(value: unknown): number | null {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value);
    if (!m) return null;
    return wall(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] === undefined ? 0 : +m[6]);
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    // API v1 (DSMR style): yymmddhhmmss as a number, e.g. 210606140010.
    const s = String(value).padStart(12, '0');
    if (s.length !== 12) return null;
    const n = (i: number) => Number(s.slice(i, i + 2));
    return wall(2000 + n(0), n(2), n(4), n(6), n(8), n(10));
  }
  return null;
}

function wall(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59)
    return null;
  return daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000;
}

/**
 * The UTC instant of a wall-clock time in `zone`. Of the instants that show that wall time
 * (two in the repeated hour of a fall-back night), the latest one not after `near` (plus a
 * little slack for clocks that run ahead) is meant: a meter reports what it has measured,
 * never the future. A time the spring-forward night skipped is read with either offset,
 * by the same rule.
 */
export function wallToUtc(zone: string, wallMs: number, near: number, slackMs = 30_000): number {
  const segments = offsetSegments(zone, wallMs - 15 * MS_PER_HOUR, wallMs + 15 * MS_PER_HOUR);
  const all = segments.map((seg) => {
    const utc = wallMs - seg.offset;
    return { utc, valid: utc >= seg.from && utc < seg.to };
  });
  const valid = all.filter((c) => c.valid);
  const pool = (valid.length ? valid : all).map((c) => c.utc);
  const past = pool.filter((t) => t <= near + slackMs);
  if (past.length) return Math.max(...past);
  return pool.reduce((best, t) => (Math.abs(t - near) < Math.abs(best - near) ? t : best));
}

/** Wall-clock ms as `2024-06-28T14:12:34` (what a HomeWizard device sends). */
export function formatWallTime(wallMs: number): string {
  const day = Math.floor(wallMs / MS_PER_DAY);
  const secs = Math.floor((wallMs - day * MS_PER_DAY) / 1000);
  const two = (n: number) => (n < 10 ? '0' : '') + n;
  return `${formatDay(day)}T${two(Math.floor(secs / 3600))}:${two(Math.floor(secs / 60) % 60)}:${two(secs % 60)}`;
}
