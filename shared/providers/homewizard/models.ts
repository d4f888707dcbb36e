// What a HomeWizard device tells us, as one typed model whichever API version said it
// (v2 over HTTPS, v1 over plain HTTP; their field names differ, see v1.ts and v2.ts).
// Every data point is optional: the device leaves out what the smart meter does not send,
// so `undefined` means "not reported", never zero.

/** Device information from `GET /api`. */
export interface DeviceInfo {
  productName?: string;
  /** HWE-P1 (P1 meter), HWE-BAT (plug-in battery), HWE-SKT, HWE-KWH1, … */
  productType?: string;
  /** 12 hex digits, also the MAC address. */
  serial?: string;
  firmwareVersion?: string;
  /** "v1" or "2.0.0" and up. */
  apiVersion?: string;
}

/** The external meter types HomeWizard documents; devices may report others (kept as-is). */
export const KNOWN_EXTERNAL_TYPES = [
  'gas_meter',
  'water_meter',
  'heat_meter',
  'warm_water_meter',
  'inlet_heat_meter',
] as const;

/** A utility meter connected to the smart meter (gas, water, heat), with its own clock. */
export interface ExternalReading {
  uniqueId: string;
  /** gas_meter, water_meter, … or a type this version does not know (kept, not dropped). */
  type: string;
  known: boolean;
  /** Cumulative register in `unit` (m3 for gas and water, GJ for heat). */
  value?: number;
  unit?: string;
  /** When the external meter took the reading (UTC ms), read in the configured zone. */
  time?: number;
}

/** The numeric data points, by model name. */
export interface MeasurementNumbers {
  /** DSMR version of the smart meter: 50 = DSMR 5.0 (gas every 5 min), 42 = DSMR 4.2 (hourly). */
  protocolVersion?: number;
  /** The active tariff (1–4), matching one of the tariff registers. */
  tariff?: number;
  energyImportKwh?: number;
  energyImportT1Kwh?: number;
  energyImportT2Kwh?: number;
  energyImportT3Kwh?: number;
  energyImportT4Kwh?: number;
  energyExportKwh?: number;
  energyExportT1Kwh?: number;
  energyExportT2Kwh?: number;
  energyExportT3Kwh?: number;
  energyExportT4Kwh?: number;
  /** Active power, sum of phases; negative when exporting. */
  powerW?: number;
  powerL1W?: number;
  powerL2W?: number;
  powerL3W?: number;
  voltageV?: number;
  voltageL1V?: number;
  voltageL2V?: number;
  voltageL3V?: number;
  /** Sum of the phases' absolute currents. */
  currentA?: number;
  currentL1A?: number;
  currentL2A?: number;
  currentL3A?: number;
  frequencyHz?: number;
  voltageSagL1Count?: number;
  voltageSagL2Count?: number;
  voltageSagL3Count?: number;
  voltageSwellL1Count?: number;
  voltageSwellL2Count?: number;
  voltageSwellL3Count?: number;
  anyPowerFailCount?: number;
  longPowerFailCount?: number;
  /** Capacity tariff (Belgium): the running 15-minute average demand. */
  averagePower15mW?: number;
  /** Capacity tariff: this month's peak 15-minute average demand. */
  monthlyPowerPeakW?: number;
  /** Plug-in battery. */
  stateOfChargePct?: number;
  cycles?: number;
}

export type MeasurementNumber = keyof MeasurementNumbers;

export interface Measurement extends MeasurementNumbers {
  /** Which API answered. */
  api: 1 | 2;
  /** When the answer arrived, UTC ms (the bridge's clock). */
  receivedAt: number;
  /** When the smart meter sent the telegram (UTC ms); absent in API v1 and for batteries. */
  time?: number;
  meterModel?: string;
  /** The smart meter's own identifier: a change means the meter was swapped. */
  uniqueId?: string;
  /** When this month's peak demand was registered (UTC ms). */
  monthlyPowerPeakTime?: number;
  external: ExternalReading[];
}

export const TARIFFS = [1, 2, 3, 4] as const;

export function importTariffKey(t: number): MeasurementNumber {
  return `energyImportT${t}Kwh` as MeasurementNumber;
}

export function exportTariffKey(t: number): MeasurementNumber {
  return `energyExportT${t}Kwh` as MeasurementNumber;
}
