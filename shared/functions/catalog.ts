// THE function table: every custom function, declared once. Hosts and the CLI are
// generated from, or dispatch through, this list (./list.ts).
import { FUNCTION_LIST as FUNCTIONS } from './list';
import type { FunctionSpec } from './spec';

export { FUNCTIONS };

export function findFunction(id: string): FunctionSpec | undefined {
  // The CLI spells TARIFF_COMPARE as tariff-compare.
  const key = id
    .toUpperCase()
    .replace(/^METER[_.]/, '')
    .replace(/-/g, '_');
  return FUNCTIONS.find((f) => f.id === key);
}
