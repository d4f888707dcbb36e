/// <reference types="google-apps-script" />
// Settings in the user's properties: the core's settings JSON (the same document the CLI
// reads from a file), the spreadsheets whose formulas may use the credentials, and the
// cache generation that Refresh moves on. Also the sidebar's view of them, in which a
// secret is only ever a mask, and the merge of what the sidebar sends back.
import { type CarbonFormView, carbonFormView, carbonFromForm } from '../shared/carbon/form';
import { MeterError } from '../shared/errors';
import type { Flow } from '../shared/flow';
import { PROVIDERS, type Provider, fieldsByProvider } from '../shared/providers';
import {
  type ProviderConfig,
  type Settings,
  DEFAULT_TIMEZONE,
  emptySettings,
  formFieldMessage,
  isConfigured,
  maskSecret,
  validateSettings,
} from '../shared/settings';

export const SETTINGS_KEY = 'meter-sheets.settings';
/**
 * One user property per spreadsheet whose formulas may use the credentials, named by its
 * id: a property value holds at most 9 KB, so a single list of ids would break after
 * about 190 spreadsheets; one key each cannot outgrow its value.
 */
export const FORMULAS_PREFIX = 'meter-sheets.formulas:';
/** Where older versions kept that list as one JSON value: still read, removed on save. */
export const LEGACY_FORMULAS_KEY = 'meter-sheets.formula-spreadsheets';
export const GENERATION_KEY = 'meter-sheets.cache-generation';

export interface Stored {
  settings: Settings;
  /** Spreadsheets (ids) in which formulas may use the provider credentials. */
  formulaSpreadsheets: string[];
  generation: number;
}

function parseJson(text: string | undefined, what: string): unknown {
  if (text === undefined || text === null || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    // Never quote the text: it holds credentials.
    throw new MeterError(
      'config',
      `${what} are unreadable; open Meter ▸ Settings and save them again`,
    );
  }
}

export function readStored(
  props: GoogleAppsScript.Properties.Properties,
  providers: Provider[] = PROVIDERS,
): Stored {
  const all = props.getProperties() as Record<string, string>;
  const settings = validateSettings(
    parseJson(all[SETTINGS_KEY], 'Your saved settings'),
    fieldsByProvider(providers),
  );
  const legacy = parseJson(all[LEGACY_FORMULAS_KEY], 'Your saved settings');
  const ids = Object.keys(all)
    .filter((k) => k.startsWith(FORMULAS_PREFIX))
    .map((k) => k.slice(FORMULAS_PREFIX.length));
  if (Array.isArray(legacy))
    for (const id of legacy) if (typeof id === 'string' && !ids.includes(id)) ids.push(id);
  return {
    settings,
    formulaSpreadsheets: ids,
    generation: Number(all[GENERATION_KEY] ?? 0) || 0,
  };
}

export function writeStored(props: GoogleAppsScript.Properties.Properties, stored: Stored): void {
  const values: Record<string, string> = {
    [SETTINGS_KEY]: JSON.stringify(stored.settings),
    [GENERATION_KEY]: String(stored.generation),
  };
  for (const id of stored.formulaSpreadsheets) values[FORMULAS_PREFIX + id] = '1';
  props.setProperties(values);
  // Spreadsheets no longer allowed, and the old single list, go.
  for (const key of Object.keys(props.getProperties()))
    if (key === LEGACY_FORMULAS_KEY || (key.startsWith(FORMULAS_PREFIX) && !(key in values)))
      props.deleteProperty(key);
}

export function hasCredentials(settings: Settings, provider: Provider): boolean {
  const cfg = settings.providers[provider.id];
  return cfg !== undefined && Object.keys(cfg).length > 0;
}

/**
 * What a formula may use. Custom functions read the user properties of the spreadsheet's
 * owner, whoever is editing, so unless the owner allowed it for this spreadsheet, formulas
 * get no credentials at all: providers that have some answer with a message saying how to
 * allow it, and the demo meter still works.
 */
