// Every provider the add-on knows, by id. Adding a provider = one module + one line here.
import type { SettingField } from '../settings';
import { aiaasProvider } from './aiaas';
import { brightProvider } from './bright';
import { demoProvider } from './demo';
import { homewizardProvider } from './homewizard';
import { krakenProvider } from './kraken';
import { octopusProvider } from './octopus';
import { powershaperProvider } from './powershaper';
import type { Provider } from './provider';

export const PROVIDERS: Provider[] = [
  demoProvider,
  powershaperProvider,
  octopusProvider,
  krakenProvider,
  aiaasProvider,
  homewizardProvider,
  brightProvider,
];

export function findProvider(id: string, providers: Provider[] = PROVIDERS): Provider | undefined {
  const key = id.trim().toLowerCase();
  return providers.find((p) => p.id === key);
}

export function fieldsByProvider(
  providers: Provider[] = PROVIDERS,
): Record<string, SettingField[]> {
  const out: Record<string, SettingField[]> = {};
  for (const p of providers) out[p.id] = p.fields;
  return out;
}

export type { Provider, ProviderContext, Runtime, UsageQuery } from './provider';
