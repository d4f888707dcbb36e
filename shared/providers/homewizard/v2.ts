// HomeWizard Energy local API v2 (HTTPS, Bearer token, `X-Api-Version: 2`): the wire
// shapes as the device sends them, and their mapping onto the common model.
import type { DeviceInfo, Measurement, MeasurementNumber } from './models';
import { type ReadContext, asObject, copyNumbers, deviceTime, parseExternal, str } from './parse';

/** `GET /api/measurement` as sent. Every field may be absent (the API omits nulls). */
export interface V2MeasurementJson {
  unique_id?: string;
  protocol_version?: number;
  meter_model?: string;
  timestamp?: string;
  tariff?: number;
  energy_import_kwh?: number;
  energy_export_kwh?: number;
  power_w?: number;
  state_of_charge_pct?: number;
  cycles?: number;
  monthly_power_peak_timestamp?: string;
  external?: V2ExternalJson[];
  [dataPoint: string]: unknown;
}

export interface V2ExternalJson {
  unique_id: string;
  type: string;
  timestamp: string;
  value: number;
  unit: string;
}

/** Numeric data points: v2 wire name → model name. */
export const V2_NUMBERS: Record<string, MeasurementNumber> = {
  protocol_version: 'protocolVersion',
  tariff: 'tariff',
  energy_import_kwh: 'energyImportKwh',
  energy_import_t1_kwh: 'energyImportT1Kwh',
  energy_import_t2_kwh: 'energyImportT2Kwh',
  energy_import_t3_kwh: 'energyImportT3Kwh',
  energy_import_t4_kwh: 'energyImportT4Kwh',
  energy_export_kwh: 'energyExportKwh',
  energy_export_t1_kwh: 'energyExportT1Kwh',
  energy_export_t2_kwh: 'energyExportT2Kwh',
  energy_export_t3_kwh: 'energyExportT3Kwh',
  energy_export_t4_kwh: 'energyExportT4Kwh',
  power_w: 'powerW',
  power_l1_w: 'powerL1W',
  power_l2_w: 'powerL2W',
  power_l3_w: 'powerL3W',
  voltage_v: 'voltageV',
  voltage_l1_v: 'voltageL1V',
  voltage_l2_v: 'voltageL2V',
  voltage_l3_v: 'voltageL3V',
  current_a: 'currentA',
  current_l1_a: 'currentL1A',
  current_l2_a: 'currentL2A',
  current_l3_a: 'currentL3A',
  frequency_hz: 'frequencyHz',
  voltage_sag_l1_count: 'voltageSagL1Count',
  voltage_sag_l2_count: 'voltageSagL2Count',
  voltage_sag_l3_count: 'voltageSagL3Count',
  voltage_swell_l1_count: 'voltageSwellL1Count',
  voltage_swell_l2_count: 'voltageSwellL2Count',
  voltage_swell_l3_count: 'voltageSwellL3Count',
  any_power_fail_count: 'anyPowerFailCount',
  long_power_fail_count: 'longPowerFailCount',
  average_power_15m_w: 'averagePower15mW',
  monthly_power_peak_w: 'monthlyPowerPeakW',
  state_of_charge_pct: 'stateOfChargePct',
  cycles: 'cycles',
};

export function parseV2Measurement(json: unknown, ctx: ReadContext): Measurement {
  const j = asObject(json) ?? {};
  const m: Measurement = { api: 2, receivedAt: ctx.receivedAt, external: [] };
  copyNumbers(j, V2_NUMBERS, m);
  const meterModel = str(j.meter_model);
  if (meterModel) m.meterModel = meterModel;
  const uniqueId = str(j.unique_id);
  if (uniqueId) m.uniqueId = uniqueId;
  const time = deviceTime(j.timestamp, ctx);
  if (time !== undefined) m.time = time;
  const peak = deviceTime(j.monthly_power_peak_timestamp, ctx);
  if (peak !== undefined) m.monthlyPowerPeakTime = peak;
  m.external = parseExternal(j.external, ctx);
  return m;
}

/** `GET /api` (the same shape in v1 and v2). */
export function parseDeviceInfo(json: unknown): DeviceInfo {
  const j = asObject(json) ?? {};
  const out: DeviceInfo = {};
  const fields: [keyof DeviceInfo, string][] = [
    ['productName', 'product_name'],
    ['productType', 'product_type'],
    ['serial', 'serial'],
    ['firmwareVersion', 'firmware_version'],
    ['apiVersion', 'api_version'],
  ];
  for (const [key, wire] of fields) {
    const v = str(j[wire]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** `POST /api/user` answer: `{"name": "local/…", "token": "<32 hex>"}`. */
export function parseUserToken(json: unknown): string | null {
  const token = str(asObject(json)?.token);
  return token && /^[0-9A-Fa-f]{32}$/.test(token) ? token : null;
}

/**
 * The `scope:error` code of a v2 error body, e.g. `user:unauthorized`. The documented shape
 * is `{"error": "user:unauthorized"}`; `{"error": {"code": …}}` is accepted too. Only codes
 * shaped like the documented ones are returned, so a body is never echoed to the user.
 */
export function errorCode(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const e = asObject(parsed)?.error;
  const code = typeof e === 'string' ? e : str(asObject(e)?.code);
  return code && /^[a-z]+:[a-z0-9:_-]{1,60}$/.test(code) ? code : null;
}
