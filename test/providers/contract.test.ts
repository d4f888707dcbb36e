// Every provider's case (test/providers/cases.ts) against the provider contract.
import { describe } from 'vitest';
import { PROVIDER_TEST_CASES } from './cases';
import { providerContract } from './contract';

for (const c of PROVIDER_TEST_CASES)
  describe(`${c.provider} (contract)`, () => providerContract(c));
