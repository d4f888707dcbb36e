// HomeWizard answers into the common model: the v2 documentation's examples (https://api-documentation.homewizard.com/docs/v2/measurement), the battery, API v1's
// other names, external meters of unknown types, and zone-less timestamps.
import { describe, expect, it } from 'vitest';
import { readMeasurementResponse } from '../../shared/providers/homewizard/client';
import { parseV1Data } from '../../shared/providers/homewizard/v1';
import {
  errorCode,
  parseDeviceInfo,
  parseUserToken,
  parseV2Measurement,
} from '../../shared/providers/homewizard/v2';
import { parseWallTime, wallToUtc } from '../../shared/providers/homewizard/timestamp';

const AMS = 'Europe/Amsterdam';
const ctx = { zone: AMS, receivedAt: Date.UTC(2024, 5, 28, 12, 12, 40) };

// The v2 documentation's "HWE-P1 (1-phase, no gas)" example (its trailing comma removed: a typo there).
const ONE_PHASE = `{
  "protocol_version": 50,
  "meter_model": "ISKRA 2M550T-101",
  "unique_id": "4E6576657220476F6E6E61204769766520596F75205570",
  "timestamp": "2024-06-28T14:12:34",
  "energy_import_t1_kwh": 10830.511,
  "energy_import_t2_kwh": 2948.827,
  "energy_export_t1_kwh": 1285.951,
  "energy_export_t2_kwh": 2876.51,
  "power_w": -678,
  "power_l1_w": -676
}`;

// The v2 documentation's "HWE-P1 (3-phase, with gas and water meter)" example.
const THREE_PHASE = `{
  "protocol_version": 50, "meter_model": "ISKRA 2M550T-101",
  "unique_id": "4E6576657220476F6E6E61204C657420596F7520446F776E",
  "timestamp": "2024-06-28T14:12:34", "tariff": 2,
  "energy_import_kwh": 13779.338, "energy_import_t1_kwh": 10830.511, "energy_import_t2_kwh": 2948.827,
  "energy_export_kwh": 0, "energy_export_t1_kwh": 0, "energy_export_t2_kwh": 0,
  "power_w": -543, "power_l1_w": -676, "power_l2_w": 133, "power_l3_w": 0,
  "current_a": 6, "current_l1_a": -4, "current_l2_a": 2, "current_l3_a": 0,
  "voltage_sag_l1_count": 1, "voltage_sag_l2_count": 1, "voltage_sag_l3_count": 0,
  "voltage_swell_l1_count": 0, "voltage_swell_l2_count": 0, "voltage_swell_l3_count": 0,
  "any_power_fail_count": 4, "long_power_fail_count": 5,
  "average_power_15m_w": 123.000, "monthly_power_peak_w": 1111.000,
  "monthly_power_peak_timestamp": "2024-06-04T10:11:22",
  "external": [
    { "unique_id": "4E6576657220676F6E6E612072756E2061726F756E64", "type": "gas_meter",
      "timestamp": "2024-06-28T14:00:00", "value": 2569.646, "unit": "m3" },
    { "unique_id": "616E642064657365727420796F75", "type": "water_meter",
      "timestamp": "2024-06-28T14:05:00", "value": 123.456, "unit": "m3" }
  ]
}`;

// The v2 documentation's "HWE-BAT" example.
const BATTERY = `{ "energy_import_kwh": 123.456, "energy_export_kwh": 123.456, "power_w": 123,
  "voltage_l1_v": 230, "current_a": 1.5, "frequency_hz": 50, "state_of_charge_pct": 50, "cycles": 123 }`;

