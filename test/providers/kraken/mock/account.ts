// The mock Kraken's account: its agreements (with tariffs), meter points and meters. An
// ended agreement (a supply the household left) shows only without `active: true`, and the
// dumb meter the smart one replaced only with `includeInactive`, so a client that forgets
// either filter lists meters it cannot read. An export meter names its import meter
// (`importMeter`), as Kraken links them.
//
// Each meter point has its history of agreements (`agreements(includeInactive: true)`):
// import had a fixed tariff (a product the public products API no longer lists), then
// Flexible Octopus from 2 October 2023, then Agile from 16 October 2024; export from a fixed
// Outgoing tariff (ended 26 October 2024, a product the public products API no longer
// lists) to Outgoing Octopus; gas has been on Flexible throughout. Rates are in pence
// including VAT, as Kraken states them; Agile's `unitRates` are today's half-hours.
//
// A meter exchange (option `exchangeAt`): the smart meter was replaced at that instant;
// the new one (another device id) is the only active meter, and Kraken files each reading
// under the device that took it, so readings before the exchange are under the old device.
import { MS_PER_HALF_HOUR } from '../../../../shared/time/civil';
import { formatInstant } from '../../../../shared/time/iso';
import { civilDayAt, localMidnight } from '../../../../shared/time/zone';
import { agilePence } from '../../../mocks/octopus-tariffs';
import { MOCK_POINTS, MOCK_REPLACEMENT } from './fixtures';
import type { PointKind } from './household';

export interface AccountOptions {
  clock: () => number;
  /** When the electricity smart meter was exchanged (UTC ms), or null. */
  exchangeAt: number | null;
  /**
   * Whether the export meter point shows it is one other than by `direction` (its meter
   * names an import meter; its tariff is "Outgoing"). Some Krakens show neither.
   */
  exportSigns: boolean;
}

/** The switch from Flexible to Agile, and the end of the fixed export tariff. */
export const MOCK_SWITCH = '2024-10-16T00:00:00+01:00';
export const MOCK_EXPORT_SWITCH = '2024-10-26T00:00:00+01:00';
/** When import left its first, fixed tariff for Flexible (as Flexible's published rates start). */
export const MOCK_FLEX_FROM = '2023-10-02T00:00:00+01:00';
/** The fixed tariffs' rates (p/kWh, p/day): priced from Kraken's figures alone. */
export const MOCK_FIXED_EXPORT_PENCE = 5.5;
export const MOCK_FIXED_IMPORT = { unitRate: 28.5, standingCharge: 45.1 };

/** Agile's half-hours of the current UK day, as HalfHourlyTariff.unitRates lists them. */
function agileToday(clock: () => number) {
  return () => {
    const day = civilDayAt('Europe/London', clock());
    const start = localMidnight('Europe/London', day);
    const end = localMidnight('Europe/London', day + 1);
    const out = [];
    for (let t = start; t < end; t += MS_PER_HALF_HOUR) {
      const value = agilePence(t);
      out.push({
        __typename: 'UnitRate',
        validFrom: formatInstant(t),
        validTo: formatInstant(t + MS_PER_HALF_HOUR),
        value,
        preVatValue: Math.round((value / 1.05) * 10000) / 10000,
      });
    }
    return out;
  };
}

function tariffs(clock: () => number) {
  return {
    IMPORT: {
      __typename: 'HalfHourlyTariff',
      id: '201',
      displayName: 'Agile Octopus',
      fullName: 'Agile Octopus October 2024 v1',
      productCode: 'AGILE-24-10-01',
      tariffCode: 'E-1R-AGILE-24-10-01-C',
      standingCharge: 47.85,
      unitRates: agileToday(clock),
    },
    FLEX: {
      __typename: 'StandardTariff',
      id: '104',
      displayName: 'Flexible Octopus',
      productCode: 'VAR-22-11-01',
      tariffCode: 'E-1R-VAR-22-11-01-C',
      standingCharge: 60.12,
      unitRate: 22.36,
    },
    FIXED: {
      __typename: 'StandardTariff',
      id: '103',
      displayName: 'Octopus 12M Fixed',
      productCode: 'OE-FIX-12M-22-05-01',
      tariffCode: 'E-1R-OE-FIX-12M-22-05-01-C',
      ...MOCK_FIXED_IMPORT,
    },
    EXPORT: {
      __typename: 'StandardTariff',
      id: '202',
      displayName: 'Outgoing Octopus',
      fullName: 'Outgoing Octopus 12M Fixed October 2024 v1',
      productCode: 'OUTGOING-VAR-24-10-26',
      tariffCode: 'E-1R-OUTGOING-VAR-24-10-26-C',
      standingCharge: 0,
      unitRate: 15,
    },
    FIXED_EXPORT: {
      __typename: 'StandardTariff',
      id: '105',
      displayName: 'Outgoing Octopus Fixed',
      productCode: 'OUTGOING-FIX-12M-19-05-13',
      tariffCode: 'E-1R-OUTGOING-FIX-12M-19-05-13-C',
      standingCharge: 0,
      unitRate: MOCK_FIXED_EXPORT_PENCE,
    },
    /** An export tariff whose name does not say so. */
    PLAIN: {
      __typename: 'StandardTariff',
      id: '203',
      displayName: 'Fixed 12M',
      productCode: 'FIX-12M-24-10-01',
      tariffCode: 'E-1R-FIX-12M-24-10-01-C',
      standingCharge: 0,
      unitRate: 15,
    },
    OLD: {
      __typename: 'StandardTariff',
      id: '101',
      displayName: 'Flexible Octopus',
      productCode: 'VAR-19-04-12',
      tariffCode: 'E-1R-VAR-19-04-12-C',
    },
    GAS: {
      __typename: 'GasTariffType',
      id: '301',
      displayName: 'Flexible Octopus',
      productCode: 'VAR-22-11-01',
      tariffCode: 'G-1R-VAR-22-11-01-C',
      standingCharge: 30.06,
      unitRate: 5.59,
    },
  };
}

