// The Carbon section of both settings forms, from its one declaration (shared/carbon/form.ts):
// what each select offers, what a saved document looks like in the form, how what a form
// sends becomes settings (refusing, in the form's own words, what it cannot be), and that
// both hosts' stores round-trip it and keep it when a form does not send it.
import { describe, expect, it } from 'vitest';
import { applyUpdate } from '../../excel-addin/functions/settings-store';
import { applyForm, readStored, settingsView, writeStored } from '../../gas/settings-store';
import { REGIONS } from '../../shared/carbon/area';
import {
  type CarbonFormMeter,
  carbonFieldMessage,
  carbonFormView,
  carbonFromForm,
} from '../../shared/carbon/form';
import { fieldsByProvider } from '../../shared/providers';
import { type CarbonSettings, formFieldMessage, validateSettings } from '../../shared/settings';
import { FakeProperties } from '../gas/apps-script';

const METERS: CarbonFormMeter[] = [
  { id: 'powershaper:c1:electricity', label: 'PS', fuel: 'electricity', providerCarbon: true },
  { id: 'octopus:1200:A1', label: 'Octopus import', fuel: 'electricity', providerCarbon: false },
  { id: 'octopus:9876:G1', label: 'Octopus gas', fuel: 'gas', providerCarbon: false },
];

const values = (choices: { value: string }[]) => choices.map((c) => c.value);

describe('the Carbon section view', () => {
  it('offers none, national, the 17 regions by the source’s names and a postcode area', () => {
    const v = carbonFormView(undefined, METERS);
    expect(values(v.source.choices)).toEqual([
      '',
      'national',
      ...REGIONS.map((r) => String(r.id)),
      'postcode',
    ]);
    expect(v.source.choices.map((c) => c.label)).toContain('North Wales & Merseyside (region 6)');
    expect(v.saved).toBe(false);
  });

  it('gives each electricity meter a row; provider’s own only where the provider has carbon', () => {
    const v = carbonFormView(undefined, METERS);
    expect(v.meters.map((r) => r.key)).toEqual(['powershaper:c1:electricity', 'octopus:1200:A1']);
    expect(values(v.meters[0].choices).slice(0, 4)).toEqual(['', 'provider', 'none', 'national']);
    expect(v.meters[0].choices[0].label).toBe('Default: the provider’s own');
    expect(values(v.meters[1].choices).slice(0, 3)).toEqual(['', 'none', 'national']);
  });

  it('shows what is saved: a region, a postcode in its box, and meters not listed now', () => {
    const v = carbonFormView(
      {
        source: 'RG10',
        baseUrl: 'http://127.0.0.1:9',
        meters: { 'powershaper:c1:electricity': '13', 'bright:x:y': 'none' },
      },
      METERS,
    );
    expect([v.source.value, v.source.postcode]).toEqual(['postcode', 'RG10']);
    expect(v.baseUrl.value).toBe('http://127.0.0.1:9');
    expect(v.meters.map((r) => [r.key, r.value])).toEqual([
      ['powershaper:c1:electricity', '13'],
      ['octopus:1200:A1', ''],
      ['bright:x:y', 'none'],
    ]);
    expect(v.saved).toBe(true);
    // Spellings a settings file may hold, and values the lists do not offer, still show.
    expect(carbonFormView({ source: 'gb' }, []).source.value).toBe('national');
    const demo = carbonFormView({ source: 'demo' }, []).source;
    expect(demo.value).toBe('demo');
    expect(demo.choices.at(-1)).toEqual({ value: 'demo', label: 'demo grid' });
  });
});