describe('API v2 measurement', () => {
  it('reads the 1-phase example: tariff registers only, nothing invented', () => {
    const m = parseV2Measurement(JSON.parse(ONE_PHASE), ctx);
    expect(m).toEqual({
      api: 2,
      receivedAt: ctx.receivedAt,
      protocolVersion: 50,
      meterModel: 'ISKRA 2M550T-101',
      uniqueId: '4E6576657220476F6E6E61204769766520596F75205570',
      time: Date.UTC(2024, 5, 28, 12, 12, 34), // 14:12:34 in Amsterdam (CEST, +02:00)
      energyImportT1Kwh: 10830.511,
      energyImportT2Kwh: 2948.827,
      energyExportT1Kwh: 1285.951,
      energyExportT2Kwh: 2876.51,
      powerW: -678,
      powerL1W: -676,
      external: [],
    });
    // Omitted means unknown, not zero.
    expect(m.energyImportKwh).toBeUndefined();
    expect(m.tariff).toBeUndefined();
  });

  it('reads the 3-phase example with phases, quality counters, capacity tariff and external meters', () => {
    const m = parseV2Measurement(JSON.parse(THREE_PHASE), ctx);
    expect(m.tariff).toBe(2);
    expect(m.energyImportKwh).toBe(13779.338);
    expect(m.energyExportKwh).toBe(0);
    expect([m.powerL1W, m.powerL2W, m.powerL3W]).toEqual([-676, 133, 0]);
    expect([m.currentA, m.currentL1A, m.currentL2A, m.currentL3A]).toEqual([6, -4, 2, 0]);
    expect([m.voltageSagL1Count, m.voltageSagL2Count, m.voltageSagL3Count]).toEqual([1, 1, 0]);
    expect([m.voltageSwellL1Count, m.anyPowerFailCount, m.longPowerFailCount]).toEqual([0, 4, 5]);
    expect(m.averagePower15mW).toBe(123);
    expect(m.monthlyPowerPeakW).toBe(1111);
    expect(m.monthlyPowerPeakTime).toBe(Date.UTC(2024, 5, 4, 8, 11, 22));
    expect(m.external).toEqual([
      {
        uniqueId: '4E6576657220676F6E6E612072756E2061726F756E64',
        type: 'gas_meter',
        known: true,
        value: 2569.646,
        unit: 'm3',
        time: Date.UTC(2024, 5, 28, 12, 0, 0),
      },
      {
        uniqueId: '616E642064657365727420796F75',
        type: 'water_meter',
        known: true,
        value: 123.456,
        unit: 'm3',
        time: Date.UTC(2024, 5, 28, 12, 5, 0),
      },
    ]);
  });

  it('reads the plug-in battery: state of charge and cycles, no meter timestamp', () => {
    const m = parseV2Measurement(JSON.parse(BATTERY), ctx);
    expect(m).toMatchObject({
      energyImportKwh: 123.456,
      energyExportKwh: 123.456,
      powerW: 123,
      voltageL1V: 230,
      currentA: 1.5,
      frequencyHz: 50,
      stateOfChargePct: 50,
      cycles: 123,
    });
    expect(m.time).toBeUndefined();
  });

  it('keeps external meters of types it does not know, and drops entries without id or type', () => {
    const m = parseV2Measurement(
      {
        external: [
          {
            unique_id: 'AA',
            type: 'heat_meter',
            timestamp: '2024-06-28T14:00:00',
            value: 12.5,
            unit: 'GJ',
          },
          {
            unique_id: 'BB',
            type: 'cooling_meter',
            timestamp: '2024-06-28T14:00:00',
            value: 3,
            unit: 'GJ',
          },
          { type: 'gas_meter', value: 1 },
          { unique_id: 'CC', type: 'inlet_heat_meter', value: null },
        ],
      },
      ctx,
    );
    expect(m.external.map((e) => [e.uniqueId, e.type, e.known, e.value, e.unit])).toEqual([
      ['AA', 'heat_meter', true, 12.5, 'GJ'],
      ['BB', 'cooling_meter', false, 3, 'GJ'],
      ['CC', 'inlet_heat_meter', true, undefined, undefined],
    ]);
  });

  it('treats null, text and missing data points alike: absent', () => {
    const m = parseV2Measurement({ power_w: null, energy_import_kwh: '12', tariff: 1 }, ctx);
    expect(m.powerW).toBeUndefined();
    expect(m.energyImportKwh).toBeUndefined();
    expect(m.tariff).toBe(1);
  });
});

