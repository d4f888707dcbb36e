// instantAtWall for many wall-clock times in one range (a year of band edges): the zone's
// offset segments are looked up once for the range and walked with a cursor, instead of
// being fetched again (cache look-ups, a Date, fresh arrays) for every single wall time.
import { MS_PER_DAY, MS_PER_HOUR } from './civil';
import { type OffsetSegment, instantAtWall, offsetSegments } from './zone';

/** Wider than any UTC offset, either side: instantAtWall's window. */
const MARGIN = 30 * MS_PER_HOUR;

/**
 * A function giving instantAtWall(zone, wall) for walls near [from, to) (a couple of days
 * either side), with the same answer for repeated and skipped wall times: it asks the
 * same questions of the same segments, only without looking them up each time.
 */
export function wallClock(zone: string, from: number, to: number): (wall: number) => number {
  const segs: OffsetSegment[] = offsetSegments(
    zone,
    from - 2 * MS_PER_DAY - MARGIN,
    to + 2 * MS_PER_DAY + MARGIN,
  );
  const first = segs[0].from;
  const last = segs[segs.length - 1].to;
  let i = 0; // the first segment reaching past wall - MARGIN, for the last wall asked
  return (wall: number): number => {
    const lo = wall - MARGIN;
    const hi = wall + MARGIN;
    if (!(lo >= first && hi <= last)) return instantAtWall(zone, wall);
    while (i > 0 && segs[i - 1].to > lo) i--;
    while (segs[i].to <= lo) i++;
    // The earliest instant showing `wall` (a repeated hour: its first pass).
    for (let k = i; k < segs.length && segs[k].from < hi; k++) {
      const t = wall - segs[k].offset;
      if (t >= segs[k].from && t < segs[k].to) return t;
    }
    // Skipped by a clock change: as if the offset before the gap still held.
    for (let k = i + 1; k < segs.length && segs[k].from < hi; k++) {
      const at = segs[k].from;
      if (wall >= at + segs[k - 1].offset && wall < at + segs[k].offset)
        return wall - segs[k - 1].offset;
    }
    return instantAtWall(zone, wall);
  };
}
