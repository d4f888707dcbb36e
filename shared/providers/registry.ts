// The providers, in the order users see them: a provider joins with one line here
// (docs/adding-a-provider.md). A build for some providers only (METER_SHEETS_PROVIDERS)
// swaps this module for one generated from the selection (scripts/build/_providers.mjs),
// so it must stay a list of `<id>Provider` imports from `./<id>`, demo first.
import { aiaasProvider } from './aiaas';
import { brightProvider } from './bright';
import { demoProvider } from './demo';
import { homewizardProvider } from './homewizard';
import { krakenProvider } from './kraken';
import { octopusProvider } from './octopus';
import { powershaperProvider } from './powershaper';
import type { Provider } from './provider';

export const PROVIDER_LIST: Provider[] = [
  demoProvider,
  powershaperProvider,
  octopusProvider,
  krakenProvider,
  aiaasProvider,
  homewizardProvider,
  brightProvider,
];
