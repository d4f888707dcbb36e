// Kraken's wire formats, as the mock writes and reads them: errors with extensions,
// relay cursors, DateTime arguments and ISO 8601 output in a requested zone.
import { base64Decode, base64Encode } from '../../../../shared/http';
import { dateTimeCell, isoLocal } from '../../../../shared/table';
import { offsetAt, offsetSegments } from '../../../../shared/time/zone';
import { GraphqlFieldError } from './schema';

/** A Kraken error: `message`, and `extensions` with errorType, errorCode, errorDescription. */
export function kerr(
  code: string,
  message: string,
  type: string,
  description = '',
): GraphqlFieldError {
  return new GraphqlFieldError(message, {
    errorType: type,
    errorCode: code,
    errorDescription: description,
  });
}

export function invalidInput(description: string): GraphqlFieldError {
  return kerr('KT-CT-1605', 'Invalid input.', 'VALIDATION', description);
}

export function b64url(s: string): string {
  return base64Encode(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** graphene's relay cursor: base64 of `arrayconnection:<index>`. */
export function cursorFor(index: number): string {
  return Buffer.from(`arrayconnection:${index}`).toString('base64');
}

/** The index a cursor points at, or null when it is not one of ours. */
export function cursorIndex(cursor: string): number | null {
  let text = '';
  try {
    text = base64Decode(cursor);
  } catch {
    return null;
  }
  const m = /^arrayconnection:(\d+)$/.exec(text);
  return m ? Number(m[1]) : null;
}

/** An instant from a DateTime argument: with an offset, or local wall time in `zone`. */
export function parseDateTime(text: unknown, zone: string, name: string): number {
  if (typeof text !== 'string') throw invalidInput(`${name} must be a DateTime`);
  const m =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text,
    );
  if (!m) throw invalidInput(`${name} is not an ISO 8601 date-time`);
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  if (m[7] === 'Z') return wall;
  if (m[7]) {
    const sign = m[7][0] === '-' ? -1 : 1;
    const d = m[7].slice(1).replace(':', '');
    return wall - sign * (+d.slice(0, 2) * 60 + +d.slice(2)) * 60_000;
  }
  // Local wall time: the first instant at that wall time (earlier offset on a repeat).
  let t = wall - offsetAt(zone, wall);
  if (t + offsetAt(zone, t) !== wall) t = wall - offsetAt(zone, t);
  return t;
}

export function iso(utc: number, zone: string): string {
  return isoLocal(dateTimeCell(utc, offsetAt(zone, utc)));
}

/** ISO formatting for many instants of one range: offsets looked up once, not per instant. */
export function isoFormatter(zone: string, from: number, to: number): (utc: number) => string {
  const segs = offsetSegments(zone, from, Math.max(to, from + 1) + 1);
  return (utc) => {
    let offset = segs[segs.length - 1].offset;
    for (const s of segs)
      if (utc < s.to) {
        offset = s.offset;
        break;
      }
    return isoLocal(dateTimeCell(utc, offset));
  };
}