describe('API v1 data, mapped onto the same model', () => {
  // The v1 field names (python-homewizard-energy's fixtures and HomeWizard's v1 docs).
  const V1 = {
    wifi_ssid: 'My Wi-Fi',
    wifi_strength: 100,
    smr_version: 50,
    meter_model: 'ISKRA  2M550T-101',
    unique_id: '4E47475955',
    active_tariff: 2,
    total_power_import_kwh: 13779.338,
    total_power_import_t1_kwh: 10830.511,
    total_power_import_t2_kwh: 2948.827,
    total_power_export_kwh: 0,
    total_power_export_t1_kwh: 0,
    total_power_export_t2_kwh: 0,
    active_power_w: -543,
    active_power_l1_w: -676,
    active_power_l2_w: 133,
    active_power_l3_w: 0,
    active_voltage_l1_v: 230.1,
    active_current_l1_a: -4,
    active_frequency_hz: 50,
    voltage_sag_l1_count: 1,
    any_power_fail_count: 4,
    long_power_fail_count: 5,
    active_power_average_w: 123.0,
    montly_power_peak_w: 1111.0,
    montly_power_peak_timestamp: 230101080010,
    total_gas_m3: 2569.646,
    gas_timestamp: 210606140010,
    gas_unique_id: '4E474C5944',
    external: [
      {
        unique_id: '4E475347',
        type: 'water_meter',
        timestamp: 210606140010,
        value: 444.444,
        unit: 'm3',
      },
    ],
  };

  it('gives the same model names for v1 data points', () => {
    const m = parseV1Data(V1, ctx);
    expect(m).toMatchObject({
      api: 1,
      protocolVersion: 50,
      tariff: 2,
      energyImportKwh: 13779.338,
      energyImportT1Kwh: 10830.511,
      energyImportT2Kwh: 2948.827,
      energyExportKwh: 0,
      powerW: -543,
      powerL2W: 133,
      voltageL1V: 230.1,
      currentL1A: -4,
      frequencyHz: 50,
      averagePower15mW: 123,
      monthlyPowerPeakW: 1111,
      monthlyPowerPeakTime: Date.UTC(2023, 0, 1, 7, 0, 10), // 08:00:10 CET
    });
    expect(m.time).toBeUndefined(); // v1 has no telegram time: the bridge uses the arrival
  });

  it('turns the legacy gas fields into a gas meter alongside the external list', () => {
    const m = parseV1Data(V1, ctx);
    expect(m.external.map((e) => [e.type, e.uniqueId, e.value, e.time])).toEqual([
      ['gas_meter', '4E474C5944', 2569.646, Date.UTC(2021, 5, 6, 12, 0, 10)],
      ['water_meter', '4E475347', 444.444, Date.UTC(2021, 5, 6, 12, 0, 10)],
    ]);
    // When the external list has the gas meter, it is not doubled.
    const both = parseV1Data(
      {
        ...V1,
        external: [
          {
            unique_id: 'G',
            type: 'gas_meter',
            timestamp: 210606140010,
            value: 2569.646,
            unit: 'm3',
          },
        ],
      },
      ctx,
    );
    expect(both.external.filter((e) => e.type === 'gas_meter')).toHaveLength(1);
  });
});

