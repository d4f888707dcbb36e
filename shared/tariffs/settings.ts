// The `tariffs` section of settings and the `currency` key: validated here so that a
// misspelt key or a bad saved tariff is named precisely, as with providers' fields.
import { MeterError } from '../errors';
import { isPostcode } from './sources/octopus/codes';
import { isAcceptableUrl } from './url';

export interface EnergyZeroSettings {
  /** Origin of EnergyZero's public API (a mock on 127.0.0.1 in tests). */
  baseUrl?: string;
  /** Energy tax per kWh, excluding VAT (€/kWh). */
  energyTax?: number;
  /** The supplier's mark-up per kWh, excluding VAT (€/kWh). */
  markup?: number;
  /** VAT as a fraction, e.g. 0.21. */
  vat?: number;
  /** Fixed supply costs per day including VAT (€/day). */
  standingPerDay?: number;
}

export interface TariffSettings {
  /** The tariff METER_COST uses when a formula names none (any `tariff` argument). */
  default?: string;
  /** Octopus region letter (A–P, the grid supply point group), for product codes. */
  region?: string;
  /** Origin of the Octopus products API. Default https://api.octopus.energy. */
  octopusBaseUrl?: string;
  /** Tariffs saved by name, in the inline grammar. */
  saved?: Record<string, string>;
  energyzero?: EnergyZeroSettings;
}

const KEYS = ['default', 'region', 'octopusBaseUrl', 'saved', 'energyzero'];
const EZ_KEYS = ['baseUrl', 'energyTax', 'markup', 'vat', 'standingPerDay'];

function err(path: string, expected: string): MeterError {
  return new MeterError('config', `settings.${path}: expected ${expected}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown, path: string, expected: string): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw err(path, expected);
  return v.trim();
}

function url(v: unknown, path: string): string | undefined {
  const s = text(v, path, 'a URL');
  if (s !== undefined && !isAcceptableUrl(s))
    throw err(path, 'an https:// URL without credentials (plain http only for 127.0.0.1)');
  return s;
}

export function validateCurrency(v: unknown): string | undefined {
  const s = text(v, 'currency', 'a currency code like GBP or EUR');
  if (s !== undefined && !/^[A-Za-z]{3}$/.test(s))
    throw err('currency', 'a three-letter currency code like GBP or EUR');
  return s?.toUpperCase();
}

export function validateTariffSettings(raw: unknown): TariffSettings | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) throw err('tariffs', 'an object');
  for (const k of Object.keys(raw))
    if (!KEYS.includes(k)) throw err(`tariffs.${k.slice(0, 40)}`, `one of ${KEYS.join(', ')}`);
  const out: TariffSettings = {};
  const d = text(raw.default, 'tariffs.default', 'a tariff (as in a formula)');
  if (d) out.default = d;
  const region = text(raw.region, 'tariffs.region', 'a region letter A to P or a UK postcode');
  if (region !== undefined) {
    if (/^_?[A-Pa-p]$/.test(region)) out.region = region.replace('_', '').toUpperCase();
    else if (isPostcode(region)) out.region = region.toUpperCase();
    else throw err('tariffs.region', 'a region letter A to P or a UK postcode');
  }
  const base = url(raw.octopusBaseUrl, 'tariffs.octopusBaseUrl');
  if (base) out.octopusBaseUrl = base;
  if (raw.saved !== undefined) {
    if (!isObject(raw.saved)) throw err('tariffs.saved', 'an object of name: tariff');
    const saved: Record<string, string> = {};
    for (const [name, body] of Object.entries(raw.saved)) {
      const path = `tariffs.saved.${name.slice(0, 40)}`;
      if (!/^[A-Za-z][\w-]{0,39}$/.test(name) || /^demo-/i.test(name))
        throw err(path, 'a name of letters, digits, - and _ (not starting demo-)');
      const t = text(body, path, 'a tariff like "0.245 + 0.60/day"');
      if (t) saved[name] = t;
    }
    out.saved = saved;
  }
  if (raw.energyzero !== undefined) {
    if (!isObject(raw.energyzero)) throw err('tariffs.energyzero', 'an object');
    const ez: EnergyZeroSettings = {};
    for (const [k, v] of Object.entries(raw.energyzero)) {
      const path = `tariffs.energyzero.${k.slice(0, 40)}`;
      if (!EZ_KEYS.includes(k)) throw err(path, `one of ${EZ_KEYS.join(', ')}`);
      if (k === 'baseUrl') {
        const u = url(v, path);
        if (u) ez.baseUrl = u;
      } else if (v !== undefined) {
        if (typeof v !== 'number' || !Number.isFinite(v)) throw err(path, 'a number');
        (ez as Record<string, number>)[k] = v;
      }
    }
    out.energyzero = ez;
  }
  return out;
}
