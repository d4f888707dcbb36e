// THE function table: every custom function, declared once. Hosts and the CLI are
// generated from, or dispatch through, this list.
import { APPLIANCES } from './appliances';
import { CARBON } from './carbon';
import { COMPARE } from './compare';
import { COST } from './cost';
import { INSIGHT } from './insight';
import { METERS } from './meters';
import { NOW } from './now';
import type { FunctionSpec } from './spec';
import { RATES } from './rates';
import { TARIFF_COMPARE } from './tariff-compare';
import { TARIFFS } from './tariffs';
import { USAGE } from './usage';

export const FUNCTIONS: FunctionSpec[] = [
  USAGE,
  METERS,
  COMPARE,
  NOW,
  APPLIANCES,
  INSIGHT,
  COST,
  TARIFF_COMPARE,
  RATES,
  TARIFFS,
  CARBON,
];

export function findFunction(id: string): FunctionSpec | undefined {
  // The CLI spells TARIFF_COMPARE as tariff-compare.
  const key = id
    .toUpperCase()
    .replace(/^METER[_.]/, '')
    .replace(/-/g, '_');
  return FUNCTIONS.find((f) => f.id === key);
}
