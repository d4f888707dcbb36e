import { resolveSpan } from '../aggregate';
import { PROFILE_SLOTS, aggregateProfile, slotLabels } from '../aggregate/profile';
import { all, type Flow } from '../flow';
import type { Cell } from '../table';
import { asNamedPeriod } from '../time/named-periods';
import { parsePeriods } from './args';
import { resolveMeter, seriesFor, zoneOf } from './context';
import type { FunctionEnv, FunctionResult, FunctionSpec } from './spec';
import { secondsUntilTomorrow, ttlForDays } from './ttl';

function* run(args: unknown[], env: FunctionEnv): Flow<FunctionResult> {
  const [periodsArg, meterArg, tz] = args;
  const now = env.clock();
  // Periods are checked in the zone known so far (before any request), then read again
  // in the meter's home zone when that is the one to use.
  const early = zoneOf(tz, env);
  const earlyPeriods = parsePeriods(periodsArg, env.cellZone ?? early, { now, zone: early });
  const meter = yield* resolveMeter(meterArg, env);
  const zone = zoneOf(tz, env, meter);
  const periods =
    zone === early ? earlyPeriods : parsePeriods(periodsArg, env.cellZone ?? zone, { now, zone });
  const spans = periods.map((p) => resolveSpan(zone, p.first, p.last));
  // All periods' requests go out as one batch.
  const series = yield* all(spans.map((span) => seriesFor(env, meter, span, 'profile')));
  const profiles = series.map((s, i) => aggregateProfile(s, spans[i], 'profile'));
  const labels = slotLabels();
  const rows: Cell[][] = [['Time', ...periods.map((p) => p.label)]];
  for (let i = 0; i < PROFILE_SLOTS; i++)
    rows.push([labels[i], ...profiles.map((p) => p[i + 1][1])]);
  const lastDay = Math.max(...periods.map((p) => p.last));
  const ttl = ttlForDays(lastDay, zone, now);
  // Named periods ("last-week") mean other days tomorrow; the cache key cannot tell.
  const relative = periods.some((p) => asNamedPeriod(p.label) !== null);
  return {
    table: rows,
    ttlSeconds: relative ? Math.min(ttl, secondsUntilTomorrow(zone, now)) : ttl,
  };
}

export const COMPARE: FunctionSpec = {
  id: 'COMPARE',
  description:
    'Average-day profiles of several periods side by side, e.g. January against July: one kWh column per period, one row per local half-hour.',
  params: [
    {
      name: 'periods',
      type: 'any',
      matrix: true,
      description:
        'Periods: a range of cells or text like "2024-01, 2024-07"; each a month, a day, a year, "2024-01-01..2024-01-14" or a named period such as last-week.',
    },
    {
      name: 'meter',
      type: 'string',
      optional: true,
      description:
        'A meter id from METER_METERS() or a provider name. Default: Settings, else the demo meter.',
    },
    {
      name: 'timezone',
      type: 'string',
      optional: true,
      description:
        "IANA time zone of the half-hour slots. Default: Settings, else the meter's home zone, else Europe/London.",
    },
  ],
  result:
    'Time (HH:MM slot start), then one column per period: mean kWh in that half-hour over the days with data.',
  examples: ['=METER_COMPARE("2024-01, 2024-07")', '=METER_COMPARE(A2:A4, "demo:electricity")'],
  run,
};
