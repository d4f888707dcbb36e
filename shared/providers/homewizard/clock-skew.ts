// A HomeWizard device's timestamps are the smart meter's wall clock, read in the bridge's
// --timezone. A meter clock that is off, or a --timezone that is not the meter's, shifts
// every reading in time without any error: half-hours and days move silently. The
// bridge's own clock is the yardstick: a measurement's telegram time should be within a
// few minutes of its arrival, and no external meter's reading can come from the future.

import type { Measurement } from './models';

/** How far the meter's clock may be from the bridge's before it is worth a warning. */
export const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;

/** The meter's clock minus the bridge's (ms), as far as one measurement tells; undefined when it cannot. */
export function clockSkewMs(m: Measurement): number | undefined {
  // API v2 P1 meters: the telegram of the current second.
  if (m.time !== undefined) return m.time - m.receivedAt;
  // API v1 has no telegram time; gas and water readings are minutes to an hour old, so
  // only one from the future says something.
  const ahead = Math.max(0, ...m.external.map((e) => (e.time ?? 0) - m.receivedAt));
  return ahead > 0 ? ahead : undefined;
}

function duration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** A warning when the meter's clock (read in `zone`) and the bridge's disagree, else null. */
export function clockWarning(m: Measurement, zone: string): string | null {
  const skew = clockSkewMs(m);
  if (skew === undefined || Math.abs(skew) <= CLOCK_SKEW_LIMIT_MS) return null;
  return (
    `the meter's clock, read in ${zone}, is ${duration(skew)} ${skew > 0 ? 'ahead of' : 'behind'} this machine's: ` +
    `readings are stored at the meter's times, so check the bridge's --timezone (the meter's own zone) and this machine's clock`
  );
}
