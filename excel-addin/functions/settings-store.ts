// The core's settings document, kept as JSON in OfficeRuntime.storage (one key shared by
// the functions, the ribbon and the task pane). Secrets go in and never come back out in
// full: the task pane is shown a masked view, and an empty secret field on save means
// "keep what is stored", so nobody has to re-type (or be shown) a token to change a zone.
import { type CarbonFormInput, carbonFromForm } from '../../shared/carbon/form';
import { MeterError } from '../../shared/errors';
import {
  type ProviderConfig,
  type SettingField,
  type Settings,
  emptySettings,
  maskSecret,
  validateSettings,
} from '../../shared/settings';
import type { KeyValueStorage } from './storage';

export const SETTINGS_KEY = 'meter-sheets:settings';

/** Settings as the task pane may see them: every secret replaced by its mask. */
export type SettingsView = Settings;

/**
 * A change from the settings form. Per provider field: a value sets it; `null` clears it;
 * `undefined` (or "" for a secret) keeps what is stored.
 */
export interface SettingsUpdate {
  defaultMeter?: string | null;
  timezone?: string | null;
  providers?: Record<string, Record<string, string | number | boolean | null | undefined>>;
  /** Tariff settings: replaced when sent (null clears), kept when not. */
  currency?: string | null;
  tariffs?: Settings['tariffs'] | null;
  /** The Carbon section (shared/carbon/form.ts): applied when sent (null clears), kept when not. */
  carbon?: CarbonFormInput | null;
}

export function maskedView(
  settings: Settings,
  fieldsByProvider: Record<string, SettingField[]>,
): SettingsView {
  const providers: Record<string, ProviderConfig> = {};
  for (const [id, cfg] of Object.entries(settings.providers)) {
    const out: ProviderConfig = {};
    for (const [key, value] of Object.entries(cfg)) {
      const field = fieldsByProvider[id]?.find((f) => f.key === key);
      out[key] = field?.kind === 'secret' && typeof value === 'string' ? maskSecret(value) : value;
    }
    providers[id] = out;
  }
  return { ...settings, providers };
}

const UPDATE_KEYS = ['defaultMeter', 'timezone', 'providers', 'currency', 'tariffs', 'carbon'];

/** The settings after applying a form's update; validated like any settings document. */
export function applyUpdate(
  current: Settings,
  update: SettingsUpdate,
  fieldsByProvider: Record<string, SettingField[]>,
): Settings {
  // A key the pane never sends is a mistake to report, not to ignore (as in a document).
  for (const key of Object.keys(update ?? {}))
    if (!UPDATE_KEYS.includes(key))
      throw new MeterError(
        'config',
        `settings.${key.slice(0, 40)}: expected one of the keys ${UPDATE_KEYS.join(', ')}`,
      );
  const raw: Record<string, unknown> = {
    defaultMeter: current.defaultMeter,
    timezone: current.timezone,
    currency: current.currency,
    tariffs: current.tariffs,
    carbon: update.carbon === null ? undefined : carbonFromForm(update.carbon, current.carbon),
  };
  if (update.currency !== undefined) raw.currency = update.currency ?? undefined;
  if (update.tariffs !== undefined) raw.tariffs = update.tariffs ?? undefined;
  if (update.defaultMeter !== undefined) raw.defaultMeter = update.defaultMeter ?? undefined;
  if (update.timezone !== undefined) raw.timezone = update.timezone ?? undefined;
  // Keyed by what the form sent: null-prototype objects, so "__proto__" is a key like any
  // other (and refused by validation), never the object's prototype.
  const providers: Record<string, Record<string, unknown>> = Object.create(null);
  for (const [id, cfg] of Object.entries(current.providers))
    providers[id] = Object.assign(Object.create(null), cfg);
  const sent = update.providers ?? {};
  if (typeof sent !== 'object' || Array.isArray(sent))
    throw new MeterError('config', 'settings.providers: expected an object');
  for (const [id, changes] of Object.entries(sent)) {
    if (changes === null || typeof changes !== 'object' || Array.isArray(changes))
      throw new MeterError('config', `settings.providers.${id.slice(0, 40)}: expected an object`);
    const fields = Object.prototype.hasOwnProperty.call(fieldsByProvider, id)
      ? fieldsByProvider[id]
      : [];
    const next: Record<string, unknown> = Object.assign(Object.create(null), providers[id]);
    for (const [key, value] of Object.entries(changes)) {
      const secret = fields.find((f) => f.key === key)?.kind === 'secret';
      if (value === undefined || (secret && value === '')) continue;
      if (value === null || value === '') delete next[key];
      else next[key] = value;
    }
    providers[id] = next;
  }
  // A provider with nothing left in it is simply not set up.
  for (const id of Object.keys(providers))
    if (Object.keys(providers[id]).length === 0) delete providers[id];
  raw.providers = providers;
  return validateSettings(raw, fieldsByProvider);
}

export class SettingsStore {
  private cached: Settings | null = null;

  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly fieldsByProvider: Record<string, SettingField[]>,
  ) {}

  /** The stored settings, validated (a malformed document is refused naming its field). */
  async load(): Promise<Settings> {
    if (this.cached) return this.cached;
    if (!this.storage) return (this.cached = emptySettings());
    const raw = (await this.storage.getItems([SETTINGS_KEY]))[SETTINGS_KEY];
    if (!raw) return (this.cached = emptySettings());
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new MeterError(
        'config',
        'settings: the stored settings are not valid JSON; save them again in Settings',
      );
    }
    return (this.cached = validateSettings(parsed, this.fieldsByProvider));
  }

  async view(): Promise<SettingsView> {
    return maskedView(await this.load(), this.fieldsByProvider);
  }

  async save(update: SettingsUpdate): Promise<Settings> {
    let current: Settings;
    try {
      current = await this.load();
    } catch {
      current = emptySettings(); // a broken document is replaced, not merged
    }
    const next = applyUpdate(current, update, this.fieldsByProvider);
    if (this.storage) await this.storage.setItems({ [SETTINGS_KEY]: JSON.stringify(next) });
    this.cached = next;
    return next;
  }

  /** Forget the in-memory copy (another part of the add-in may have saved). */
  invalidate(): void {
    this.cached = null;
  }
}