type History = [validFrom: string, validTo: string | null, tariff: object][];

/** Agreement list resolver: all with includeInactive, else those in force now. */
function agreementsOf(
  history: History,
  clock: () => number,
  make: (h: History[number], i: number) => object,
) {
  return (args: Record<string, unknown>) =>
    history
      .map((h, i) => ({ h, a: make(h, i) }))
      .filter(
        ({ h }) =>
          args.includeInactive === true ||
          (Date.parse(h[0]) <= clock() && (h[1] === null || clock() < Date.parse(h[1]))),
      )
      .map(({ a }) => a);
}

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

  const T = tariffs(o.clock);
  const history: Record<'import' | 'export' | 'old' | 'gas', History> = {
    import: [
      ['2022-06-01T00:00:00+01:00', MOCK_FLEX_FROM, T.FIXED],
      [MOCK_FLEX_FROM, MOCK_SWITCH, T.FLEX],
      [MOCK_SWITCH, null, T.IMPORT],
    ],
    export: [
      ['2022-09-15T00:00:00+01:00', MOCK_EXPORT_SWITCH, T.FIXED_EXPORT],
      [MOCK_EXPORT_SWITCH, null, o.exportSigns ? T.EXPORT : T.PLAIN],
    ],
    old: [['2019-03-01T00:00:00+00:00', '2022-06-01T00:00:00+01:00', T.OLD]],
    gas: [['2022-06-01T00:00:00+01:00', null, T.GAS]],
  };

  function electricityAgreement(
    point: { mpan: string; serial: string; deviceId: string },
    direction: 'IMPORT' | 'EXPORT',
    list: History,
    base: number,
  ) {
    const meterPoint: Record<string, unknown> = {
      __typename: 'ElectricityMeterPointType',
      id: `mp-${point.mpan}`,
      mpan: point.mpan,
      direction,
      meters: meters(direction, point),
    };
    const make = ([validFrom, validTo, tariff]: History[number], i: number) => ({
      __typename: 'ElectricityAgreementType',
      id: base + i,
      validFrom,
      validTo,
      tariff,
      meterPoint,
    });
    meterPoint.agreements = agreementsOf(list, o.clock, make);
    // The account lists each meter point through its latest agreement.
    return make(list[list.length - 1], list.length - 1);
  }

  function electricityAgreements(args: Record<string, unknown>) {
    const active = [
      electricityAgreement(MOCK_POINTS.import, 'IMPORT', history.import, 3000),
      electricityAgreement(MOCK_POINTS.export, 'EXPORT', history.export, 3100),
    ];
    const ended = [electricityAgreement(MOCK_POINTS.old, 'IMPORT', history.old, 3200)];
    if (args.active === true) return active;
    if (args.active === false) return ended;
    return [...ended, ...active];
  }

  function gasAgreements(args: Record<string, unknown>) {
    const p = MOCK_POINTS.gas;
    if (args.active === false) return [];
    const meterPoint: Record<string, unknown> = {
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
    };
    const make = ([validFrom, validTo, tariff]: History[number], i: number) => ({
      __typename: 'GasAgreementType',
      id: 4001 + i,
      validFrom,
      validTo,
      tariff,
      meterPoint,
    });
    meterPoint.agreements = agreementsOf(history.gas, o.clock, make);
    return history.gas.map(make);
  }

  return { electricityAgreements, gasAgreements, deviceAt };
}
