// Gas volume to energy, the way GB suppliers bill it: kWh = m³ × volume correction ×
// calorific value ÷ 3.6. SMETS2 gas meters report volume (m³); SMETS1 meters report kWh.
/** The standard GB volume correction factor (temperature and pressure). */
export const GAS_VOLUME_CORRECTION = 1.02264;
/** MJ per kWh. */
const MJ_PER_KWH = 3.6;
/** Our default calorific value, MJ/m³: near the GB average; your bill states the real one. */
export const DEFAULT_CALORIFIC_VALUE = 40;
/** Calorific values outside this range are not natural gas: almost surely a typing error. */
export const CALORIFIC_VALUE_RANGE: [number, number] = [30, 50];

export function gasM3ToKwh(m3: number, calorificValue: number): number {
  return (m3 * GAS_VOLUME_CORRECTION * calorificValue) / MJ_PER_KWH;
}

export function gasKwhToM3(kwh: number, calorificValue: number): number {
  return (kwh * MJ_PER_KWH) / (GAS_VOLUME_CORRECTION * calorificValue);
}
