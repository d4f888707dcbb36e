// The price sources, asked in this order: a name saved in settings first (so a saved
// "agile" is the user's own), then the demo tariffs, typed-in tariffs and the published
// ones. Adding a source is one folder and one line here.
import { DEMO_SOURCE } from './demo';
import { ENERGYZERO_SOURCE } from './energyzero';
import { INLINE_SOURCE } from './inline';
import { KRAKEN_ACCOUNT_SOURCE } from './kraken-account';
import { OCTOPUS_SOURCE } from './octopus';
import { OCTOPUS_ACCOUNT_SOURCE } from './octopus-account';
import { SAVED_SOURCE } from './saved';
import type { PriceSource } from './source';

export const PRICE_SOURCES: PriceSource[] = [
  SAVED_SOURCE,
  DEMO_SOURCE,
  INLINE_SOURCE,
  KRAKEN_ACCOUNT_SOURCE,
  OCTOPUS_ACCOUNT_SOURCE,
  OCTOPUS_SOURCE,
  ENERGYZERO_SOURCE,
];

export type { PriceSource, TariffContext } from './source';
