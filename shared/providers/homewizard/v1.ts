// HomeWizard Energy local API v1 (`http://<host>/api/v1/data`, no token): older firmware
// and devices without v2. Different names for the same data points (`total_power_import_kwh`
// for `energy_import_kwh`, `active_power_w` for `power_w`, even the misspelt
// `montly_power_peak_w`), timestamps as yymmddhhmmss numbers, and gas both in `external`
// and in the older `total_gas_m3`/`gas_timestamp`/`gas_unique_id` fields.
import type { Measurement, MeasurementNumber } from './models';
import {
  type ReadContext,
  asObject,
  copyNumbers,
  deviceTime,
  num,
  parseExternal,
  str,
} from './parse';

/** `GET /api/v1/data` as sent (the fields the common model uses). */
export interface V1DataJson {
  smr_version?: number;
  meter_model?: string;
  unique_id?: string;
  active_tariff?: number;
  total_power_import_kwh?: number;
  total_power_export_kwh?: number;
  active_power_w?: number;
  montly_power_peak_timestamp?: number;
  total_gas_m3?: number;
  gas_timestamp?: number;
  gas_unique_id?: string;
  external?: { unique_id: string; type: string; timestamp: number; value: number; unit: string }[];
  [dataPoint: string]: unknown;
}

/** Numeric data points: v1 wire name → model name. */
export const V1_NUMBERS: Record<string, MeasurementNumber> = {
  smr_version: 'protocolVersion',
  active_tariff: 'tariff',
  total_power_import_kwh: 'energyImportKwh',
  total_power_import_t1_kwh: 'energyImportT1Kwh',
  total_power_import_t2_kwh: 'energyImportT2Kwh',
  total_power_import_t3_kwh: 'energyImportT3Kwh',
  total_power_import_t4_kwh: 'energyImportT4Kwh',
  total_power_export_kwh: 'energyExportKwh',
  total_power_export_t1_kwh: 'energyExportT1Kwh',
  total_power_export_t2_kwh: 'energyExportT2Kwh',
  total_power_export_t3_kwh: 'energyExportT3Kwh',
  total_power_export_t4_kwh: 'energyExportT4Kwh',
  active_power_w: 'powerW',
  active_power_l1_w: 'powerL1W',
  active_power_l2_w: 'powerL2W',
  active_power_l3_w: 'powerL3W',
  active_voltage_v: 'voltageV',
  active_voltage_l1_v: 'voltageL1V',
  active_voltage_l2_v: 'voltageL2V',
  active_voltage_l3_v: 'voltageL3V',
  active_current_a: 'currentA',
  active_current_l1_a: 'currentL1A',
  active_current_l2_a: 'currentL2A',
  active_current_l3_a: 'currentL3A',
  active_frequency_hz: 'frequencyHz',
  voltage_sag_l1_count: 'voltageSagL1Count',
  voltage_sag_l2_count: 'voltageSagL2Count',
  voltage_sag_l3_count: 'voltageSagL3Count',
  voltage_swell_l1_count: 'voltageSwellL1Count',
  voltage_swell_l2_count: 'voltageSwellL2Count',
  voltage_swell_l3_count: 'voltageSwellL3Count',
  any_power_fail_count: 'anyPowerFailCount',
  long_power_fail_count: 'longPowerFailCount',
  active_power_average_w: 'averagePower15mW',
  montly_power_peak_w: 'monthlyPowerPeakW',
};

export function parseV1Data(json: unknown, ctx: ReadContext): Measurement {
  const j = asObject(json) ?? {};
  // v1 has no telegram timestamp for electricity: the reading is as of its arrival.
  const m: Measurement = { api: 1, receivedAt: ctx.receivedAt, external: [] };
  copyNumbers(j, V1_NUMBERS, m);
  const meterModel = str(j.meter_model);
  if (meterModel) m.meterModel = meterModel;
  const uniqueId = str(j.unique_id);
  if (uniqueId) m.uniqueId = uniqueId;
  const peak = deviceTime(j.montly_power_peak_timestamp, ctx);
  if (peak !== undefined) m.monthlyPowerPeakTime = peak;
  m.external = parseExternal(j.external, ctx);
  // Older firmware reports gas only in the dedicated fields.
  const gasId = str(j.gas_unique_id);
  const gas = num(j.total_gas_m3);
  if (gas !== undefined && !m.external.some((e) => e.type === 'gas_meter')) {
    const time = deviceTime(j.gas_timestamp, ctx);
    m.external.unshift({
      uniqueId: gasId ?? 'gas',
      type: 'gas_meter',
      known: true,
      value: gas,
      unit: 'm3',
      ...(time === undefined ? {} : { time }),
    });
  }
  return m;
}
