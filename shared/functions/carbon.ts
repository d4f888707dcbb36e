// METER_CARBON: the grid's carbon intensity itself, to find the greener hours. Half-hours
// as published, or means by hour, day, week, month, or the average day; `now` for the
// forecast 48 hours ahead. Figures from the Carbon Intensity API (CC BY 4.0), or the
// built-in demo grid for region "demo".
import { AGGREGATES, type Aggregate, resolveSpan } from '../aggregate';
import { AREA_EXPECTED } from '../carbon/area';
import { parseArea } from '../carbon';
import { aggregateIntensity, gridPoints } from '../carbon/aggregate';
import { intensityFor } from '../carbon';
import { AHEAD_MS } from '../carbon/source';
import { MeterError, argumentError } from '../errors';
import { MAX_WINDOWS } from '../carbon/carbon-intensity';
import type { Flow } from '../flow';
import { MS_PER_HALF_HOUR } from '../time/civil';
import { civilDayAt } from '../time/zone';
import { isBlank, parseDayRange, parseOptionalText, single } from './args';
import { zoneOf } from './context';
import { MAX_TABLE_ROWS, checkUsageRows } from './limits';
import type { FunctionEnv, FunctionResult, FunctionSpec } from './spec';
import { ttlForDays } from './ttl';

/** The longest range: the most 14-day windows the API source sends in one batch. */
export const MAX_CARBON_DAYS = MAX_WINDOWS * 14;

/** How long the forecast ahead may be reused: it is revised every half-hour. */
const TTL_AHEAD_SECONDS = 300;

const AGGREGATE_EXPECTED = `one of ${AGGREGATES.join(', ')}, optionally followed by "mix" (like "hour mix")`;

/** `hour`, `hour mix`, `mix`, `day+mix`: an aggregate, and whether to add the generation mix. */
export function parseCarbonAggregate(value: unknown): { how: Aggregate; mix: boolean } {
  const v = single(value);
  if (isBlank(v)) return { how: 'none', mix: false };
  if (typeof v !== 'string') throw argumentError('aggregate', AGGREGATE_EXPECTED, v);
  const words = v
    .trim()
    .toLowerCase()
    .split(/[\s,+]+/)
    .filter(Boolean);
  const mix = words.includes('mix');
  const rest = words.filter((w) => w !== 'mix');
  if (
    rest.length > 1 ||
    (rest.length === 1 && !(AGGREGATES as readonly string[]).includes(rest[0]))
  )
    throw argumentError('aggregate', AGGREGATE_EXPECTED, v);
  return { how: (rest[0] ?? 'none') as Aggregate, mix };
}

function isNow(value: unknown): boolean {
  const v = single(value);
  return typeof v === 'string' && v.trim().toLowerCase() === 'now';
}

function* run(args: unknown[], env: FunctionEnv): Flow<FunctionResult> {
  const [start, end, howArg, regionArg, tz] = args;
  const zone = zoneOf(tz, env);
  const now = env.clock();
  const { how, mix } = parseCarbonAggregate(howArg);
  // A region id typed into a cell arrives as a number.
  const regionCell = single(regionArg);
  const regionText =
    (typeof regionCell === 'number' && Number.isInteger(regionCell)
      ? String(regionCell)
      : parseOptionalText(regionArg, 'region', AREA_EXPECTED)) ??
    env.settings.carbon?.source ??
    'national';
  const area = parseArea(regionText, 'region');
  if (isNow(start)) {
    if (!isBlank(single(end)))
      throw argumentError(
        'end',
        'nothing when start is "now" (the forecast covers 48 hours)',
        single(end),
      );
    const today = civilDayAt(zone, now);
    const span = resolveSpan(zone, today, today + 3);
    const points = yield* intensityFor(env, { kind: 'ahead', area, from: now, mix });
    const from = Math.floor(now / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
    const to = points.length > 0 ? points[points.length - 1].end : from;
    return {
      table: aggregateIntensity(
        gridPoints(points, from, Math.min(to, from + AHEAD_MS)),
        span,
        how,
        mix,
      ),
      ttlSeconds: TTL_AHEAD_SECONDS,
    };
  }
  const range = parseDayRange(start, end, env.cellZone ?? zone, { now, zone });
  const days = range.last - range.first + 1;
  if (days > MAX_CARBON_DAYS)
    throw new MeterError(
      'unsupported',
      `METER_CARBON: at most ${MAX_CARBON_DAYS} days (about 7 years) at a time, got ${days}; ` +
        'the Carbon Intensity API answers 14 days a request',
    );
  checkUsageRows(
    'METER_CARBON',
    range.last - range.first + 1,
    how,
    MAX_TABLE_ROWS,
    'ask for a coarser aggregate (hour, day, week or month) or a shorter range',
  );
  const span = resolveSpan(zone, range.first, range.last);
  const points = yield* intensityFor(env, {
    kind: 'range',
    area,
    from: span.from,
    to: span.to,
    mix,
  });
  return {
    table: aggregateIntensity(gridPoints(points, span.from, span.to), span, how, mix),
    ttlSeconds: ttlForDays(range.last, zone, now),
  };
}

export const CARBON: FunctionSpec = {
  id: 'CARBON',
  description:
    'Great Britain\'s grid carbon intensity (gCO2/kWh) by half-hour, hour, day, week, month, or as an average day, nationally or for a region; "now" gives the next 48 hours\' forecast. Data: Carbon Intensity API (carbonintensity.org.uk), CC BY 4.0.',
  params: [
    {
      name: 'start',
      type: 'any',
      description:
        'First day: a date, "2024-01-31", "2024-01" for a whole month, or a named period like last-week; or "now" for the forecast of the next 48 hours.',
    },
    {
      name: 'end',
      type: 'any',
      optional: true,
      description:
        'Last day, inclusive (like METER_USAGE). Default: start. Leave empty with "now".',
    },
    {
      name: 'aggregate',
      type: 'string',
      optional: true,
      description:
        'none (half-hours, the default), hour, day, week, month, profile, weekday-profile or weekend-profile; add "mix" (like "hour mix") for the generation mix in percent.',
    },
    {
      name: 'region',
      type: 'string',
      optional: true,
      description:
        'national, a region id 1-17 (13 = London; see docs/carbon.md), a postcode\'s outward code like "RG10", or demo. Default: Settings (carbon.source), else national.',
    },
    {
      name: 'timezone',
      type: 'string',
      optional: true,
      description:
        'IANA time zone the days and hours are counted in. Default: Settings, else Europe/London.',
    },
  ],
  result:
    'Start, End, Intensity (gCO2/kWh), Index (very low … very high), Basis (actual, forecast or mixed), with "mix" a percentage column per fuel, then Missing (half-hours without a figure). Profiles: Time, Intensity, Index, Basis, Days, Missing.',
  examples: [
    '=METER_CARBON("now", , "hour")',
    '=METER_CARBON("2024-01", "2024-01", "profile", 13)',
    '=METER_CARBON("last-week", , "day mix", "national")',
  ],
  run,
};
