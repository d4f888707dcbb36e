// Every provider in the registry, through the BUILT Excel functions bundle, against its
// HTTP mock (real requests to 127.0.0.1): meters listed, usage and comparisons spilled,
// METER.NOW streaming where the provider has live readings.
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../shared/providers';
import { serveMock } from '../mocks/mock-http';
import { loadFunctionsBundle } from './harness';
import { MOCK_CASES, createMockFor } from './provider-mocks';

describe('provider mocks in the Excel harness', () => {
  it('cover every provider in the registry (a test/providers/<id>/case.ts in test/providers/cases.ts per provider)', () => {
    const covered = new Set(MOCK_CASES.map((c) => c.provider));
    const missing = PROVIDERS.filter((p) => p.id !== 'demo' && !covered.has(p.id)).map((p) => p.id);
    expect(missing).toEqual([]);
  });
});

for (const c of MOCK_CASES) {
  describe(`${c.provider} (mock) in Excel`, () => {
    async function setup() {
      const mock = await createMockFor(c);
      const server = await serveMock(mock.handler);
      const loaded = loadFunctionsBundle();
      const host = loaded.api.host();
      await host.settings.save({
        providers: { [c.provider]: c.settings(server.origin + (mock.basePath ?? '')) },
      });
      return { ...loaded, server, host };
    }

    it('lists its meters and spills usage, a profile comparison and (if live) METER.NOW', async () => {
      const { call, stream, server, api } = await setup();
      try {
        const meters = await call('METERS');
        expect(meters.slice(1).some((r) => String(r[1]) === c.provider)).toBe(true);
        const usage = await call('USAGE', c.day, c.day, 'none', c.provider);
        expect(usage[0].slice(0, 3)).toEqual(['Start', 'End', 'kWh']);
        expect(usage.length).toBeGreaterThan(1);
        expect(usage.slice(1).some((r) => typeof r[2] === 'number')).toBe(true);
        expect(usage.flat()).not.toContain(null);
        const compare = await call('COMPARE', c.day, c.provider);
        expect(compare).toHaveLength(49);
        expect(server.requests.length).toBeGreaterThan(0);
        if (api.builtInProviders.find((p) => p.id === c.provider)?.now) {
          const cell = stream('NOW', c.provider);
          await expect.poll(() => cell.results.length).toBeGreaterThan(0);
          expect(cell.results[0]).not.toHaveProperty('code');
          cell.cancel();
        }
      } finally {
        await server.close();
      }
    });
  });
}
