// The mock Kraken's account: its agreements, meter points and meters. An ended agreement
// (a supply the household left) shows only without `active: true`, and the dumb meter the
// smart one replaced only with `includeInactive`, so a client that forgets either filter
// lists meters it cannot read.
import { MOCK_POINTS } from './fixtures';

function smartDevices(deviceId: string) {
  return deviceId ? [{ __typename: 'SmartMeterDeviceType', deviceId }] : [];
}

function electricityAgreement(
  point: { mpan: string; serial: string; deviceId: string },
  direction: 'IMPORT' | 'EXPORT',
  validFrom: string,
  validTo: string | null,
) {
  return {
    __typename: 'ElectricityAgreementType',
    validFrom,
    validTo,
    isActive: validTo === null,
    meterPoint: {
      __typename: 'ElectricityMeterPointType',
      mpan: point.mpan,
      direction,
      meters: (a: Record<string, unknown>) => {
        const device = point.deviceId ? { deviceId: point.deviceId } : null;
        const meters = [
          {
            __typename: 'ElectricityMeterType',
            serialNumber: point.serial,
            smartDevices: smartDevices(point.deviceId),
            smartImportElectricityMeter:
              direction === 'IMPORT' && device
                ? { __typename: 'SmartImportElectricityMeter', ...device }
                : null,
            smartExportElectricityMeter:
              direction === 'EXPORT' && device
                ? { __typename: 'SmartExportElectricityMeter', ...device }
                : null,
          },
        ];
        if (a.includeInactive !== false && direction === 'IMPORT')
          meters.push({
            __typename: 'ElectricityMeterType',
            serialNumber: 'K91A02345',
            smartDevices: [],
            smartImportElectricityMeter: null,
            smartExportElectricityMeter: null,
          });
        return meters;
      },
    },
  };
}

export function electricityAgreements(args: Record<string, unknown>) {
  const active = [
    electricityAgreement(MOCK_POINTS.import, 'IMPORT', '2022-06-01T00:00:00+01:00', null),
    electricityAgreement(MOCK_POINTS.export, 'EXPORT', '2022-09-15T00:00:00+01:00', null),
  ];
  const ended = [
    electricityAgreement(
      MOCK_POINTS.old,
      'IMPORT',
      '2019-03-01T00:00:00+00:00',
      '2022-06-01T00:00:00+01:00',
    ),
  ];
  if (args.active === true) return active;
  if (args.active === false) return ended;
  return [...ended, ...active];
}

export function gasAgreements(args: Record<string, unknown>) {
  const p = MOCK_POINTS.gas;
  if (args.active === false) return [];
  return [
    {
      __typename: 'GasAgreementType',
      validFrom: '2022-06-01T00:00:00+01:00',
      validTo: null,
      isActive: true,
      meterPoint: {
        __typename: 'GasMeterPointType',
        mprn: p.mprn,
        meters: () => [
          {
            __typename: 'GasMeterType',
            serialNumber: p.serial,
            smartDevices: smartDevices(p.deviceId),
          },
        ],
      },
    },
  ];
}
