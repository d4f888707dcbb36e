// One settings schema for every host (Sheets user properties, Excel OfficeRuntime.storage,
// the CLI's config file). Providers declare their fields; validation names the exact
// field that is wrong; secrets are known by field kind so they can be masked and redacted.
import { AREA_EXPECTED, FULL_POSTCODE_HINT, readArea } from './carbon/area';
import { carbonFieldMessage } from './carbon/form';
import { MeterError } from './errors';
import { base64Encode, urlOrigin, utf8Encode } from './http';
import { canonicalZone } from './time/zone';
import { type TariffSettings, validateCurrency, validateTariffSettings } from './tariffs/settings';

export type FieldKind = 'text' | 'secret' | 'url' | 'number' | 'boolean';

export interface SettingField {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** Shown beside the field: where to find the value. */
  help?: string;
  /** A regular expression the value must match (text and secret fields). */
  pattern?: string;
  /** Human description of the pattern, for the error message. */
  patternHint?: string;
  /** The CLI flag that sets it, without dashes (e.g. `token`, `api-key`). */
  cli?: string;
  /**
   * The values a text field takes, offered as a select in the settings forms (the first
   * is the default). Validation still goes by `pattern`, which may accept spellings the
   * select does not offer (m³ for m3).
   */
  choices?: SettingChoice[];
  /** A page of the provider's that shows where to find the value (linked beside the field). */
  docsUrl?: string;
}

export interface SettingChoice {
  value: string;
  label: string;
}

export type ProviderConfig = Record<string, string | number | boolean | undefined>;

export interface Settings {
  /** Meter id or provider name used when a formula names none. Default: demo. */
  defaultMeter?: string;
  /** IANA zone used when a formula names none. Default: Europe/London. */
  timezone?: string;
  providers: Record<string, ProviderConfig>;
  /** Grid carbon for electricity meters (docs/carbon.md). */
  carbon?: CarbonSettings;
  /** ISO 4217 code of typed-in and saved tariffs. Default: GBP. */
  currency?: string;
  /** Tariffs: the default, saved ones, the Octopus region and price sources' options. */
  tariffs?: TariffSettings;
}

/**
 * Where grid carbon comes from. An area is `national`, a region id `1`..`17` or a
 * postcode's outward code (`RG10`); `demo` is the built-in series.
 */
export interface CarbonSettings {
  /** The area for every electricity meter that reports no carbon of its own. */
  source?: string;
  /** The Carbon Intensity API's base URL (another instance, or a local mock). */
  baseUrl?: string;
  /**
   * Per meter id: an area (replacing even a provider's own carbon), `provider` (the
   * provider's own carbon, or none) or `none` (no carbon column at all).
   */
  meters?: Record<string, string>;
}

/** What carbon.meters may say besides an area. */
export const CARBON_METER_CHOICES = ['provider', 'none'];

export const DEFAULT_TIMEZONE = 'Europe/London';

export function emptySettings(): Settings {
  return { providers: {} };
}

/**
 * A user name or password in a URL (https://user:pass@host): a credential there would be
 * shown and logged wherever the URL is, so such URLs are refused.
 */
export function hasUserInfo(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url.trim());
}

/**
 * https anywhere; plain http only to this machine (mocks, a local bridge). urlOrigin
 * refuses any URL with user:password@ in it.
 */
export function isAcceptableBaseUrl(url: string): boolean {
  const o = urlOrigin(url);
  if (!o) return false;
  if (o.scheme === 'https') return true;
  return o.host === '127.0.0.1' || o.host === 'localhost' || o.host === '[::1]';
}

const TOP_LEVEL_KEYS = ['defaultMeter', 'timezone', 'providers', 'carbon', 'currency', 'tariffs'];
const CARBON_KEYS = ['source', 'baseUrl', 'meters'];

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function fieldError(path: string, expected: string): MeterError {
  return new MeterError('config', `settings.${path}: expected ${expected}`);
}

/** A key as it appears in an error: short, printable (keys are not secrets, but may be junk). */
function fieldPath(key: string): string {
  const clean = key.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 40 ? clean.slice(0, 37) + '...' : clean || '""';
}

const PATH_MESSAGE = /^settings\.(?:providers\.([^.:]+)(?:\.([^.:]+))?|([a-zA-Z]+)): /;

/**
 * A settings error as a form shows it: the field named as its label reads
 * (`Octopus Energy ▸ Gas meter reports: expected …`), not by its path in the settings
 * document (`settings.providers.octopus.gasUnit: …`), which the CLI's file still uses.
 */
