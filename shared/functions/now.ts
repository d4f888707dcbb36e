import { MeterError } from '../errors';
import type { Flow } from '../flow';
import { findProvider } from '../providers';
import { type Cell, dateTimeCell } from '../table';
import { offsetAt } from '../time/zone';
import { providerContext, providersOf, resolveMeter, zoneOf } from './context';
import type { FunctionEnv, FunctionResult, FunctionSpec } from './spec';

const DEFAULT_REFRESH_MS = 60_000;

/** How often METER.NOW may refresh for the meter this argument names. */
export function* nowRefreshMs(meterArg: unknown, env: FunctionEnv): Flow<number> {
  const meter = yield* resolveMeter(meterArg, env);
  return findProvider(meter.provider, providersOf(env))?.nowRefreshMs ?? DEFAULT_REFRESH_MS;
}

function* run(args: unknown[], env: FunctionEnv): Flow<FunctionResult> {
  const [meterArg] = args;
  const meter = yield* resolveMeter(meterArg, env);
  const provider = findProvider(meter.provider, providersOf(env));
  if (!provider?.now)
    throw new MeterError(
      'unsupported',
      `${provider?.label ?? meter.provider} has no live readings`,
    );
  const reading = yield* provider.now(providerContext(provider, env), meter);
  const zone = zoneOf(undefined, env, meter);
  const header: Cell[] = [
    'Time',
    'Demand (W)',
    ...reading.counters.map((c) => `${c.label} (${c.unit})`),
  ];
  const row: Cell[] = [
    dateTimeCell(reading.time, offsetAt(zone, reading.time)),
    reading.demandW,
    ...reading.counters.map((c) => c.value),
  ];
  // Last, so that the columns before them stay where formulas expect them.
  if (reading.ageSeconds !== undefined) {
    header.push('Age (s)');
    row.push(reading.ageSeconds);
  }
  if (reading.state !== undefined) {
    header.push('State');
    row.push(reading.state);
  }
  const ttlSeconds = Math.max(1, Math.floor((provider.nowRefreshMs ?? DEFAULT_REFRESH_MS) / 1000));
  return { table: [header, row], ttlSeconds };
}

export const NOW: FunctionSpec = {
  id: 'NOW',
  description:
    'The latest reading of a meter: time and demand in watts, with the cumulative registers when the provider has them.',
  params: [
    {
      name: 'meter',
      type: 'string',
      optional: true,
      description:
        'A meter id from METER_METERS() or a provider name. Default: Settings, else the demo meter.',
    },
  ],
  result:
    'Time, Demand (W) (negative when exporting), then counters such as Import (kWh) and Export (kWh); for readings relayed by a HomeWizard bridge, then Age (s) and State (ok, or what is wrong with the device).',
  examples: ['=METER_NOW()', '=METER_NOW("kraken")'],
  streaming: true,
  run,
};
