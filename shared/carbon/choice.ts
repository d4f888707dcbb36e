// Which carbon a meter's table shows. A provider's own carbon (PowerShaper, the demo meter)
// stays unless the user names an area for that meter; every other electricity meter gets
// the grid's carbon from the default area, when one is set. Gas, water and heat get none
// from the grid: the intensity is electricity's.
import type { Meter } from '../model';
import type { Settings } from '../settings';
import { type Area, readArea } from './area';

export type CarbonChoice =
  /** Whatever the provider reports (possibly nothing). */
  | { kind: 'provider' }
  /** No carbon column, even if the provider has one. */
  | { kind: 'none' }
  | { kind: 'grid'; area: Area };

export function carbonChoice(
  settings: Settings,
  meter: Meter,
  providerHasCarbon: boolean,
): CarbonChoice {
  const c = settings.carbon;
  const meters = c?.meters;
  const own = meters
    ? Object.prototype.hasOwnProperty.call(meters, meter.id.toLowerCase())
      ? meters[meter.id.toLowerCase()]
      : undefined
    : undefined;
  if (own === 'none') return { kind: 'none' };
  if (own === 'provider' || meter.fuel !== 'electricity') return { kind: 'provider' };
  const text = own ?? (providerHasCarbon ? undefined : c?.source);
  if (!text) return { kind: 'provider' };
  const area = readArea(text);
  // Validated settings hold only areas here; anything else leaves the provider's word.
  return area && area !== 'full-postcode' ? { kind: 'grid', area } : { kind: 'provider' };
}
