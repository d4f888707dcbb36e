// THE function table: every custom function, declared once. Hosts and the CLI are
// generated from, or dispatch through, this list.
import { APPLIANCES } from './appliances';
import { CARBON } from './carbon';
import { COMPARE } from './compare';
import { INSIGHT } from './insight';
import { METERS } from './meters';
import { NOW } from './now';
import type { FunctionSpec } from './spec';
import { USAGE } from './usage';

export const FUNCTIONS: FunctionSpec[] = [USAGE, METERS, COMPARE, NOW, APPLIANCES, INSIGHT, CARBON];

export function findFunction(id: string): FunctionSpec | undefined {
  const key = id.toUpperCase().replace(/^METER[_.]/, '');
  return FUNCTIONS.find((f) => f.id === key);
}