describe('device timestamps (no zone: read in the configured zone)', () => {
  it('parses v2 text and v1 yymmddhhmmss, and refuses impossible times', () => {
    expect(parseWallTime('2024-06-28T14:12:34')).toBe(Date.UTC(2024, 5, 28, 14, 12, 34));
    expect(parseWallTime(240628141234)).toBe(Date.UTC(2024, 5, 28, 14, 12, 34));
    expect(parseWallTime('2024-02-30T00:00:00')).toBeNull();
    expect(parseWallTime('28-06-2024 14:12')).toBeNull();
  });

  it('reads the same wall time as different instants in different zones', () => {
    const wall = parseWallTime('2024-01-15T12:00:00') as number;
    expect(wallToUtc('Europe/Amsterdam', wall, wall)).toBe(Date.UTC(2024, 0, 15, 11));
    expect(wallToUtc('Europe/London', wall, wall)).toBe(Date.UTC(2024, 0, 15, 12));
  });

  it('resolves the repeated hour of a fall-back night by when the reading arrived', () => {
    // 2024-10-27 02:30 happens twice in Amsterdam: 00:30Z (CEST) and 01:30Z (CET).
    const wall = parseWallTime('2024-10-27T02:30:00') as number;
    expect(wallToUtc(AMS, wall, Date.UTC(2024, 9, 27, 0, 30, 5))).toBe(
      Date.UTC(2024, 9, 27, 0, 30),
    );
    expect(wallToUtc(AMS, wall, Date.UTC(2024, 9, 27, 1, 30, 5))).toBe(
      Date.UTC(2024, 9, 27, 1, 30),
    );
  });

  it('reads an hour-old gas timestamp in the repeated hour as the past one', () => {
    // DSMR 4 gas is stamped on the hour: "02:00" arriving at 00:55Z means the first 02:00.
    const wall = parseWallTime('2024-10-27T02:00:00') as number;
    expect(wallToUtc(AMS, wall, Date.UTC(2024, 9, 27, 0, 55))).toBe(Date.UTC(2024, 9, 27, 0, 0));
    expect(wallToUtc(AMS, wall, Date.UTC(2024, 9, 27, 1, 20))).toBe(Date.UTC(2024, 9, 27, 1, 0));
  });

  it('places a time the spring-forward night skipped next to the arrival', () => {
    const wall = parseWallTime('2024-03-31T02:30:00') as number; // does not exist in Amsterdam
    const t = wallToUtc(AMS, wall, Date.UTC(2024, 2, 31, 1, 0, 0));
    expect([Date.UTC(2024, 2, 31, 0, 30), Date.UTC(2024, 2, 31, 1, 30)]).toContain(t);
  });
});

describe('device information, tokens and error bodies', () => {
  it('reads /api in v1 and v2', () => {
    expect(
      parseDeviceInfo({
        product_name: 'P1 Meter',
        product_type: 'HWE-P1',
        serial: '5c2fafaabbcc',
        firmware_version: '6.00',
        api_version: '2.0.0',
      }),
    ).toEqual({
      productName: 'P1 Meter',
      productType: 'HWE-P1',
      serial: '5c2fafaabbcc',
      firmwareVersion: '6.00',
      apiVersion: '2.0.0',
    });
    expect(parseDeviceInfo({ product_type: 'HWE-P1', api_version: 'v1', extra: 1 })).toEqual({
      productType: 'HWE-P1',
      apiVersion: 'v1',
    });
  });

  it('accepts only a 32-hex token from POST /api/user', () => {
    expect(
      parseUserToken({ name: 'local/meter-sheets', token: 'A1B2C3D4E5F60718293A4B5C6D7E8F90' }),
    ).toBe('A1B2C3D4E5F60718293A4B5C6D7E8F90');
    expect(parseUserToken({ token: 'short' })).toBeNull();
  });

  it('reads scope:error codes from either error shape, and never echoes anything else', () => {
    expect(errorCode('{"error": "user:creation-not-enabled"}')).toBe('user:creation-not-enabled');
    expect(errorCode('{"error": {"code": "user:unauthorized"}}')).toBe('user:unauthorized');
    expect(errorCode('{"error": "Bearer 0123456789ABCDEF0123456789ABCDEF is wrong"}')).toBeNull();
    expect(errorCode('<html>')).toBeNull();
  });
});

describe('an answer that is not a measurement', () => {
  const device = { host: '192.168.1.20', api: 2 as const, token: 'x'.repeat(32) };
  const ctx = { zone: 'Europe/Amsterdam', receivedAt: Date.UTC(2024, 0, 1) };
  for (const body of ['[]', '"ok"', 'null', '42'])
    it(`${body} is refused with a clear message, not read as an empty meter`, () => {
      expect(() =>
        readMeasurementResponse({ status: 200, headers: {}, body }, device, ctx),
      ).toThrow(
        /192\.168\.1\.20 answered the measurement request with something that is not a measurement/,
      );
    });
  it('an object with no fields at all is still a measurement (every field is optional)', () => {
    const m = readMeasurementResponse({ status: 200, headers: {}, body: '{}' }, device, ctx);
    expect(m.energyImportKwh).toBeUndefined();
  });
});
