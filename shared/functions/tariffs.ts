import { all, type Flow } from '../flow';
import { PRICE_SOURCES } from '../tariffs/sources';
import { regionOf } from '../tariffs/sources/octopus';
import type { Table } from '../table';
import { parseOptionalText } from './args';
import type { FunctionEnv, FunctionResult, FunctionSpec } from './spec';
import { DEFAULT_TIMEZONE } from '../settings';

const LIST_TTL_SECONDS = 3600;

function* run(args: unknown[], env: FunctionEnv): Flow<FunctionResult> {
  const [filterArg, regionArg] = args;
  const filter = parseOptionalText(
    filterArg,
    'filter',
    'text to look for in a product code or name',
  );
  const regionText = parseOptionalText(
    regionArg,
    'region',
    'a region letter A to P or a UK postcode',
  );
  const now = env.clock();
  const ctx = {
    settings: env.settings,
    clock: env.clock,
    zone: env.settings.timezone ?? DEFAULT_TIMEZONE,
    from: now,
    to: now,
    fuel: 'electricity' as const,
    direction: 'import' as const,
    runtime: env.runtime ?? 'node',
    deadline: env.deadline,
  };
  // "demo" lists the built-in tariffs alone, with no network.
  if (filter !== null && /^demo/i.test(filter)) {
    const demo = PRICE_SOURCES.find((s) => s.id === 'demo');
    return { table: yield* demo!.list!(null, null, ctx), ttlSeconds: LIST_TTL_SECONDS };
  }
  const octopus = PRICE_SOURCES.find((s) => s.id === 'octopus');
  const region =
    regionText !== null || env.settings.tariffs?.region ? yield* regionOf(ctx, regionText) : null;
  const [table] = yield* all<Table>([octopus!.list!(filter, region, ctx)]);
  return { table, ttlSeconds: LIST_TTL_SECONDS };
}

export const TARIFFS: FunctionSpec = {
  id: 'TARIFFS',
  description:
    "Octopus Energy's products on sale and, for a region, their tariff codes with today's unit rate and standing charge: where to find the code for METER_COST and METER_TARIFF_COMPARE.",
  params: [
    {
      name: 'filter',
      type: 'string',
      optional: true,
      description:
        'Text a product code or name must contain, e.g. agile, go or tracker; "demo" lists the built-in demo tariffs.',
    },
    {
      name: 'region',
      type: 'string',
      optional: true,
      description:
        'Your region: a letter A to P or a UK postcode. Default: Settings; without one, products are listed without tariff codes.',
    },
  ],
  result:
    'With a region: Tariff (the code), Product, Name, Fuel, Direction, Unit rate, Night rate (two-rate tariffs) and Standing charge, including VAT. Without: Product, Name, Direction, Variable, Tracker, Available from.',
  examples: ['=METER_TARIFFS("demo")', '=METER_TARIFFS("agile", A1)'],
  run,
};
