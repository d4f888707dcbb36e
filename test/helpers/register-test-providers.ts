// Preloaded into test builds of the hosts (e.g. the Apps Script bundle): adds the test
// providers to the registry before the host loads, as a real provider's one line would.
import { PROVIDERS } from '../../shared/providers';
import { fakeProvider } from './fake-provider';
import { fakeTokenProvider } from './fake-token-provider';

for (const p of [fakeProvider, fakeTokenProvider])
  if (!PROVIDERS.some((x) => x.id === p.id)) PROVIDERS.push(p);
