// The custom functions, in the order the docs list them. A function is a file here named
// after its id in lower case (underscores as hyphens: tariff-compare.ts), exporting its spec under the id (USAGE in usage.ts); a build
// for some providers only swaps this module for one without the functions that work only
// with providers left out (scripts/build/_providers.mjs).
import { APPLIANCES } from './appliances';
import { CARBON } from './carbon';
import { COMPARE } from './compare';
import { COST } from './cost';
import { INSIGHT } from './insight';
import { METERS } from './meters';
import { NOW } from './now';
import { RATES } from './rates';
import type { FunctionSpec } from './spec';
import { TARIFF_COMPARE } from './tariff-compare';
import { TARIFFS } from './tariffs';
import { USAGE } from './usage';

export const FUNCTION_LIST: FunctionSpec[] = [
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