export function formulaProviders(
  settings: Settings,
  allowed: boolean,
  providers: Provider[] = PROVIDERS,
): { settings: Settings; providers: Provider[] } {
  if (allowed) return { settings, providers };
  const withheld = providers.filter((p) => hasCredentials(settings, p));
  if (withheld.length === 0) return { settings, providers };
  const kept: Record<string, ProviderConfig> = {};
  for (const [id, cfg] of Object.entries(settings.providers))
    if (!withheld.some((p) => p.id === id)) kept[id] = cfg;
  return {
    settings: { ...settings, providers: kept },
    providers: providers.map((p) => (withheld.includes(p) ? refusing(p) : p)),
  };
}

export function formulasRefused(label: string): MeterError {
  return new MeterError(
    'config',
    `Formulas in this spreadsheet may not use your ${label} credentials. To allow it, open ` +
      'Meter ▸ Settings in this spreadsheet and tick "Let formulas in this spreadsheet use my ' +
      'credentials" (anyone who can edit it could then read your meter data)',
  );
}

function refusing(p: Provider): Provider {
  // eslint-disable-next-line require-yield
  function* refuse(): Flow<never> {
    throw formulasRefused(p.label);
  }
  return { ...p, fields: [], listMeters: refuse, usage: refuse, now: p.now ? refuse : undefined };
}

// ---- the sidebar ----

/** Whether the sidebar offers the provider (a bridge on your home network it does not). */
export function offeredInSheets(p: Provider): boolean {
  return !p.unavailableIn?.includes('sheets');
}

export interface FieldView {
  key: string;
  label: string;
  kind: string;
  required: boolean;
  help: string;
  /** A page of the provider's showing where to find the value ('' when none). */
  docsUrl: string;
  /** Text fields with a fixed set of values: offered as a select. */
  choices: { value: string; label: string }[];
  /** Non-secret fields: the value. Secrets: '' (never sent to the browser). */
  value: string | number | boolean;
  /** Secrets: the mask of the saved value, or '' when none is saved. */
  masked: string;
}

export interface ProviderView {
  id: string;
  label: string;
  /** How to set it up ('' when the provider names no page). */
  docsUrl: string;
  configured: boolean;
  saved: boolean;
  fields: FieldView[];
}

export interface SettingsView {
  defaultMeter: string;
  timezone: string;
  defaultTimezone: string;
  spreadsheetZone: string;
  allowFormulas: boolean;
  /** Other spreadsheets whose formulas may use the credentials. */
  otherSpreadsheets: number;
  providers: ProviderView[];
  /** Labels of the providers the sidebar leaves out (Sheets cannot reach them). */
  unavailable: string[];
  /** The Carbon section; its per-meter rows come later, from carbonMeters (a listing). */
  carbon: CarbonFormView;
}

export function settingsView(
  stored: Stored,
  spreadsheetId: string,
  spreadsheetZone: string,
  providers: Provider[] = PROVIDERS,
): SettingsView {
  const s = stored.settings;
  return {
    defaultMeter: s.defaultMeter ?? '',
    timezone: s.timezone ?? '',
    defaultTimezone: DEFAULT_TIMEZONE,
    spreadsheetZone,
    allowFormulas: stored.formulaSpreadsheets.includes(spreadsheetId),
    otherSpreadsheets: stored.formulaSpreadsheets.filter((id) => id !== spreadsheetId).length,
    carbon: carbonFormView(s.carbon, []),
    unavailable: providers
      .filter((p) => p.fields.length > 0 && !offeredInSheets(p))
      .map((p) => p.label),
    providers: providers
      .filter((p) => p.fields.length > 0 && offeredInSheets(p))
      .map((p) => {
        const cfg = s.providers[p.id] ?? {};
        return {
          id: p.id,
          label: p.label,
          docsUrl: p.docsUrl ?? '',
          saved: hasCredentials(s, p),
          configured: hasCredentials(s, p) && isConfigured(cfg, p.fields),
          fields: p.fields.map((f) => {
            const v = cfg[f.key];
            const secret = f.kind === 'secret';
            return {
              key: f.key,
              label: f.label,
              kind: f.kind,
              required: f.required === true,
              help: f.help ?? '',
              docsUrl: f.docsUrl ?? '',
              choices: f.choices ?? [],
              value: secret || v === undefined ? '' : v,
              masked: secret && typeof v === 'string' && v !== '' ? maskSecret(v) : '',
            };
          }),
        };
      }),
  };
}

