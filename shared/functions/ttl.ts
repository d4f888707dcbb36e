// How long a result may be reused. Past days do not change (6 h, Apps Script's maximum);
// yesterday may still be filling in as meters upload late; today changes by the minute.
import type { CivilDay } from '../time/civil';
import { civilDayAt, localMidnight } from '../time/zone';

export const TTL_COMPLETE_DAYS = 6 * 3600;
export const TTL_YESTERDAY = 30 * 60;
export const TTL_TODAY = 60;

export function ttlForDays(lastDay: CivilDay, zone: string, now: number): number {
  const today = civilDayAt(zone, now);
  if (lastDay < today - 1) return TTL_COMPLETE_DAYS;
  if (lastDay < today) return TTL_YESTERDAY;
  return TTL_TODAY;
}

/**
 * Seconds until the zone's next local midnight: a result for a named period ("yesterday")
 * must not outlive the day it was computed on, or it would answer for the wrong days.
 */
export function secondsUntilTomorrow(zone: string, now: number): number {
  const tomorrow = localMidnight(zone, civilDayAt(zone, now) + 1);
  return Math.max(1, Math.floor((tomorrow - now) / 1000));
}