export function formFieldMessage(
  message: string,
  providers: { id: string; label: string; fields: SettingField[] }[],
): string {
  const carbon = carbonFieldMessage(message);
  if (carbon !== null) return carbon;
  const m = PATH_MESSAGE.exec(message);
  if (!m) return message;
  const rest = message.slice(m[0].length);
  const [, providerId, key, top] = m;
  if (top === 'timezone') return `Time zone: ${rest}`;
  if (top === 'defaultMeter') return `Default meter: ${rest}`;
  const provider = providers.find((p) => p.id === providerId);
  if (!provider) return message;
  const field = key === undefined ? undefined : provider.fields.find((f) => f.key === key);
  if (key !== undefined && !field) return message;
  return `${provider.label}${field ? ` ▸ ${field.label}` : ''}: ${rest}`;
}

/** Validates parsed settings JSON against the providers' fields. */
export function validateSettings(
  raw: unknown,
  fieldsByProvider: Record<string, SettingField[]>,
): Settings {
  if (raw === null || raw === undefined) return emptySettings();
  if (typeof raw !== 'object' || Array.isArray(raw)) throw fieldError('(root)', 'an object');
  const r = raw as Record<string, unknown>;
  // A misspelt key ("timeZone", "provider") would otherwise be silently ignored.
  for (const key of Object.keys(r))
    if (!TOP_LEVEL_KEYS.includes(key))
      throw fieldError(fieldPath(key), `one of the keys ${TOP_LEVEL_KEYS.join(', ')}`);
  const out: Settings = { providers: {} };
  if (r.defaultMeter !== undefined && r.defaultMeter !== '') {
    if (typeof r.defaultMeter !== 'string')
      throw fieldError('defaultMeter', 'a meter id or provider name');
    out.defaultMeter = r.defaultMeter;
  }
  if (r.timezone !== undefined && r.timezone !== '') {
    const zone = typeof r.timezone === 'string' ? canonicalZone(r.timezone) : null;
    if (!zone) throw fieldError('timezone', 'an IANA time zone like Europe/London');
    out.timezone = zone;
  }
  const currency = validateCurrency(r.currency);
  if (currency) out.currency = currency;
  const tariffs = validateTariffSettings(r.tariffs);
  if (tariffs) out.tariffs = tariffs;
  const providers = r.providers ?? {};
  if (typeof providers !== 'object' || Array.isArray(providers))
    throw fieldError('providers', 'an object');
  for (const [id, cfg] of Object.entries(providers as Record<string, unknown>)) {
    // Own keys only: "constructor" or "__proto__" name no provider.
    const fields = hasOwn(fieldsByProvider, id) ? fieldsByProvider[id] : undefined;
    if (!Array.isArray(fields))
      throw fieldError(
        `providers.${fieldPath(id)}`,
        `a known provider (${Object.keys(fieldsByProvider).join(', ')})`,
      );
    if (cfg === null || typeof cfg !== 'object' || Array.isArray(cfg))
      throw fieldError(`providers.${id}`, 'an object');
    out.providers[id] = validateProviderConfig(id, cfg as Record<string, unknown>, fields);
  }
  if (r.carbon !== undefined && r.carbon !== null) {
    const carbon = validateCarbon(r.carbon);
    if (Object.keys(carbon).length > 0) out.carbon = carbon;
  }
  return out;
}

function validateArea(path: string, value: unknown, extra: string[] = []): string {
  const expected = [AREA_EXPECTED, ...extra].join(' or ');
  if (typeof value !== 'string') throw fieldError(path, expected);
  const text = value.trim();
  if (extra.includes(text.toLowerCase())) return text.toLowerCase();
  const area = readArea(text);
  if (area === 'full-postcode') throw fieldError(path, FULL_POSTCODE_HINT);
  if (!area) throw fieldError(path, expected);
  return area.kind === 'postcode' ? area.outward : text.toLowerCase();
}

function validateCarbon(raw: unknown): CarbonSettings {
  if (typeof raw !== 'object' || Array.isArray(raw)) throw fieldError('carbon', 'an object');
  const c = raw as Record<string, unknown>;
  for (const key of Object.keys(c))
    if (!CARBON_KEYS.includes(key))
      throw fieldError(`carbon.${fieldPath(key)}`, `one of the keys ${CARBON_KEYS.join(', ')}`);
  const out: CarbonSettings = {};
  if (c.source !== undefined && c.source !== null && c.source !== '')
    out.source = validateArea('carbon.source', c.source);
  if (c.baseUrl !== undefined && c.baseUrl !== null && c.baseUrl !== '') {
    if (typeof c.baseUrl === 'string' && hasUserInfo(c.baseUrl))
      throw fieldError('carbon.baseUrl', 'a URL without a user name or password in it');
    if (typeof c.baseUrl !== 'string' || !isAcceptableBaseUrl(c.baseUrl))
      throw fieldError(
        'carbon.baseUrl',
        'an https:// URL (plain http only for 127.0.0.1 or localhost)',
      );
    out.baseUrl = c.baseUrl;
  }
  if (c.meters !== undefined && c.meters !== null) {
    if (typeof c.meters !== 'object' || Array.isArray(c.meters))
      throw fieldError('carbon.meters', 'an object of meter id to area, provider or none');
    const meters: Record<string, string> = {};
    for (const [id, v] of Object.entries(c.meters as Record<string, unknown>)) {
      if (!/^[a-z][a-z0-9-]*(:|$)/i.test(id))
        throw fieldError(
          `carbon.meters.${fieldPath(id)}`,
          'a meter id like octopus:1200012345678:21L4381234',
        );
      if (v === undefined || v === null || v === '') continue;
      meters[id.toLowerCase()] = validateArea(
        `carbon.meters.${fieldPath(id)}`,
        v,
        CARBON_METER_CHOICES,
      );
    }
    if (Object.keys(meters).length > 0) out.meters = meters;
  }
  return out;
}