/** What the sidebar sends. Everything is optional and untrusted. */
export interface SettingsForm {
  defaultMeter?: unknown;
  timezone?: unknown;
  providers?: Record<string, Record<string, unknown>>;
  /** Providers whose saved credentials are to be forgotten. */
  forget?: unknown;
  /** Tariff settings (currency, tariffs section): replaced when sent, kept when not. */
  currency?: unknown;
  tariffs?: unknown;
  /** The Carbon section (shared/carbon/form.ts): replaced when sent, kept when not. */
  carbon?: unknown;
  allowFormulas?: unknown;
}

function formText(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/**
 * The settings after the sidebar's changes, validated by the core (errors name the field,
 * never its value). A secret left blank, or sent back as its mask, keeps the saved value.
 */
export function applyForm(
  stored: Stored,
  form: SettingsForm,
  spreadsheetId: string,
  providers: Provider[] = PROVIDERS,
): Stored {
  const f = (form ?? {}) as SettingsForm;
  const forget = Array.isArray(f.forget) ? f.forget.map(String) : [];
  const raw: {
    defaultMeter: string;
    timezone: string;
    providers: Record<string, ProviderConfig>;
    currency?: unknown;
    tariffs?: unknown;
    carbon?: unknown;
  } = {
    defaultMeter: formText(f.defaultMeter),
    timezone: formText(f.timezone),
    providers: {},
    // A form that does not show the tariff settings leaves them as they were.
    currency: f.currency !== undefined ? f.currency : stored.settings.currency,
    tariffs: f.tariffs !== undefined ? f.tariffs : stored.settings.tariffs,
  };
  for (const p of providers) {
    if (p.fields.length === 0) continue;
    const old = stored.settings.providers[p.id] ?? {};
    const given = f.providers && typeof f.providers === 'object' ? f.providers[p.id] : undefined;
    if (!offeredInSheets(p) && given === undefined && !forget.includes(p.id)) {
      // Not in the sidebar (Sheets cannot reach it), so not sent: what was saved stays.
      if (Object.keys(old).length > 0) raw.providers[p.id] = old;
      continue;
    }
    const sent = given ?? {};
    const cfg: ProviderConfig = {};
    if (!forget.includes(p.id)) {
      for (const field of p.fields) {
        const v = sent[field.key];
        if (field.kind === 'secret') {
          const text = formText(v);
          const kept = old[field.key];
          if (text === '' || (typeof kept === 'string' && text === maskSecret(kept))) {
            if (kept !== undefined) cfg[field.key] = kept;
          } else cfg[field.key] = text;
        } else if (field.kind === 'boolean') {
          if (v === true || v === 'true' || v === 'on') cfg[field.key] = true;
        } else if (field.kind === 'number') {
          const text = formText(v);
          if (text !== '') {
            const n = Number(text);
            if (!Number.isFinite(n))
              throw new MeterError('config', `${p.label} ▸ ${field.label}: expected a number`);
            cfg[field.key] = n;
          }
        } else {
          const text = formText(v);
          if (text !== '') cfg[field.key] = text;
        }
      }
    }
    if (Object.keys(cfg).length > 0) raw.providers[p.id] = cfg;
  }
  let settings: Settings;
  try {
    raw.carbon = carbonFromForm(f.carbon, stored.settings.carbon);
    settings = validateSettings(raw, fieldsByProvider(providers));
  } catch (e) {
    // The sidebar names a field as its label reads, not by its path in the document.
    if (e instanceof MeterError)
      throw new MeterError(e.kind, formFieldMessage(e.message, providers));
    throw e;
  }
  const others = stored.formulaSpreadsheets.filter((id) => id !== spreadsheetId);
  return {
    settings,
    formulaSpreadsheets: f.allowFormulas === true ? [...others, spreadsheetId] : others,
    generation: stored.generation,
  };
}

export { emptySettings };
