// Every provider the add-on knows, by id (the list: ./registry.ts).
import type { SettingField } from '../settings';
import type { Provider } from './provider';
import { PROVIDER_LIST as PROVIDERS } from './registry';

export { PROVIDERS };

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
