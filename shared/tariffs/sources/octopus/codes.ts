// Octopus tariff and product codes. A tariff code is fuel, registers, product and region:
// E-1R-AGILE-24-10-01-C is single-register electricity on AGILE-24-10-01 in region C;
// E-2R-… is two-rate (day/night) electricity, G-1R-… gas.
import type { Fuel } from '../../../model';

export interface TariffCode {
  code: string;
  fuel: Fuel;
  registers: 1 | 2;
  product: string;
  region: string;
}

const TARIFF = /^([EG])-([12])R-([A-Z0-9]+(?:-[A-Z0-9]+)*)-([A-P])$/;
const PRODUCT = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;

export function parseTariffCode(text: string): TariffCode | null {
  const m = TARIFF.exec(text.trim().toUpperCase());
  if (!m) return null;
  return {
    code: m[0],
    fuel: m[1] === 'G' ? 'gas' : 'electricity',
    registers: m[2] === '2' ? 2 : 1,
    product: m[3],
    region: m[4],
  };
}

/** AGILE-24-10-01, VAR-22-11-01: a product code has a dash and a digit. */
export function isProductCode(text: string): boolean {
  const t = text.trim().toUpperCase();
  return PRODUCT.test(t) && /\d/.test(t) && !t.startsWith('DEMO-');
}

/** The single-register tariff code of a product in a region, for a meter's fuel. */
export function tariffCodeOf(product: string, region: string, fuel: Fuel): TariffCode {
  const p = product.trim().toUpperCase();
  const prefix = fuel === 'gas' ? 'G' : 'E';
  return {
    code: `${prefix}-1R-${p}-${region}`,
    fuel: fuel === 'gas' ? 'gas' : 'electricity',
    registers: 1,
    product: p,
    region,
  };
}

/** Octopus export products (Agile Outgoing, Outgoing Fixed) carry OUTGOING or EXPORT. */
export function isExportProduct(product: string): boolean {
  return /OUTGOING|EXPORT/.test(product.toUpperCase());
}

/** A UK postcode (outward and inward code), to find its region. */
export function isPostcode(text: string): boolean {
  return /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i.test(text.trim());
}
