// METER_INSIGHT: the aiaas API's analyses (habits, tariff-band trend, savings, greenness…)
// as tables, one kind at a time.
import { MeterError, argumentError } from '../errors';
import type { Flow } from '../flow';
import { callApi } from '../providers/aiaas/client';
import { INSIGHTS, findInsight, insightWindow } from '../providers/aiaas/insights';
import { AIAAS_METER_DOC, aiaasTarget, periodTtl, periodWindow, requireApiPeriod } from './aiaas';
import { isBlank, single } from './args';
import { zoneOf } from './context';
import type { FunctionEnv, FunctionResult, FunctionSpec } from './spec';

const KINDS = INSIGHTS.map((k) => k.name).join(', ');

/** How long an answer without a period stays fresh: live data briefly, analyses longer. */
const TTL_BY_ENDPOINT: Record<string, number> = { latest: 60, greenness: 900 };
const TTL_ANALYSIS = 3600;

function* run(args: unknown[], env: FunctionEnv): Flow<FunctionResult> {
  const [kindArg, periodArg, meterArg] = args;
  const k = single(kindArg);
  const kind = typeof k === 'string' ? findInsight(k) : undefined;
  if (!kind) throw argumentError('kind', `one of ${KINDS}`, k);
  if (!kind.period && !isBlank(single(periodArg)))
    throw new MeterError('argument', `period: ${kind.name} takes no period; leave it empty`);
  const period = kind.period ? requireApiPeriod(periodArg, kind.name) : null;
  const { ctx, meter } = yield* aiaasTarget(meterArg, env, 'METER_INSIGHT');
  const zone = zoneOf(undefined, env, meter);
  const now = env.clock();
  const [data] = yield* callApi(ctx, [{ endpoint: kind.endpoint, period: period ?? undefined }]);
  const window = insightWindow(kind, period ? periodWindow(period, zone, now) : null, now);
  const table = kind.table(data, { zone, now, window });
  const ttl = periodTtl(period, zone, now, TTL_BY_ENDPOINT[kind.endpoint] ?? TTL_ANALYSIS);
  return { table, ttlSeconds: ttl };
}

export const INSIGHT: FunctionSpec = {
  id: 'INSIGHT',
  provider: 'aiaas',
  description:
    "The Italian appliance API's (aiaas) analyses of a household's electricity as tables: power by appliance, habits, tariff-band trend, savings, greenness and more.",
  params: [
    {
      name: 'kind',
      type: 'string',
      description: `Which table: ${INSIGHTS.map((i) => `${i.name}${i.period ? ' (needs a period)' : ''}`).join(', ')}.`,
    },
    {
      name: 'period',
      type: 'string',
      optional: true,
      description:
        'For the kinds that need one: yesterday, last-seven-days, this-week, last-week, this-month or last-month. Leave empty for the others.',
    },
    { name: 'meter', type: 'string', optional: true, description: AIAAS_METER_DOC },
  ],
  result: INSIGHTS.map((i) => `${i.name}: ${i.about}.`).join(' '),
  examples: [
    '=METER_INSIGHT("habits", "last-week")',
    '=METER_INSIGHT("trend")',
    '=METER_INSIGHT("green-windows")',
  ],
  run,
};
