import { aggregate, resolveSpan } from '../aggregate';
import type { Flow } from '../flow';
import { asNamedPeriod } from '../time/named-periods';
import { parseAggregate, parseDayRange, single } from './args';
import { resolveMeter, seriesFor, zoneOf } from './context';
import { MAX_TABLE_ROWS, checkUsageRows } from './limits';
import type { FunctionEnv, FunctionResult, FunctionSpec } from './spec';
import { secondsUntilTomorrow, ttlForDays } from './ttl';

/** Whether either date argument is a named period, whose days move with the clock. */
function isRelative(...values: unknown[]): boolean {
  return values.some((v) => {
    const s = single(v);
    return typeof s === 'string' && asNamedPeriod(s) !== null;
  });
}

function* run(args: unknown[], env: FunctionEnv): Flow<FunctionResult> {
  const [start, end, how, meterArg, tz] = args;
  const now = env.clock();
  const agg = parseAggregate(how);
  // The days depend on the zone, which may be the meter's own: the arguments are checked in
  // the zone known so far (before any request), then read again in the meter's.
  const daysIn = (zone: string) => {
    const range = parseDayRange(start, end, env.cellZone ?? zone, { now, zone });
    checkUsageRows(
      'METER_USAGE',
      range.last - range.first + 1,
      agg,
      MAX_TABLE_ROWS,
      'ask for a coarser aggregate (hour, day, week or month) or a shorter range',
    );
    return range;
  };
  const early = zoneOf(tz, env);
  const earlyRange = daysIn(early);
  const meter = yield* resolveMeter(meterArg, env);
  const zone = zoneOf(tz, env, meter);
  const range = zone === early ? earlyRange : daysIn(zone);
  const span = resolveSpan(zone, range.first, range.last);
  const series = yield* seriesFor(env, meter, span, agg);
  const ttl = ttlForDays(range.last, zone, now);
  return {
    table: aggregate(series, span, agg),
    // A call naming "yesterday" means other days tomorrow; the cache key cannot tell.
    ttlSeconds: isRelative(start, end) ? Math.min(ttl, secondsUntilTomorrow(zone, now)) : ttl,
  };
}

export const USAGE: FunctionSpec = {
  id: 'USAGE',
  description:
    'Energy use of a meter between two local days (inclusive), half-hourly or aggregated by hour, day, week, month, or as an average-day profile.',
  params: [
    {
      name: 'start',
      type: 'any',
      description:
        'First day: a date, "2024-01-31", or "2024-01" for a whole month; or a named period: yesterday, last-seven-days, this-week, last-week, this-month or last-month (in the timezone, as of now).',
    },
    {
      name: 'end',
      type: 'any',
      optional: true,
      description:
        'Last day, inclusive: a date, "2024-01-31", or "2024-01" meaning that month\'s last day. Default: start.',
    },
    {
      name: 'aggregate',
      type: 'string',
      optional: true,
      description:
        'none (native half-hours, the default), hour, day, week, month, profile, weekday-profile or weekend-profile.',
    },
    {
      name: 'meter',
      type: 'string',
      optional: true,
      description:
        'A meter id from METER_METERS() or a provider name. Default: the default meter in Settings, else the demo meter.',
    },
    {
      name: 'timezone',
      type: 'string',
      optional: true,
      description:
        "IANA time zone the days and hours are counted in. Default: Settings, else the meter's home zone (a HomeWizard bridge's --timezone), else Europe/London.",
    },
  ],
  result:
    'Intervals: Start, End, kWh, then Carbon (kg) and Cost in its currency (e.g. Cost (GBP)) when the provider reports them (grid carbon from Settings adds Carbon basis: actual, forecast or mixed), then Missing (expected native intervals with no data). Profiles: Time, kWh (mean per day), Days, Missing.',
  examples: [
    '=METER_USAGE("2024-01", "2024-01", "profile")',
    '=METER_USAGE("2024-03-31", "2024-03-31")',
    '=METER_USAGE(A1, B1, "day", "demo:gas")',
    '=METER_USAGE("last-week", "last-week", "day")',
  ],
  run,
};
