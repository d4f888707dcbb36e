// Telling an export meter point from an import one, with and without Kraken's `direction`.
import { describe, expect, it } from 'vitest';
import { parseMeters } from '../../../shared/providers/kraken/meters';
import { MOCK_ACCOUNT } from './mock';
import { json } from '../../mocks/mock-http';
import { krakenHarness } from './harness';

function account(...agreements: Record<string, unknown>[]) {
  return {
    account: { number: MOCK_ACCOUNT, electricityAgreements: agreements, gasAgreements: [] },
  };
}
const point = (mpan: string, extra: Record<string, unknown> = {}) => ({
  meterPoint: { mpan, meters: [{ serialNumber: 'S1', smartDevices: [] }], ...extra },
});
const directions = (data: Record<string, unknown>) =>
  parseMeters(data, MOCK_ACCOUNT).map((m) => [m.id, m.direction]);

describe('Kraken meter directions', () => {
  it('believes direction when Kraken gives it, even against the other signs', () => {
    expect(
      directions(
        account({
          tariff: { tariffCode: 'E-1R-OUTGOING-FIX-12M-19-05-13-C' },
          ...point('1', { direction: 'IMPORT' }),
        }),
      ),
    ).toEqual([['kraken:1', 'import']]);
  });

  it('without direction: an export tariff, or a meter that names its import meter', () => {
    expect(
      directions(
        account(
          { tariff: { productCode: 'AGILE-24-10-01' }, ...point('1') },
          { tariff: { displayName: 'Outgoing Octopus' }, ...point('2') },
          {
            ...point('3'),
            meterPoint: {
              mpan: '3',
              meters: [{ serialNumber: 'S3', importMeter: { id: '9' }, smartDevices: [] }],
            },
          },
          { tariff: null, ...point('4') },
        ),
      ),
    ).toEqual([
      ['kraken:1', 'import'],
      ['kraken:4', 'import'],
      ['kraken:2:export', 'export'],
      ['kraken:3:export', 'export'],
    ]);
  });

  it('still fails on a schema error about a field it cannot do without', () => {
    const h = krakenHarness({
      wrap: (handler) => (req) =>
        JSON.parse(req.body).operationName === 'krakenMeters'
          ? json(200, {
              errors: [
                { message: 'Cannot query field "mpan" on type "ElectricityMeterPointType".' },
              ],
            })
          : handler(req),
    });
    expect(() => h.meters()).toThrow(
      'Kraken does not know the field "mpan" on type "ElectricityMeterPointType"',
    );
    const asked = h.graphqlSent().filter((s) => s.body.operationName === 'krakenMeters');
    expect(asked).toHaveLength(1);
  });
});
