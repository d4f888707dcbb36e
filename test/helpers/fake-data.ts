// Data the test providers' peers serve, shared by the peers and the tests that check them.
import { MS_PER_HALF_HOUR } from '../../shared/time/civil';

export const FAKE_CLIENT_ID = 'client-42';

/** Deterministic half-hourly kWh: a daily ramp, so profiles and sums are checkable. */
export function fakeKwh(start: number): number {
  const slot = Math.floor(start / MS_PER_HALF_HOUR) % 48;
  return Math.round((0.1 + (0.4 * slot) / 48) * 1000) / 1000;
}
