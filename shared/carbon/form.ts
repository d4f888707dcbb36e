// The Carbon section of both settings forms (the Sheets sidebar and the Excel task pane),
// declared once: its labels, the choices of each select, the view a form draws from the
// saved `carbon` settings, and the reading of what a form sends back. An area is chosen
// from a list (national, the 17 regions by the source's names, or a postcode area typed
// beside it), so region ids are the easy path: postcode look-ups are known to fail at times.
// Errors name the form's labels (`Carbon ▸ Postcode area: …`), never a settings path.
import { MeterError } from '../errors';
import type { CarbonSettings, SettingChoice } from '../settings';
import { FULL_POSTCODE_HINT, REGIONS, areaLabel, readArea } from './area';

export const CARBON_SECTION = 'Carbon';

/** The choice that asks for a postcode's outward code in the text box beside the select. */
export const POSTCODE_CHOICE = 'postcode';

export const CARBON_LABELS = {
  source: 'Grid carbon for electricity meters',
  postcode: 'Postcode area',
  baseUrl: 'Carbon Intensity API URL (advanced)',
  meters: 'Per meter',
} as const;

export const CARBON_HELP = {
  section:
    'A Carbon (kg) column on electricity usage, from the Carbon Intensity API (GB grid; no account needed).',
  source:
    'Prefer a region: postcode look-ups on the API fail at times (you get an error, never national instead). Meters whose provider reports carbon of its own keep it.',
  postcode: 'The part of a postcode before the space, like RG10. Never a full postcode.',
  baseUrl: 'Another instance of the API. Blank: https://api.carbonintensity.org.uk',
  meters:
    'Default follows the choice above, or the provider’s own carbon where it has some. An area replaces even a provider’s own.',
} as const;

/** A meter as the per-meter choice needs it. */
export interface CarbonFormMeter {
  id: string;
  /** Human description ("Electricity import (MPAN …1234)"). */
  label: string;
  fuel: string;
  /** Whether its provider reports carbon of its own (set by the provider: reportsCarbon). */
  providerCarbon: boolean;
}

/** One select (with the postcode box beside it): the default, or one meter's. */
export interface CarbonRow {
  /** `source`, or the meter id. */
  key: string;
  label: string;
  help: string;
  /** The first is '' (the default: none, or for a meter the default above). */
  choices: SettingChoice[];
  value: string;
  /** The outward code when `value` is POSTCODE_CHOICE, else ''. */
  postcode: string;
}

export interface CarbonFormView {
  title: string;
  help: string;
  /** Whether anything is saved (the section starts open). */
  saved: boolean;
  source: CarbonRow;
  baseUrl: { label: string; help: string; value: string; placeholder: string };
  /** What the postcode box beside a select is called. */
  postcodeLabel: string;
  metersLabel: string;
  metersHelp: string;
  meters: CarbonRow[];
}

/** National, the 17 regions by name, and "postcode area…". */
export function areaChoices(): SettingChoice[] {
  return [
    { value: 'national', label: 'Great Britain (national)' },
    ...REGIONS.map((r) => ({
      value: String(r.id),
      label: areaLabel({ kind: 'region', id: r.id }),
    })),
    { value: POSTCODE_CHOICE, label: 'Postcode area (outward code)…' },
  ];
}

function sourceChoices(): SettingChoice[] {
  return [{ value: '', label: 'None' }, ...areaChoices()];
}

function meterChoices(meter: CarbonFormMeter): SettingChoice[] {
  return [
    {
      value: '',
      label: meter.providerCarbon ? 'Default: the provider’s own' : 'Default (as above)',
    },
    ...(meter.providerCarbon ? [{ value: 'provider', label: 'The provider’s own' }] : []),
    { value: 'none', label: 'None (no carbon column)' },
    ...areaChoices(),
  ];
}

