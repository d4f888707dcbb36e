import { resolveSpan } from '../aggregate';
import type { IntervalAggregate } from '../aggregate/intervals';
import { MeterError } from '../errors';
import type { Flow } from '../flow';
import { tariffText } from '../tariffs/resolve';
import { costTable } from '../tariffs/table';
import { parseAggregate, parseDayRange } from './args';
import { resolveMeter, seriesFor, zoneOf } from './context';
import { MAX_TABLE_ROWS, checkUsageRows } from './limits';
import type { FunctionEnv, FunctionResult, FunctionSpec } from './spec';
import {
  defaultTariffText,
  priceMeter,
  pricedTtl,
  tariffContext,
  tariffFor,
} from './tariff-context';
import { ttlForDays } from './ttl';
import { USAGE } from './usage';

const INTERVAL_AGGREGATES = ['none', 'hour', 'day', 'week', 'month'];

function* run(args: unknown[], env: FunctionEnv): Flow<FunctionResult> {
  const [start, end, how, tariffArg, meterArg, tz] = args;
  const zone = zoneOf(tz, env);
  const now = env.clock();
  const range = parseDayRange(start, end, env.cellZone ?? zone, { now, zone });
  const agg = parseAggregate(how);
  if (!INTERVAL_AGGREGATES.includes(agg))
    throw new MeterError(
      'argument',
      `aggregate: METER_COST takes ${INTERVAL_AGGREGATES.join(', ')}, got "${agg}"`,
    );
  checkUsageRows(
    'METER_COST',
    range.last - range.first + 1,
    agg,
    MAX_TABLE_ROWS,
    'ask for a coarser aggregate (hour, day, week or month) or a shorter range',
  );
  const text = tariffText(tariffArg);
  const meter = yield* resolveMeter(meterArg, env);
  const span = resolveSpan(zone, range.first, range.last);
  const ctx = tariffContext(env, meter, span);
  const tariff = yield* tariffFor(text ?? defaultTariffText(meter, env), meter, ctx);
  // Native intervals whatever the rows: each is priced at its own instant's rate.
  const series = yield* seriesFor(env, meter, span, 'none');
  const priced = priceMeter(series, tariff, meter, span);
  return {
    table: costTable(series, span, agg as IntervalAggregate, priced, tariff.currency),
    ttlSeconds: pricedTtl(ttlForDays(range.last, zone, now), [tariff]),
  };
}

export const param = (name: string) =>
  USAGE.params.find((p) => p.name === name) as FunctionSpec['params'][number];

export const TARIFF_PARAM_TEXT =
  'An Octopus tariff code (E-1R-AGILE-24-10-01-C) or product code (AGILE-24-10-01, region from Settings), a demo tariff (demo-flat, demo-two-rate, demo-tou, demo-dynamic, demo-export, demo-gas), an inline tariff ("0.245 + 0.60/day", "00:30-05:30 0.085, 0.30 + 0.60/day"), a tariff saved in Settings, account (the tariffs on your Octopus or Kraken account) or energyzero (Dutch day-ahead prices).';

export const COST: FunctionSpec = {
  id: 'COST',
  description:
    "What a meter's energy cost on a tariff between two local days: the usage table with energy cost, standing charges and their sum, priced at each interval's own rate.",
  params: [
    param('start'),
    param('end'),
    {
      name: 'aggregate',
      type: 'string',
      optional: true,
      description: 'none (native intervals, the default), hour, day, week or month.',
    },
    {
      name: 'tariff',
      type: 'string',
      optional: true,
      description: `${TARIFF_PARAM_TEXT} Default: an Octopus or Kraken meter's account tariffs, else the tariff in Settings (demo meters: the demo tariffs).`,
    },
    param('meter'),
    param('timezone'),
  ],
  result:
    "Start, End, kWh, Energy cost, Standing charge (each local day's, in the row its day starts in) and Cost, in the tariff's currency, e.g. \"Cost (GBP)\"; Unpriced (intervals whose rate is not known: their row's cost is blank, never priced at 0) and Missing.",
  examples: [
    '=METER_COST("2024-01", "2024-01", "day", "demo-two-rate")',
    '=METER_COST("2024-03-31", "2024-03-31", "none", "00:30-05:30 0.085, 0.30 + 0.60/day")',
    '=METER_COST("last-month", "last-month", "day", A1)',
  ],
  run,
};
