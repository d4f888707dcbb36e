// The average day: 48 local half-hour slots, each the mean over the days that had data
// for it. A fall-back day's repeated hour adds to its wall-clock slots (that day still
// counts once); a spring-forward day simply has no sample for the skipped slots, so Days
// differs between slots. Hence sum(kWh × Days) over slots equals the period's total.
import type { Series } from '../model';
import { MS_PER_DAY, MS_PER_HALF_HOUR, formatClock, isoWeekday } from '../time/civil';
import type { Table } from '../table';
import type { Span } from './span';
import { sweep } from './sweep';

export type ProfileAggregate = 'profile' | 'weekday-profile' | 'weekend-profile';

export const PROFILE_SLOTS = 48;
export const PROFILE_HEADER = ['Time', 'kWh', 'Days', 'Missing'];

export function slotLabels(): string[] {
  const out: string[] = [];
  for (let i = 0; i < PROFILE_SLOTS; i++) out.push(formatClock(i * 30));
  return out;
}

export function aggregateProfile(series: Series, span: Span, aggregate: ProfileAggregate): Table {
  const sum = new Float64Array(PROFILE_SLOTS);
  const dayCount = new Int32Array(PROFILE_SLOTS);
  const lastDay = new Int32Array(PROFILE_SLOTS).fill(-1);
  const missing = new Int32Array(PROFILE_SLOTS);
  const lastMissing = new Int32Array(PROFILE_SLOTS).fill(-1);
  const days = span.lastDay - span.firstDay + 1;
  const include = new Uint8Array(days);
  for (let i = 0; i < days; i++) {
    const weekend = isoWeekday(span.firstDay + i) >= 6;
    include[i] = aggregate === 'profile' || (aggregate === 'weekend-profile') === weekend ? 1 : 0;
  }
  const iv = series.intervals;
  sweep(iv, span, MS_PER_HALF_HOUR, (p) => {
    if (!include[p.day]) return;
    const wall = p.start + p.offset;
    const slot = Math.floor((((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_HALF_HOUR);
    const kwh = iv[p.entry].kwh;
    if (kwh === null) {
      if (lastMissing[slot] !== p.entry) {
        missing[slot]++;
        lastMissing[slot] = p.entry;
      }
      return;
    }
    sum[slot] += kwh * p.share;
    if (lastDay[slot] !== p.day) {
      dayCount[slot]++;
      lastDay[slot] = p.day;
    }
  });
  const labels = slotLabels();
  const rows: Table = [PROFILE_HEADER.slice()];
  for (let i = 0; i < PROFILE_SLOTS; i++) {
    rows.push([labels[i], dayCount[i] > 0 ? sum[i] / dayCount[i] : null, dayCount[i], missing[i]]);
  }
  return rows;
}