describe('what a form sends', () => {
  it('becomes carbon settings that validate, and reads back as the same form', () => {
    const carbon = carbonFromForm(
      {
        source: { choice: 'postcode', postcode: ' sw1a ' },
        baseUrl: ' https://ci.example ',
        meters: {
          'PowerShaper:c1:electricity': { choice: 'national' },
          'octopus:1200:A1': { choice: 'postcode', postcode: 'm1' },
        },
      },
      undefined,
    );
    expect(carbon).toEqual({
      source: 'SW1A',
      baseUrl: 'https://ci.example',
      meters: { 'powershaper:c1:electricity': 'national', 'octopus:1200:a1': 'M1' },
    });
    const settings = validateSettings({ carbon }, fieldsByProvider());
    const v = carbonFormView(settings.carbon, METERS);
    const again = carbonFromForm(
      {
        source: { choice: v.source.value, postcode: v.source.postcode },
        baseUrl: v.baseUrl.value,
        meters: Object.fromEntries(
          v.meters.map((r) => [r.key, { choice: r.value, postcode: r.postcode }]),
        ),
      },
      settings.carbon,
    );
    expect(again).toEqual(settings.carbon);
  });

  it('clears what is set back to the default, and keeps meters the form did not send', () => {
    const current: CarbonSettings = {
      source: '13',
      meters: { 'a:1': 'none', 'b:2': '7' },
    };
    expect(carbonFromForm({ source: { choice: '' }, meters: { 'a:1': {} } }, current)).toEqual({
      meters: { 'b:2': '7' },
    });
    expect(carbonFromForm(undefined, current)).toBe(current);
    expect(
      carbonFromForm(
        { source: { choice: '' }, baseUrl: '', meters: { 'a:1': {}, 'b:2': {} } },
        current,
      ),
    ).toBeUndefined();
  });

  it('refuses what it cannot be, naming the form’s labels', () => {
    const f = (input: unknown) => () => carbonFromForm(input, undefined);
    expect(f({ source: { choice: 'postcode', postcode: 'RG10 1AA' } })).toThrow(
      'Carbon ▸ Postcode area: expected only the outward part of a postcode (like "RG10"), not a full postcode',
    );
    expect(f({ source: { choice: 'postcode', postcode: '' } })).toThrow(
      'Carbon ▸ Postcode area: expected a postcode’s outward code like "RG10" (or choose a region)',
    );
    expect(f({ source: { choice: 'postcode', postcode: '13' } })).toThrow(
      /^Carbon ▸ Postcode area: expected a postcode’s outward code .*, got "13"$/,
    );
    expect(f({ source: { choice: '18' } })).toThrow(
      'Carbon ▸ Grid carbon for electricity meters: expected none, national, a region 1-17 or a postcode area, got "18"',
    );
    // "provider" and "none" are per-meter choices, not a default area.
    expect(f({ source: { choice: 'provider' } })).toThrow(/^Carbon ▸ Grid carbon/);
    expect(f({ source: { choice: 'RG10' } })).toThrow(/^Carbon ▸ Grid carbon/);
    expect(f({ meters: { 'octopus:1:2': { choice: 'solar' } } })).toThrow(
      'Carbon ▸ octopus:1:2: expected default, provider, none, national, a region 1-17 or a postcode area, got "solar"',
    );
    expect(f({ meters: { 'octopus:1:2': { choice: 'postcode', postcode: 'xx' } } })).toThrow(
      /^Carbon ▸ octopus:1:2 ▸ Postcode area: expected/,
    );
    expect(f({ meters: [] })).toThrow('Carbon ▸ Per meter: expected choices');
    expect(f('13')).toThrow("Carbon: expected the section's fields");
    expect(f({ source: '13' })).toThrow(
      'Carbon ▸ Grid carbon for electricity meters: expected a choice',
    );
  });

  it('leaves the URL and meter ids to the core, whose messages the forms relabel', () => {
    // As a form sends it (JSON): "__proto__" is a meter id like any other, and refused.
    const sent = JSON.parse(
      '{"baseUrl": "http://example.com", "meters": {"__proto__": {"choice": "1"}}}',
    ) as unknown;
    const bad = carbonFromForm(sent, undefined);
    expect(Object.keys(bad?.meters ?? {})).toEqual(['__proto__']);
    expect(() => validateSettings({ carbon: { meters: bad?.meters } }, {})).toThrow(
      /^settings\.carbon\.meters\.__proto__: expected a meter id/,
    );
    expect(() => validateSettings({ carbon: { baseUrl: bad?.baseUrl } }, {})).toThrow(
      /^settings\.carbon\.baseUrl:/,
    );
    const message = 'settings.carbon.baseUrl: expected an https:// URL';
    expect(carbonFieldMessage(message)).toBe(
      'Carbon ▸ Carbon Intensity API URL (advanced): expected an https:// URL',
    );
    expect(formFieldMessage('settings.carbon.meters.octopus:1:2: expected x', [])).toBe(
      'Carbon ▸ octopus:1:2: expected x',
    );
    expect(formFieldMessage('settings.carbon.source: expected y', [])).toBe(
      'Carbon ▸ Grid carbon for electricity meters: expected y',
    );
    expect(carbonFieldMessage('settings.timezone: expected z')).toBeNull();
  });
});

describe('the stores round-trip it', () => {
  const form = {
    source: { choice: '13' },
    baseUrl: 'http://127.0.0.1:9',
    meters: { 'demo:electricity': { choice: 'postcode', postcode: 'RG10' } },
  };
  const saved = {
    source: '13',
    baseUrl: 'http://127.0.0.1:9',
    meters: { 'demo:electricity': 'RG10' },
  };

  it('Sheets: saved in the user properties, shown in the sidebar’s view, kept when not sent', () => {
    const props = new FakeProperties() as unknown as GoogleAppsScript.Properties.Properties;
    writeStored(props, applyForm(readStored(props), { timezone: 'UTC', carbon: form }, 'sheet-1'));
    const stored = readStored(props);
    expect(stored.settings.carbon).toEqual(saved);
    const view = settingsView(stored, 'sheet-1', 'Europe/London').carbon;
    expect([view.source.value, view.baseUrl.value, view.meters[0].postcode]).toEqual([
      '13',
      'http://127.0.0.1:9',
      'RG10',
    ]);
    // A form without the section (before this version's sidebar) keeps it.
    writeStored(props, applyForm(readStored(props), { timezone: 'Europe/Paris' }, 'sheet-1'));
    expect(readStored(props).settings.carbon).toEqual(saved);
    expect(() =>
      applyForm(readStored(props), { carbon: { baseUrl: 'http://example.com' } }, 'sheet-1'),
    ).toThrow(/^Carbon ▸ Carbon Intensity API URL \(advanced\): expected an https:\/\/ URL/);
  });

  it('Excel: applied to the stored document, kept when not sent, cleared by null', () => {
    const fields = fieldsByProvider();
    const next = applyUpdate({ providers: {} }, { carbon: form }, fields);
    expect(next.carbon).toEqual(saved);
    expect(applyUpdate(next, { timezone: 'UTC' }, fields).carbon).toEqual(saved);
    expect(applyUpdate(next, { carbon: null }, fields).carbon).toBeUndefined();
    expect(() =>
      applyUpdate(
        next,
        { carbon: { source: { choice: 'postcode', postcode: 'EH3 9AA' } } },
        fields,
      ),
    ).toThrow('Carbon ▸ Postcode area: expected only the outward part');
  });
});
