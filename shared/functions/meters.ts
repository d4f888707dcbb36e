import { all, type Flow } from '../flow';
import { type Cell, dateCell } from '../table';
import { isUsable, metersOf, providersOf } from './context';
import type { FunctionEnv, FunctionResult, FunctionSpec } from './spec';

export const METERS_HEADER = [
  'Meter',
  'Provider',
  'Fuel',
  'Direction',
  'First day',
  'Last day',
  'Description',
];

function* run(args: unknown[], env: FunctionEnv): Flow<FunctionResult> {
  const providers = providersOf(env).filter((p) => isUsable(p, env));
  const lists = yield* all(providers.map((p) => metersOf(p, env)));
  const rows: Cell[][] = [METERS_HEADER.slice()];
  for (const meters of lists) {
    for (const m of meters) {
      rows.push([
        m.id,
        m.provider,
        m.fuel,
        m.direction,
        m.firstDay === null ? null : dateCell(m.firstDay),
        m.lastDay === null ? null : dateCell(m.lastDay),
        m.label,
      ]);
    }
  }
  return { table: rows, ttlSeconds: 600 };
}

export const METERS: FunctionSpec = {
  id: 'METERS',
  description: 'The meters you can query: the demo meter and every provider set up in Settings.',
  params: [],
  result:
    'Meter (the id other functions take), Provider, Fuel, Direction, First day, Last day (with data), Description.',
  examples: ['=METER_METERS()'],
  run,
};
