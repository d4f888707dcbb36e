// The example provider, written by following docs/adding-a-provider.md step by step, meets
// the same contract as every real provider: proof that the steps are complete. (It is a
// test provider, so it joins the registry here, where a real one has its line in
// shared/providers/registry.ts and its case in test/providers/cases.ts.)
import { describe } from 'vitest';
import { PROVIDERS } from '../../../shared/providers';
import { providerContract } from '../contract';
import { exampleCase } from './case';
import { exampleProvider } from './provider';

if (!PROVIDERS.includes(exampleProvider)) PROVIDERS.push(exampleProvider);

describe('example provider (contract)', () => providerContract(exampleCase));