/** A saved value as the select shows it: the choice, and the outward code for a postcode. */
function shown(saved: string | undefined): { value: string; postcode: string } {
  if (saved === undefined || saved === '') return { value: '', postcode: '' };
  const lower = saved.toLowerCase();
  if (lower === 'provider' || lower === 'none') return { value: lower, postcode: '' };
  const area = readArea(saved);
  if (area === null || area === 'full-postcode') return { value: saved, postcode: '' };
  if (area.kind === 'postcode') return { value: POSTCODE_CHOICE, postcode: area.outward };
  if (area.kind === 'region') return { value: String(area.id), postcode: '' };
  return { value: area.kind, postcode: '' };
}

/** The choices, with a saved value the list does not offer (demo, from a settings file) kept. */
function withSaved(choices: SettingChoice[], value: string): SettingChoice[] {
  if (choices.some((c) => c.value === value)) return choices;
  const area = readArea(value);
  const label =
    value === 'provider'
      ? 'The provider’s own (it reports none)'
      : area && area !== 'full-postcode'
        ? areaLabel(area)
        : value;
  return [...choices, { value, label }];
}

function row(
  key: string,
  label: string,
  help: string,
  choices: SettingChoice[],
  saved: string | undefined,
): CarbonRow {
  const s = shown(saved);
  return { key, label, help, choices: withSaved(choices, s.value), ...s };
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/**
 * The section as a form draws it: the default, the base URL, and one row per electricity
 * meter listed (gas, water and heat get no grid carbon), plus any meter with a saved
 * choice that is not listed now (so it can still be cleared).
 */
export function carbonFormView(
  carbon: CarbonSettings | undefined,
  meters: readonly CarbonFormMeter[],
): CarbonFormView {
  const c = carbon ?? {};
  const saved = c.meters ?? {};
  const rows: CarbonRow[] = [];
  const seen = new Set<string>();
  for (const m of meters) {
    const id = m.id.toLowerCase();
    if (m.fuel !== 'electricity' || seen.has(id)) continue;
    seen.add(id);
    rows.push(row(m.id, m.id, m.label, meterChoices(m), hasOwn(saved, id) ? saved[id] : undefined));
  }
  for (const [id, value] of Object.entries(saved))
    if (!seen.has(id)) {
      // Not listed now: its provider may be unreachable; offer what any meter may take.
      const m = { id, label: id, fuel: 'electricity', providerCarbon: true };
      rows.push(row(id, id, 'Not listed now', meterChoices(m), value));
    }
  return {
    title: CARBON_SECTION,
    help: CARBON_HELP.section,
    saved: c.source !== undefined || c.baseUrl !== undefined || rows.some((r) => r.value !== ''),
    source: row('source', CARBON_LABELS.source, CARBON_HELP.source, sourceChoices(), c.source),
    baseUrl: {
      label: CARBON_LABELS.baseUrl,
      help: CARBON_HELP.baseUrl,
      value: c.baseUrl ?? '',
      placeholder: 'https://api.carbonintensity.org.uk',
    },
    postcodeLabel: CARBON_LABELS.postcode,
    metersLabel: CARBON_LABELS.meters,
    metersHelp: CARBON_HELP.meters,
    meters: rows,
  };
}

/** One select as a form sends it back. */
export interface CarbonChoiceInput {
  choice?: unknown;
  postcode?: unknown;
}

/** What a form sends for the section. Untrusted: every part is checked. */
export interface CarbonFormInput {
  source?: CarbonChoiceInput;
  baseUrl?: unknown;
  /** By meter id; meters not sent keep what is saved. */
  meters?: Record<string, CarbonChoiceInput>;
}

function formError(label: string, expected: string): MeterError {
  return new MeterError('config', `${CARBON_SECTION} ▸ ${label}: expected ${expected}`);
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

function shortText(v: string): string {
  const clean = v.replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(clean.length > 30 ? clean.slice(0, 27) + '...' : clean);
}

/** The settings text of one select (and its postcode box), or '' for the default. */
function readChoice(
  input: unknown,
  label: string,
  extra: readonly string[],
  postcodeLabel: string,
): string {
  if (input === undefined || input === null) return '';
  if (typeof input !== 'object' || Array.isArray(input))
    throw formError(label, 'a choice from the list');
  const { choice, postcode } = input as CarbonChoiceInput;
  const value = text(choice);
  if (value === '') return '';
  if (value === POSTCODE_CHOICE) {
    const code = text(postcode);
    if (code === '')
      throw formError(postcodeLabel, 'a postcode’s outward code like "RG10" (or choose a region)');
    const area = readArea(code);
    if (area === 'full-postcode') throw formError(postcodeLabel, FULL_POSTCODE_HINT);
    if (!area || area.kind !== 'postcode')
      throw formError(
        postcodeLabel,
        `a postcode’s outward code like "RG10" (or choose a region), got ${shortText(code)}`,
      );
    return area.outward;
  }
  const lower = value.toLowerCase();
  if (extra.includes(lower)) return lower;
  const area = readArea(value);
  // The lists offer areas by choice: anything else (a full postcode typed into a stale
  // page, a made-up value) is refused rather than saved as something the user did not pick.
  if (!area || area === 'full-postcode' || area.kind === 'postcode')
    throw formError(
      label,
      `${extra.length ? 'default, ' + extra.join(', ') + ', ' : 'none, '}national, a region 1-17 or a postcode area, got ${shortText(value)}`,
    );
  return area.kind === 'region' ? String(area.id) : area.kind;
}

/**
 * The `carbon` settings after a form's changes (not yet validated: the whole document is,
 * by validateSettings). A form that sends no carbon section leaves it as it was.
 */
export function carbonFromForm(
  input: unknown,
  current: CarbonSettings | undefined,
): CarbonSettings | undefined {
  if (input === undefined) return current;
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new MeterError('config', `${CARBON_SECTION}: expected the section's fields`);
  const f = input as CarbonFormInput;
  const out: CarbonSettings = {};
  const source =
    f.source === undefined
      ? (current?.source ?? '')
      : readChoice(f.source, CARBON_LABELS.source, [], CARBON_LABELS.postcode);
  if (source) out.source = source;
  const baseUrl = f.baseUrl === undefined ? (current?.baseUrl ?? '') : text(f.baseUrl);
  if (baseUrl) out.baseUrl = baseUrl;
  // Null-prototype: "__proto__" sent as a meter id is a key (refused by validation), not
  // the object's prototype.
  const meters: Record<string, string> = Object.assign(Object.create(null), current?.meters);
  if (f.meters !== undefined && f.meters !== null) {
    if (typeof f.meters !== 'object' || Array.isArray(f.meters))
      throw new MeterError(
        'config',
        `${CARBON_SECTION} ▸ ${CARBON_LABELS.meters}: expected choices`,
      );
    for (const [id, sent] of Object.entries(f.meters)) {
      const name = shortText(id).slice(1, -1);
      const value = readChoice(
        sent,
        name,
        ['provider', 'none'],
        `${name} ▸ ${CARBON_LABELS.postcode}`,
      );
      const key = id.toLowerCase();
      if (value) meters[key] = value;
      else delete meters[key];
    }
  }
  if (Object.keys(meters).length > 0) out.meters = meters;
  return Object.keys(out).length > 0 ? out : undefined;
}

const CARBON_PATH = /^settings\.carbon\.(?:(source|baseUrl)|meters\.(.+?)): /;

/**
 * A settings error about the carbon section as the forms name it (`Carbon ▸ Carbon
 * Intensity API URL: …`), or null when it is about something else.
 */
export function carbonFieldMessage(message: string): string | null {
  const m = CARBON_PATH.exec(message);
  if (!m) return null;
  const rest = message.slice(m[0].length);
  const label = m[1] ? CARBON_LABELS[m[1] as 'source' | 'baseUrl'] : m[2];
  return `${CARBON_SECTION} ▸ ${label}: ${rest}`;
}
