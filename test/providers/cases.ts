// Every provider's test case, the one list the harnesses pick up: the Sheets and Excel host
// tests, the CLI and leak tests, the fault matrix and the fuzzers. A provider joins with its
// test/providers/<id>/case.ts and one line here (docs/adding-a-provider.md).
import type { ProviderCase } from './case';
import { aiaasCase } from './aiaas/case';
import { brightCase } from './bright/case';
import { homewizardCase } from './homewizard/case';
import { krakenCase } from './kraken/case';
import { octopusCase } from './octopus/case';
import { powershaperCase } from './powershaper/case';

export const PROVIDER_TEST_CASES: ProviderCase[] = [
  powershaperCase,
  octopusCase,
  krakenCase,
  aiaasCase,
  homewizardCase,
  brightCase,
];

export function providerCase(provider: string): ProviderCase {
  const c = PROVIDER_TEST_CASES.find((x) => x.provider === provider);
  if (!c) throw new Error(`test: no case for provider ${provider} in test/providers/cases.ts`);
  return c;
}
