// METER_APPLIANCES: where a household's electricity went, appliance by appliance, over one
// of the aiaas API's named periods (its consumption distribution).
import type { Flow } from '../flow';
import { callApi } from '../providers/aiaas/client';
import { applianceTable } from '../providers/aiaas/insights';
import { AIAAS_METER_DOC, aiaasTarget, periodTtl, periodWindow, requireApiPeriod } from './aiaas';
import { zoneOf } from './context';
import type { FunctionEnv, FunctionResult, FunctionSpec } from './spec';

function* run(args: unknown[], env: FunctionEnv): Flow<FunctionResult> {
  const [periodArg, meterArg] = args;
  const period = requireApiPeriod(periodArg, 'METER_APPLIANCES');
  const { ctx, meter } = yield* aiaasTarget(meterArg, env, 'METER_APPLIANCES');
  const zone = zoneOf(undefined, env, meter);
  const now = env.clock();
  const [data] = yield* callApi(ctx, [{ endpoint: 'distribution', period }]);
  const table = applianceTable(data, 'consumption distribution', {
    zone,
    now,
    window: periodWindow(period, zone, now),
  });
  return { table, ttlSeconds: periodTtl(period, zone, now, 0) };
}

export const APPLIANCES: FunctionSpec = {
  id: 'APPLIANCES',
  provider: 'aiaas',
  description:
    'Where the electricity went, appliance by appliance (fridge, washing machine, oven, standby…), over a period: from the Italian appliance API (aiaas).',
  params: [
    {
      name: 'period',
      type: 'string',
      description:
        'One of the periods the API knows: yesterday, last-seven-days, this-week, last-week, this-month or last-month.',
    },
    { name: 'meter', type: 'string', optional: true, description: AIAAS_METER_DOC },
  ],
  result: 'Appliance, Wh: one row per appliance, in the order the API gives them.',
  examples: [
    '=METER_APPLIANCES("last-week")',
    '=METER_APPLIANCES("yesterday", "aiaas:1234567890")',
  ],
  run,
};
