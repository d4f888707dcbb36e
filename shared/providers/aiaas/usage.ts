// From the consumption endpoint's per-appliance power samples (W, one a minute in the
// reference) to energy intervals: the household's power is the sum of its appliances, and
// each sample stands for the time until the next one (the sample spacing), so
// kWh = W × spacing. Samples the API did not send inside the window are Missing.
import { MeterError } from '../../errors';
import type { Interval } from '../../model';
import { MS_PER_MINUTE } from '../../time/civil';
import { asFrame, frameRows, PROVIDER_NAME } from './wire';
import type { StampWindow } from './stamps';

/** The reference's sampling: one power reading a minute. */
export const SAMPLE_MS = MS_PER_MINUTE;
const W_MS_PER_KWH = 3_600_000_000;

export interface PowerSample {
  /** UTC ms the sample starts. */
  time: number;
  /** Total power in W; null when any appliance's reading is missing. */
  watts: number | null;
}

/** Total power per sample, sorted, one per instant. */
export function powerSamples(data: unknown, window: StampWindow): PowerSample[] {
  const raw = (data as { electricity_data?: unknown } | null)?.electricity_data;
  const frame = asFrame(raw, 'appliance consumption');
  const rows = frameRows(frame, { window, what: 'appliance consumption' });
  const samples: PowerSample[] = [];
  for (const r of rows) {
    const t = r.index[0];
    if (r.index.length !== 1 || t === null || typeof t !== 'object')
      throw new MeterError(
        'provider',
        `${PROVIDER_NAME} sent appliance consumption indexed by something other than time`,
      );
    let watts: number | null = r.values.length > 0 ? 0 : null;
    for (const v of r.values) watts = watts === null || typeof v !== 'number' ? null : watts + v;
    samples.push({ time: t.utc, watts });
  }
  samples.sort((a, b) => a.time - b.time);
  return samples.filter((s, i) => i === 0 || s.time !== samples[i - 1].time);
}

/** The usual spacing between samples (the commonest step; the shorter on a tie), else a minute. */
export function sampleSpacing(samples: PowerSample[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < samples.length; i++) {
    const step = samples[i].time - samples[i - 1].time;
    counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  let best = SAMPLE_MS;
  let seen = 0;
  for (const [step, n] of counts)
    if (n > seen || (n === seen && step < best)) [best, seen] = [step, n];
  return best;
}

/**
 * Energy intervals tiling [from, to): each sample holds its energy until the next sample
 * or one spacing later, whichever comes first; time no sample covers is Missing (kwh
 * null), in slots of the native spacing on the samples' phase, so Missing counts native
 * intervals rather than minutes. Slots cut by the window's edges keep their share.
 */
export function samplesToIntervals(samples: PowerSample[], window: StampWindow): Interval[] {
  const { from, to } = window;
  if (!(to > from)) return [];
  const step = sampleSpacing(samples);
  const phase = samples.length > 0 ? samples[0].time : from;
  const out: Interval[] = [];
  const missing = (a: number, b: number) => {
    for (let t = a; t < b;) {
      const cut = Math.min(b, phase + (Math.floor((t - phase) / step) + 1) * step);
      out.push({ start: t, end: cut, kwh: null });
      t = cut;
    }
  };
  let cursor = from;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (s.time >= to) break;
    const next = i + 1 < samples.length ? samples[i + 1].time : Infinity;
    const end = Math.min(s.time + step, next, to);
    if (end <= from) continue;
    const start = Math.max(s.time, from);
    if (start > cursor) missing(cursor, start);
    const kwh = s.watts === null ? null : (s.watts * (end - start)) / W_MS_PER_KWH;
    out.push({ start, end, kwh });
    cursor = end;
  }
  if (cursor < to) missing(cursor, to);
  return out;
}
