import { resolveSpan } from '../aggregate';
import { MeterError } from '../errors';
import { all, type Flow } from '../flow';
import type { Tariff } from '../tariffs/model';
import { withCurrency } from '../tariffs/model';
import type { Priced } from '../tariffs/price';
import { tariffList } from '../tariffs/resolve';
import { costTable, costTotals } from '../tariffs/table';
import type { Cell, Table } from '../table';
import { formatMonth, monthIndex } from '../time/civil';
import { civilDayAt } from '../time/zone';
import { isBlank, parseDayRange, single } from './args';
import { resolveMeter, seriesFor, zoneOf } from './context';
import { TARIFF_PARAM_TEXT, param } from './cost';
import type { FunctionEnv, FunctionResult, FunctionSpec } from './spec';
import { priceMeter, pricedTtl, tariffContext, tariffFor } from './tariff-context';
import { ttlForDays } from './ttl';
import type { Series } from '../model';
import type { Span } from '../aggregate';
import { isDateTimeCell } from '../table';

function byTariff(series: Series, tariffs: Tariff[], priced: Priced[], currency: string): Table {
  const rows: Table = [
    [
      'Tariff',
      'kWh',
      withCurrency('Energy cost', currency),
      withCurrency('Standing charge', currency),
      withCurrency('Total', currency),
      withCurrency('Difference', currency),
      'Unpriced',
      'Missing',
    ],
  ];
  let first: number | null = null;
  priced.forEach((p, i) => {
    const t = costTotals(series, p);
    if (i === 0) first = t.total;
    rows.push([
      tariffs[i].name,
      t.kwh,
      t.energy,
      t.standing,
      t.total,
      t.total !== null && first !== null ? t.total - first : null,
      t.unpriced,
      t.missing,
    ]);
  });
  return rows;
}

/** One row per month, one Total column per tariff. */
function byMonth(
  series: Series,
  span: Span,
  tariffs: Tariff[],
  priced: Priced[],
  currency: string,
): Table {
  const tables = priced.map((p) => costTable(series, span, 'month', p, currency));
  const rows: Table = [
    ['Month', 'kWh', ...tariffs.map((t) => withCurrency(t.name, currency)), 'Unpriced', 'Missing'],
  ];
  for (let r = 1; r < tables[0].length; r++) {
    const start = tables[0][r][0];
    const label = isDateTimeCell(start)
      ? formatMonth(civilDayAt(span.zone, start.utc))
      : String(monthIndex(span.firstDay));
    let unpriced = 0;
    for (const t of tables) unpriced = Math.max(unpriced, t[r][6] as number);
    const row: Cell[] = [
      label,
      tables[0][r][2],
      ...tables.map((t) => t[r][5]),
      unpriced,
      tables[0][r][7],
    ];
    rows.push(row);
  }
  return rows;
}

function* run(args: unknown[], env: FunctionEnv): Flow<FunctionResult> {
  const [start, end, tariffsArg, how, meterArg, tz] = args;
  const zone = zoneOf(tz, env);
  const now = env.clock();
  const range = parseDayRange(start, end, env.cellZone ?? zone, { now, zone });
  const agg = single(how);
  const monthly = !isBlank(agg) && String(agg).trim().toLowerCase() === 'month';
  if (!isBlank(agg) && !monthly && String(agg).trim().toLowerCase() !== 'total')
    throw new MeterError(
      'argument',
      `aggregate: expected total (the default) or month, got "${String(agg)}"`,
    );
  const names = tariffList(tariffsArg);
  const meter = yield* resolveMeter(meterArg, env);
  const span = resolveSpan(zone, range.first, range.last);
  const ctx = tariffContext(env, meter, span);
  // Every tariff's rates and the meter's usage go out together: one round trip.
  const [tariffs, series] = (yield* all<unknown>([
    all(names.map((n) => tariffFor(n, meter, ctx))),
    seriesFor(env, meter, span, 'none'),
  ])) as [Tariff[], Series];
  const currency = tariffs[0].currency;
  const other = tariffs.find((t) => t.currency !== currency);
  if (other)
    throw new MeterError(
      'argument',
      `tariffs: ${tariffs[0].name} is in ${currency} and ${other.name} in ${other.currency}; compare tariffs in one currency`,
    );
  const priced = tariffs.map((t) => priceMeter(series, t, meter, span));
  return {
    table: monthly
      ? byMonth(series, span, tariffs, priced, currency)
      : byTariff(series, tariffs, priced, currency),
    ttlSeconds: pricedTtl(ttlForDays(range.last, zone, now), tariffs),
  };
}

export const TARIFF_COMPARE: FunctionSpec = {
  id: 'TARIFF_COMPARE',
  description:
    "A meter's usage replayed on several tariffs: what the same half-hours would have cost on each, and the difference from the first.",
  params: [
    param('start'),
    {
      ...param('end'),
      optional: false,
      description:
        'Last day, inclusive: a date, "2024-01-31", or "2024-01" meaning that month\'s last day.',
    },
    {
      name: 'tariffs',
      type: 'any',
      matrix: true,
      description: `The tariffs to compare: a range of cells (one tariff a cell) or text separated by commas. Each: ${TARIFF_PARAM_TEXT}`,
    },
    {
      name: 'aggregate',
      type: 'string',
      optional: true,
      description:
        'total (the default: one row per tariff) or month (one row per month, one column per tariff).',
    },
    param('meter'),
    param('timezone'),
  ],
  result:
    'Per tariff: Tariff, kWh, Energy cost, Standing charge, Total and Difference (from the first tariff) in the tariffs\' currency, Unpriced (intervals with no known rate: totals blank) and Missing. With "month": Month, kWh, one total column per tariff, Unpriced, Missing.',
  examples: [
    '=METER_TARIFF_COMPARE("2024-01", "2024-12", "demo-flat, demo-two-rate, demo-dynamic")',
    '=METER_TARIFF_COMPARE("2024-01", "2024-06", "demo-flat, demo-tou", "month")',
    '=METER_TARIFF_COMPARE("last-month", "last-month", A2:A5)',
  ],
  run,
};
