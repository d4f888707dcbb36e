// The mock Kraken's account: its agreements (with tariffs), meter points and meters. An
// ended agreement (a supply the household left) shows only without `active: true`, and the
// dumb meter the smart one replaced only with `includeInactive`, so a client that forgets
// either filter lists meters it cannot read. An export meter names its import meter
// (`importMeter`), as Kraken links them.
//
// A meter exchange (option `exchangeAt`): the smart meter was replaced at that instant;
// the new one (another device id) is the only active meter, and Kraken files each reading
// under the device that took it, so readings before the exchange are under the old device.
import { MOCK_POINTS, MOCK_REPLACEMENT } from './fixtures';
import type { PointKind } from './household';

export interface AccountOptions {
  /** When the electricity smart meter was exchanged (UTC ms), or null. */
  exchangeAt: number | null;
  /**
   * Whether the export meter point shows it is one other than by `direction` (its meter
   * names an import meter; its tariff is "Outgoing"). Some Krakens show neither.
   */
  exportSigns: boolean;
}

const TARIFFS = {
  IMPORT: {
    __typename: 'HalfHourlyTariff',
    id: '201',
    displayName: 'Agile Octopus',
    fullName: 'Agile Octopus October 2024 v1',
    productCode: 'AGILE-24-10-01',
    tariffCode: 'E-1R-AGILE-24-10-01-C',
  },
  EXPORT: {
    __typename: 'StandardTariff',
    id: '202',
    displayName: 'Outgoing Octopus',
    fullName: 'Outgoing Octopus 12M Fixed October 2024 v1',
    productCode: 'OUTGOING-VAR-24-10-26',
    tariffCode: 'E-1R-OUTGOING-VAR-24-10-26-C',
    unitRate: 15,
  },
  /** An export tariff whose name does not say so. */
  PLAIN: {
    __typename: 'StandardTariff',
    id: '203',
    displayName: 'Fixed 12M',
    productCode: 'FIX-12M-24-10-01',
    tariffCode: 'E-1R-FIX-12M-24-10-01-C',
  },
  OLD: {
    __typename: 'StandardTariff',
    id: '101',
    displayName: 'Flexible Octopus',
    productCode: 'VAR-19-04-12',
    tariffCode: 'E-1R-VAR-19-04-12-C',
  },
};

function device(deviceId: string, serialNumber: string) {
  return { __typename: 'SmartMeterDeviceType', id: `smd-${deviceId}`, deviceId, serialNumber };
}

export function createAccount(o: AccountOptions) {
  /** The smart device a half-hour starting at t was read by. */
  function deviceAt(kind: PointKind, t: number): string {
    if (kind !== 'gas' && o.exchangeAt !== null && t >= o.exchangeAt)
      return MOCK_REPLACEMENT.deviceId;
    return MOCK_POINTS[kind].deviceId;
  }

  function electricityMeter(
    id: string,
    serial: string,
    deviceId: string,
    direction: 'IMPORT' | 'EXPORT',
    importMeterId: string | null,
  ) {
    const smart = deviceId ? device(deviceId, serial) : null;
    return {
      __typename: 'ElectricityMeterType',
      id,
      serialNumber: serial,
      activeTo: null as string | null,
      importMeter: importMeterId ? { __typename: 'ElectricityMeterType', id: importMeterId } : null,
      smartDevices: smart ? [smart] : [],
      smartImportElectricityMeter: direction === 'IMPORT' ? smart : null,
      smartExportElectricityMeter: direction === 'EXPORT' ? smart : null,
      registers: [
        {
          __typename: 'ElectricityMeterRegisterType',
          id: `${id}-1`,
          identifier: '1',
          name: direction === 'EXPORT' ? 'Export' : 'Import',
        },
      ],
    };
  }

  function meters(direction: 'IMPORT' | 'EXPORT', point: { serial: string; deviceId: string }) {
    return (a: Record<string, unknown>) => {
      const importId = direction === 'EXPORT' && o.exportSigns ? '9001' : null;
      const id = direction === 'EXPORT' ? '9002' : '9001';
      const original = electricityMeter(id, point.serial, point.deviceId, direction, importId);
      const list = [];
      if (o.exchangeAt === null || !point.deviceId) list.push(original);
      else {
        const r = MOCK_REPLACEMENT;
        list.push(
          electricityMeter(`${id}0`, r.serial, r.deviceId, direction, importId && `${importId}0`),
        );
        original.activeTo = new Date(o.exchangeAt).toISOString().slice(0, 10);
        if (a.includeInactive !== false) list.push(original);
      }
      if (a.includeInactive !== false && direction === 'IMPORT' && point.deviceId)
        list.push({
          ...electricityMeter('8001', 'K91A02345', '', 'IMPORT', null),
          activeTo: '2022-05-31',
        });
      return list;
    };
  }

  function electricityAgreement(
    point: { mpan: string; serial: string; deviceId: string },
    direction: 'IMPORT' | 'EXPORT',
    validFrom: string,
    validTo: string | null,
  ) {
    return {
      __typename: 'ElectricityAgreementType',
      id: direction === 'EXPORT' ? 3002 : validTo ? 3000 : 3001,
      validFrom,
      validTo,
      tariff: validTo
        ? TARIFFS.OLD
        : direction === 'EXPORT' && !o.exportSigns
          ? TARIFFS.PLAIN
          : TARIFFS[direction],
      meterPoint: {
        __typename: 'ElectricityMeterPointType',
        id: `mp-${point.mpan}`,
        mpan: point.mpan,
        direction,
        meters: meters(direction, point),
      },
    };
  }

  function electricityAgreements(args: Record<string, unknown>) {
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

  function gasAgreements(args: Record<string, unknown>) {
    const p = MOCK_POINTS.gas;
    if (args.active === false) return [];
    return [
      {
        __typename: 'GasAgreementType',
        id: 4001,
        validFrom: '2022-06-01T00:00:00+01:00',
        validTo: null,
        meterPoint: {
          __typename: 'GasMeterPointType',
          id: `mp-${p.mprn}`,
          mprn: p.mprn,
          meters: () => [
            {
              __typename: 'GasMeterType',
              id: '9101',
              serialNumber: p.serial,
              smartDevices: [device(p.deviceId, p.serial)],
            },
          ],
        },
      },
    ];
  }

  return { electricityAgreements, gasAgreements, deviceAt };
}