function validateProviderConfig(
  id: string,
  cfg: Record<string, unknown>,
  fields: SettingField[],
): ProviderConfig {
  const out: ProviderConfig = {};
  for (const [key, value] of Object.entries(cfg)) {
    const f = fields.find((x) => x.key === key);
    const path = `providers.${id}.${fieldPath(key)}`;
    if (!f)
      throw fieldError(
        path,
        `one of the fields ${fields.map((x) => x.key).join(', ') || '(none)'}`,
      );
    if (value === undefined || value === null || value === '') continue;
    switch (f.kind) {
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value))
          throw fieldError(path, 'a number');
        out[key] = value;
        break;
      case 'boolean':
        if (typeof value !== 'boolean') throw fieldError(path, 'true or false');
        out[key] = value;
        break;
      case 'url':
        if (typeof value === 'string' && hasUserInfo(value))
          // Never echo the value: the part before @ is a credential.
          throw fieldError(
            path,
            'a URL without a user name or password in it (https://host/path); put credentials in their own fields',
          );
        if (typeof value !== 'string' || !isAcceptableBaseUrl(value))
          throw fieldError(path, 'an https:// URL (plain http only for 127.0.0.1 or localhost)');
        out[key] = value;
        break;
      default:
        if (typeof value !== 'string') throw fieldError(path, 'text');
        if (f.pattern && !new RegExp(f.pattern).test(value))
          // Never echo a value here: it may be a secret.
          throw fieldError(path, f.patternHint ?? `text matching ${f.pattern}`);
        out[key] = value;
    }
  }
  return out;
}

/** Whether every required field of a provider is filled in. */
export function isConfigured(config: ProviderConfig | undefined, fields: SettingField[]): boolean {
  return fields.every(
    (f) =>
      !f.required || (config !== undefined && config[f.key] !== undefined && config[f.key] !== ''),
  );
}

/** Every secret value in the settings, for redaction. */
export function secretValues(
  settings: Settings,
  fieldsByProvider: Record<string, SettingField[]>,
): string[] {
  const out: string[] = [];
  for (const [id, cfg] of Object.entries(settings.providers)) {
    for (const f of fieldsByProvider[id] ?? []) {
      const v = cfg[f.key];
      if (f.kind === 'secret' && typeof v === 'string' && v.length >= 4) out.push(v);
    }
  }
  return out;
}

/** `••••1a2b`: enough to recognise a stored secret, never enough to use it. */
export function maskSecret(value: string): string {
  return value.length >= 16 ? '••••' + value.slice(-4) : '••••';
}

/**
 * The base64 text that encodes `secret` wherever it sits in a longer encoded string: for
 * each of the three byte alignments, the run of whole 4-character groups made of the
 * secret's bytes only (so it is the same whatever comes before or after). Standard and
 * URL-safe alphabets (JWTs, base64url tokens).
 */
function base64Cores(secret: string): string[] {
  const out: string[] = [];
  const bytes = utf8Encode(secret).length;
  for (let before = 0; before < 3; before++) {
    const encoded = base64Encode('\0'.repeat(before) + secret);
    const firstGroup = Math.ceil(before / 3); // groups touched by the padding bytes
    const lastGroup = Math.floor((before + bytes) / 3); // groups wholly inside the secret
    if (lastGroup - firstGroup < 2) continue; // too short to be recognisable
    const core = encoded.slice(firstGroup * 4, lastGroup * 4);
    out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

/**
 * Every form a secret takes on the wire or in a peer's echo: as is, URL-encoded (both
 * %20 and + for spaces), inside HTTP Basic (`secret:`) and base64-encoded at any offset.
 */
export function secretForms(secret: string): string[] {
  if (!secret) return [];
  const url = encodeURIComponent(secret);
  const forms = [
    secret,
    url,
    url.replace(/%20/g, '+'),
    base64Encode(secret + ':'),
    base64Encode(secret),
    ...base64Cores(secret),
  ];
  // Longest first, so a form is not half-replaced by a shorter one inside it.
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of every secret (and its base64/URL-encoded forms) in text. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets)
    for (const form of secretForms(s)) out = out.split(form).join('[redacted]');
  return out;
}
