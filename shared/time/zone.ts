// IANA time zones through Intl alone (present in Apps Script V8, browsers and Node).
// Intl can only tell the wall-clock time of an instant, which is slow (microseconds a
// call), so each zone's offset transitions are found once per year and cached; every
// later question (a day's start, an instant's offset) is arithmetic over those segments.
import { type CivilDay, MS_PER_DAY, MS_PER_HOUR } from './civil';

/** A stretch of time [from, to) over which a zone's UTC offset (ms) is constant. */
export interface OffsetSegment {
  from: number;
  to: number;
  offset: number;
}

interface Transition {
  at: number; // first instant with the new offset
  offset: number; // the new offset
}

interface ZoneYear {
  startOffset: number;
  transitions: Transition[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const years = new Map<string, Map<number, ZoneYear>>();
const canonical = new Map<string, string | null>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * The zone name to use, or null when Intl does not know it. The user's spelling is kept
 * (ICU would turn Asia/Kolkata into the legacy Asia/Calcutta), except that a name differing
 * from ICU's only in case takes ICU's case.
 */
export function canonicalZone(zone: string): string | null {
  if (canonical.has(zone)) return canonical.get(zone) ?? null;
  let name: string | null = null;
  if (zone.length <= 64 && /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) {
    try {
      const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions()
        .timeZone;
      name = resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
    } catch {
      name = null;
    }
  }
  // Only names Intl knows are remembered: there are a few hundred of them, whereas the
  // strings a cell can hold are endless (a long-lived Excel runtime would keep them all).
  if (name !== null) canonical.set(zone, name);
  return name;
}

/** The zone's UTC offset in ms at an instant, straight from Intl (uncached). */
export function intlOffsetAt(zone: string, utc: number): number {
  // format() is several times cheaper than formatToParts(); with en-US, numeric fields and
  // h23 it reads "M/D/YYYY, HH:MM:SS", whose six numbers are all we need.
  const digits = formatter(zone).format(utc).match(/\d+/g);
  if (!digits || digits.length < 6) throw new Error(`cannot read the time in ${zone}`);
  const [month, day, year, hour, minute, second] = digits.map(Number);
  const wall = Date.UTC(year, month - 1, day, hour % 24, minute, second);
  return wall - Math.floor(utc / 1000) * 1000;
}

function zoneYear(zone: string, year: number): ZoneYear {
  let perZone = years.get(zone);
  if (!perZone) {
    perZone = new Map();
    years.set(zone, perZone);
  }
  const cached = perZone.get(year);
  if (cached) return cached;
  // Sample daily (no real zone changes offset twice within a day and back), then
  // bisect each change down to the millisecond.
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const startOffset = intlOffsetAt(zone, start);
  const transitions: Transition[] = [];
  let prevT = start;
  let prevOffset = startOffset;
  for (let t = start + MS_PER_DAY; prevT < end; t += MS_PER_DAY) {
    const probe = Math.min(t, end);
    const offset = intlOffsetAt(zone, probe);
    if (offset !== prevOffset) {
      let lo = prevT;
      let hi = probe;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffsetAt(zone, mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      if (hi < end) transitions.push({ at: hi, offset });
      prevOffset = offset;
    }
    prevT = probe;
  }
  const result = { startOffset, transitions };
  perZone.set(year, result);
  return result;
}

function yearOf(utc: number): number {
  return new Date(utc).getUTCFullYear();
}

/** Constant-offset segments covering [from, to), in order. */
export function offsetSegments(zone: string, from: number, to: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  const firstYear = yearOf(from);
  const lastYear = yearOf(Math.max(from, to - 1));
  let current: OffsetSegment = { from, to, offset: 0 };
  for (let y = firstYear; y <= lastYear; y++) {
    const zy = zoneYear(zone, y);
    if (y === firstYear) {
      current.offset = zy.startOffset;
      for (const tr of zy.transitions) if (tr.at <= from) current.offset = tr.offset;
    }
    for (const tr of zy.transitions) {
      if (tr.at <= from || tr.at >= to) continue;
      if (tr.offset === current.offset) continue;
      current.to = tr.at;
      segments.push(current);
      current = { from: tr.at, to, offset: tr.offset };
    }
  }
  current.to = to;
  segments.push(current);
  return segments;
}

/** The zone's UTC offset (ms) at an instant, from the cached transitions. */
export function offsetAt(zone: string, utc: number): number {
  return offsetSegments(zone, utc, utc + 1)[0].offset;
}

/** The local calendar day an instant falls on. */
export function civilDayAt(zone: string, utc: number): CivilDay {
  return Math.floor((utc + offsetAt(zone, utc)) / MS_PER_DAY);
}

// The first instant whose wall-clock time is at or after `wall`: the start of a local day
// even when midnight itself is skipped (spring forward at 00:00) or repeated.
function firstInstantAtWall(segments: OffsetSegment[], wall: number): number {
  let best = Infinity;
  for (const seg of segments) {
    const candidate = Math.max(seg.from, wall - seg.offset);
    if (candidate < seg.to && candidate < best) best = candidate;
  }
  return best;
}

/**
 * The UTC instants at which each local day from `firstDay` to `lastDay` + 1 begins
 * (length lastDay - firstDay + 2): day i is [result[i], result[i + 1]).
 */
export function dayBoundaries(zone: string, firstDay: CivilDay, lastDay: CivilDay): number[] {
  const margin = 15 * MS_PER_HOUR; // wider than any UTC offset
  const all = offsetSegments(
    zone,
    firstDay * MS_PER_DAY - margin,
    (lastDay + 1) * MS_PER_DAY + margin,
  );
  const out: number[] = [];
  let i = 0;
  for (let day = firstDay; day <= lastDay + 1; day++) {
    const wall = day * MS_PER_DAY;
    while (i < all.length && all[i].to <= wall - margin) i++;
    let j = i;
    const near: OffsetSegment[] = [];
    while (j < all.length && all[j].from < wall + margin) near.push(all[j++]);
    out.push(firstInstantAtWall(near, wall));
  }
  return out;
}

/** The instant a local day begins. */
export function localMidnight(zone: string, day: CivilDay): number {
  return dayBoundaries(zone, day, day)[0];
}

/**
 * The instant whose wall-clock time in `zone` is `wall` (ms since 1970-01-01T00:00 local):
 * what a host must hand a spreadsheet that shows dates in `zone` so that it displays
 * `wall`. A repeated wall time (clocks going back) gives the earlier instant. A skipped
 * one (clocks going forward) gives the instant `wall` would be under the offset in force
 * before the gap, which the zone shows later by the size of the gap.
 */
export function instantAtWall(zone: string, wall: number): number {
  const margin = 30 * MS_PER_HOUR; // wider than any offset, either side
  const segments = offsetSegments(zone, wall - margin, wall + margin);
  for (const seg of segments) {
    const t = wall - seg.offset;
    if (t >= seg.from && t < seg.to) return t;
  }
  for (let i = 1; i < segments.length; i++) {
    const at = segments[i].from;
    if (wall >= at + segments[i - 1].offset && wall < at + segments[i].offset)
      return wall - segments[i - 1].offset;
  }
  return wall - offsetAt(zone, wall);
}
