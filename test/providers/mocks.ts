// Every provider mock by provider id (test/providers/<id>/mock), for harnesses that pick one
// by name.
import type { MockHandler } from '../mocks/mock-http';

export interface MockModule {
  createMock(options?: unknown): { handler: MockHandler; basePath?: string };
}

export const MOCK_MODULES: Record<string, () => Promise<MockModule>> = {
  powershaper: () => import('./powershaper/mock'),
  octopus: () => import('./octopus/mock'),
  kraken: () => import('./kraken/mock'),
  aiaas: () => import('./aiaas/mock'),
  homewizard: () => import('./homewizard/mock'),
};

export async function mockModule(provider: string): Promise<MockModule> {
  const load = MOCK_MODULES[provider];
  if (!load) throw new Error(`test: no mock for provider ${provider}`);
  return load();
}
