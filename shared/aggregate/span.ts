// A requested range of whole local days in one IANA zone, resolved to UTC instants.
import { type CivilDay } from '../time/civil';
import { dayBoundaries, offsetSegments, type OffsetSegment } from '../time/zone';

export interface Span {
  zone: string;
  firstDay: CivilDay;
  lastDay: CivilDay;
  /** boundaries[i] is the instant local day firstDay + i begins; the last one ends the span. */
  boundaries: number[];
  /** Constant-offset segments covering [from, to). */
  segments: OffsetSegment[];
  from: number;
  to: number;
}

export function resolveSpan(zone: string, firstDay: CivilDay, lastDay: CivilDay): Span {
  const boundaries = dayBoundaries(zone, firstDay, lastDay);
  const from = boundaries[0];
  const to = boundaries[boundaries.length - 1];
  return {
    zone,
    firstDay,
    lastDay,
    boundaries,
    segments: offsetSegments(zone, from, to + 1),
    from,
    to,
  };
}

/** Offset (ms) at instant t, searching segments from index `hint` onwards. */
export function offsetIn(segments: OffsetSegment[], t: number): number {
  for (const s of segments) if (s.from <= t && t < s.to) return s.offset;
  return segments[segments.length - 1].offset;
}
