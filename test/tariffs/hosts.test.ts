// The done-when formula in both hosts, BUILT: =METER_TARIFF_COMPARE("2024-01", "2024-12",
// "AGILE-…, VAR-…") in the Sheets harness (UrlFetchApp routed to the Octopus products
// API mock) and METER.TARIFF_COMPARE in the Excel functions bundle (real HTTP to the mock
// on 127.0.0.1, set as tariffs.octopusBaseUrl).
import { describe, expect, it } from 'vitest';
import { OCTOPUS_PRODUCTS_URL } from '../../shared/tariffs/sources/octopus/api';
import { DEFAULT_NOW, sheets } from '../gas/harness';
import { loadFunctionsBundle } from '../excel/harness';
import { serveMock } from '../mocks/mock-http';
import { AGILE, FLEX, createOctopusTariffsMock } from '../mocks/octopus-tariffs';

const FORMULA: [string, string, string] = ['2024-01', '2024-12', `${AGILE}, ${FLEX}`];

function checkComparison(rows: unknown[][]) {
  expect(rows[0]).toEqual([
    'Tariff',
    'kWh',
    'Energy cost (GBP)',
    'Standing charge (GBP)',
    'Total (GBP)',
    'Difference (GBP)',
    'Unpriced',
    'Missing',
  ]);
  expect(rows.slice(1).map((r) => r[0])).toEqual([`E-1R-${AGILE}-C`, `E-1R-${FLEX}-C`]);
  for (const r of rows.slice(1)) {
    expect(typeof r[4]).toBe('number');
    expect(r[6]).toBe(0);
  }
  expect(rows[1][5]).toBe(0);
}

describe('METER_TARIFF_COMPARE in the hosts, against the Octopus products API mock', () => {
  it('Google Sheets', async () => {
    const mock = createOctopusTariffsMock({ now: () => DEFAULT_NOW });
    const s = await sheets({ routes: { [OCTOPUS_PRODUCTS_URL]: mock.handler } });
    s.saveSettings({ tariffs: { region: 'C' } });
    const rows = s.cell('METER_TARIFF_COMPARE', ...FORMULA);
    checkComparison(rows);
    const asked = mock.requests.length;
    expect(asked).toBeGreaterThan(0);
    // An identical recalculation is answered from cache.
    expect(s.cell('METER_TARIFF_COMPARE', ...FORMULA)).toEqual(rows);
    expect(mock.requests.length).toBe(asked);
  });

  it('Excel', async () => {
    const server = await serveMock(createOctopusTariffsMock().handler);
    try {
      const { call, api } = loadFunctionsBundle();
      await api.host().settings.save({
        providers: {},
        tariffs: { region: 'C', octopusBaseUrl: server.origin },
      });
      checkComparison(await call('TARIFF_COMPARE', ...FORMULA));
      const rates = await call('RATES', `E-1R-${AGILE}-C`, '2024-06-01');
      expect(rates).toHaveLength(49);
    } finally {
      await server.close();
    }
  });
});
