// Where the preview chart labels its time axis: on round times (every 1, 3 or 6 hours,
// at midnight, on Mondays, on the first of a month), the finest such step whose labels
// fit side by side in the width the chart really has, so labels never run into each
// other on a narrow task pane (300 px) or a long half-hourly import.
import { civilFromDays, isoWeekday } from '../../shared/time/civil';

export interface Tick {
  /** The point the tick stands at. */
  index: number;
  label: string;
}

/** Approximate width of one character of a tick label, in em (digits are ~0.56 em). */
export const CHAR_EM = 0.62;
/** Clear space kept between two labels, px. */
export const LABEL_GAP = 6;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 1440;

interface Step {
  /** Whether a point at these wall-clock minutes is on this step's grid. */
  on(minutes: number): boolean;
  label(minutes: number, spansDays: boolean): string;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function clock(minutes: number): string {
  const m = ((minutes % DAY) + DAY) % DAY;
  return `${two(Math.floor(m / 60))}:${two(m % 60)}`;
}

function dayLabel(minutes: number): string {
  const d = civilFromDays(Math.floor(minutes / DAY));
  return `${d.day} ${MONTHS[d.month - 1]}`;
}

function monthLabel(minutes: number): string {
  const d = civilFromDays(Math.floor(minutes / DAY));
  return d.month === 1 ? String(d.year) : MONTHS[d.month - 1];
}

function hours(n: number): Step {
  return {
    on: (m) => m % (n * 60) === 0,
    // Across several days, a midnight names its day; the hours between read as clock times.
    label: (m, spansDays) => (spansDays && m % DAY === 0 ? dayLabel(m) : clock(m)),
  };
}

function days(n: number): Step {
  return { on: (m) => m % DAY === 0 && Math.floor(m / DAY) % n === 0, label: dayLabel };
}

function months(n: number): Step {
  return {
    on: (m) => {
      if (m % DAY !== 0) return false;
      const d = civilFromDays(m / DAY);
      return d.day === 1 && (d.month - 1) % n === 0;
    },
    label: monthLabel,
  };
}

const STEPS: Step[] = [
  hours(1),
  hours(3),
  hours(6),
  hours(12),
  days(1),
  days(2),
  { on: (m) => m % DAY === 0 && isoWeekday(m / DAY) === 1, label: dayLabel },
  months(1),
  months(3),
  months(6),
  months(12),
];

/** The label's width in px at this font size (an over-estimate, so labels never touch). */
export function labelWidth(label: string, fontPx: number): number {
  return label.length * CHAR_EM * fontPx;
}

/**
 * Keeps, in order, only the ticks whose labels (centred on their point, pulled inside
 * the plot at its ends) leave LABEL_GAP clear of the last kept one.
 */
export function dropColliding(
  ticks: Tick[],
  x: (index: number) => number,
  fontPx: number,
  bounds: { left: number; right: number },
): Tick[] {
  const kept: Tick[] = [];
  let lastRight = -Infinity;
  for (const t of ticks) {
    const box = labelBox(t, x, fontPx, bounds);
    if (box.left < lastRight + LABEL_GAP) continue;
    kept.push(t);
    lastRight = box.right;
  }
  return kept;
}

export function labelBox(
  t: Tick,
  x: (index: number) => number,
  fontPx: number,
  bounds: { left: number; right: number },
): { left: number; right: number } {
  const w = labelWidth(t.label, fontPx);
  const left = Math.min(Math.max(x(t.index) - w / 2, bounds.left), bounds.right - w);
  return { left, right: left + w };
}

/**
 * Ticks for points at these wall-clock minutes (null: not a time). The finest round step
 * whose labels all fit; points that are not times get evenly spaced labels instead.
 */
export function timeTicks(
  minutes: (number | null)[],
  categories: string[],
  x: (index: number) => number,
  fontPx: number,
  bounds: { left: number; right: number },
): Tick[] {
  const n = minutes.length;
  if (n === 0) return [];
  const times = minutes.every((m) => m !== null) ? (minutes as number[]) : null;
  if (times) {
    const spansDays = Math.floor(times[n - 1] / DAY) !== Math.floor(times[0] / DAY);
    for (const step of STEPS) {
      const ticks: Tick[] = [];
      times.forEach((m, index) => {
        if (step.on(m)) ticks.push({ index, label: step.label(m, spansDays) });
      });
      if (ticks.length === 0) continue;
      const fitted = dropColliding(ticks, x, fontPx, bounds);
      if (fitted.length === ticks.length) return fitted;
    }
  }
  // Not times (or no round step fits): about one label per 70 px, colliding ones dropped.
  const wanted = Math.max(1, Math.min(n, Math.floor((bounds.right - bounds.left) / 70)));
  const ticks: Tick[] = [];
  for (let k = 0; k < wanted; k++) {
    const index = wanted <= 1 ? 0 : Math.round((k * (n - 1)) / (wanted - 1));
    ticks.push({ index, label: categories[index] ?? '' });
  }
  return dropColliding(ticks, x, fontPx, bounds);
}
