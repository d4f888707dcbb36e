// A deployment with only the providers its user needs (METER_SHEETS_PROVIDERS): smaller,
// and allowed to fetch only those providers' hosts.
import { describe, expect, it } from 'vitest';
import { loadAddOn, sheets } from './harness';
import { PROVIDER_CASES } from './provider-cases';

describe('building the add-on with a chosen set of providers', () => {
  it("leaves the others' code, functions and hosts out", async () => {
    const all = await loadAddOn([]);
    const octopus = await loadAddOn([], ['octopus']);
    // The carbon and price sources' hosts come with every build: METER_CARBON and the
    // tariff functions are not a provider's.
    expect(octopus.manifest.urlFetchWhitelist).toEqual([
      'https://api.carbonintensity.org.uk/',
      'https://api.energyzero.nl/',
      'https://api.octopus.energy/',
    ]);
    // Each left-out provider's code is gone (a name only its module spells), and with it a
    // good part of the bundle (the tariff and carbon code every build keeps is the rest).
    for (const mark of ['obtainKrakenToken', 'glowmarkt', 'PowerShaper', 'aiaas'])
      expect(octopus.code, mark).not.toContain(mark);
    expect(octopus.code.length).toBeLessThan(all.code.length * 0.75);
    expect(octopus.code).toContain('function METER_USAGE(');
    expect(octopus.code).not.toContain('function METER_APPLIANCES('); // aiaas-only
    expect(all.code).toContain('function METER_APPLIANCES(');
    expect(octopus.html['Settings']).toBeDefined();
  });

  it('still runs the chosen provider and the demo, and names the ones left out as unknown', async () => {
    const c = PROVIDER_CASES.find((x) => x.provider === 'octopus')!;
    const s = await sheets({ providers: ['octopus'], routes: await c.routes() });
    s.saveSettings({ providers: { octopus: c.config }, allowFormulas: true });
    expect(s.cell('METER_USAGE', '2024-01-15', '2024-01-15', 'day', 'octopus')[1][2]).toEqual(
      expect.any(Number),
    );
    expect(s.cell('METER_METERS').map((r) => r[1])).toEqual(
      expect.arrayContaining(['demo', 'octopus']),
    );
    expect(s.cellError('METER_USAGE', '2024-01-15', '', '', 'kraken')).toMatch(
      /^meter: expected .* \(demo, octopus\), got "kraken"$/,
    );
  });

  it('refuses an unknown provider at build time', async () => {
    await expect(loadAddOn([], ['tesla'])).rejects.toThrow(
      /^providers: unknown tesla; known: (?=.*\bdemo\b)(?=.*\boctopus\b).*$/,
    );
  });
});
