// The Meter menu of the BUILT add-on: Import usage… writes a formatted sheet with one
// setValues; Compare profiles… adds a sheet and a line chart; Settings… round-trips the
// core's settings JSON through the user's properties without ever showing a secret back;
// a planted secret appears in no cell, panel, toast, message or log.
import { describe, expect, it } from 'vitest';
import { fieldsByProvider, PROVIDERS } from '../../shared/providers';
import { WRITE_CHUNK_CELLS } from '../../gas/sheets';
import { validateSettings } from '../../shared/settings';
import { FAKE_CLIENT_ID } from '../helpers/fake-data';
import { fakeProvider } from '../helpers/fake-provider';
import { FAKE_TOKEN, createMock as fakeMock } from '../helpers/fake-provider-mock';
import { fakeTokenProvider } from '../helpers/fake-token-provider';
import { createMock as tokenMock } from '../helpers/fake-token-mock';
import type { Sheets } from './harness';
import { TEST_PROVIDERS_PRELOAD, addOnFailure, sheets } from './harness';
import { planted } from './provider-cases';
import { shownIn } from './reference';

const SECRET = planted('menus', 40);
const SETTINGS_KEY = 'meter-sheets.settings';

async function withProviders(zone = 'Europe/London') {
  const tokens = tokenMock({ clientSecret: SECRET });
  const fake = fakeMock();
  const s = await sheets({
    preload: TEST_PROVIDERS_PRELOAD,
    routes: { 'https://token.fake.test': tokens.handler, 'https://fake.test': fake.handler },
    spreadsheetZone: zone,
  });
  return { s, tokens, fake };
}

function openDialog(s: Sheets, command: string) {
  s.menu(command);
  return s.panelState('dialog') as {
    nonce: string;
    defaults: Record<string, unknown>;
    calls: Record<string, string>;
  };
}

describe('Import usage…', () => {
  it('opens a dialog with sensible defaults and the meters to choose from', async () => {
    const s = await sheets();
    const state = openDialog(s, 'meterShowImport');
    expect(state.defaults).toMatchObject({
      start: '2024-12-01',
      end: '2024-12-31',
      timezone: 'Europe/London',
      aggregate: 'day',
    });
    expect(s.world.panels[0].html.getContent()).not.toContain('<?');
    const list = s.menu(state.calls.listMeters, state.nonce) as {
      meters: { id: string }[];
      problems: string[];
    };
    expect(list.meters.map((m) => m.id)).toEqual(['demo:electricity', 'demo:export', 'demo:gas']);
    expect(list.problems).toEqual([]);
  });

  it('writes a new sheet fitted to the table: rows in a few large setValues, formats first, header frozen', async () => {
    const s = await sheets({ spreadsheetZone: 'America/New_York' });
    const { nonce, calls } = openDialog(s, 'meterShowImport');
    const r = s.menu(calls.importUsage, nonce, {
      meter: 'demo:electricity',
      start: '2024-01-01',
      end: '2024-12-31',
      aggregate: 'none',
      timezone: 'Europe/London',
    }) as { sheet: string; rows: number };
    expect(r).toEqual({ sheet: 'Usage demo electricity 2024-01-01..2024-12-31', rows: 366 * 48 });
    // Chunks of at most WRITE_CHUNK_CELLS, one after the other: the time is checked between.
    const writes = s.world.setValuesCalls;
    expect(writes).toHaveLength(Math.ceil((1 + 366 * 48) / Math.floor(WRITE_CHUNK_CELLS / 6)));
    let next = 1;
    for (const c of writes) {
      expect(c).toMatchObject({ sheet: r.sheet, row: next, column: 1 });
      expect(c.values.length * 6).toBeLessThanOrEqual(WRITE_CHUNK_CELLS);
      next += c.values.length;
    }
    const call = { values: writes.flatMap((c) => c.values) };
    expect(call.values).toHaveLength(1 + 366 * 48);
    expect(call.values[0]).toEqual(['Start', 'End', 'kWh', 'Carbon (kg)', 'Cost (GBP)', 'Missing']);
    // Dates show London's wall clock in a New York spreadsheet.
    expect(shownIn('America/New_York', call.values[1][0] as Date)).toBe('2024-01-01T00:00');
    expect(shownIn('America/New_York', call.values[1 + 48][0] as Date)).toBe('2024-01-02T00:00');
    const sheet = s.world.spreadsheet.getSheetByName(r.sheet)!;
    // Past Google's default 1,000 rows, and no wider than the table.
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1 + 366 * 48, 6]);
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.bold.has('A1')).toBe(true);
    expect([1, 2, 3, 4, 5, 6].map((c) => sheet.format(1, c))).toEqual(Array(6).fill('@'));
    expect([1, 2, 3, 4, 5, 6].map((c) => sheet.format(2, c))).toEqual([
      'yyyy-mm-dd hh:mm',
      'yyyy-mm-dd hh:mm',
      '0.000',
      '0.000',
      '0.00',
      '0',
    ]);
    expect(s.world.spreadsheet.toasts[0]).toMatch(
      /Importing demo:electricity, 2024-01-01 to 2024-12-31/,
    );
    expect(s.world.spreadsheet.toasts.some((t) => /Writing 17568 rows/.test(t))).toBe(true);
    expect(s.world.spreadsheet.toasts.at(-1)).toMatch(/Imported 17568 rows/);
  });

  it("formats whole days as dates, keeps a profile's times as text, and never overwrites a sheet", async () => {
    const s = await sheets();
    const { nonce, calls } = openDialog(s, 'meterShowImport');
    const form = {
      meter: 'demo:gas',
      start: '2024-01-01',
      end: '2024-01-31',
      aggregate: 'week',
      timezone: '',
    };
    const first = s.menu(calls.importUsage, nonce, form) as { sheet: string };
    const again = s.menu(calls.importUsage, nonce, form) as { sheet: string };
    expect(again.sheet).toBe(`${first.sheet} (2)`);
    expect(s.world.spreadsheet.getSheetByName(first.sheet)!.format(2, 1)).toBe('yyyy-mm-dd');
    const profile = s.menu(calls.importUsage, nonce, {
      ...form,
      meter: 'demo:electricity',
      aggregate: 'profile',
    }) as { sheet: string };
    const p = s.world.spreadsheet.getSheetByName(profile.sheet)!;
    expect(p.format(2, 1)).toBe('@');
    expect(p.grid()[1][0]).toBe('00:00');
  });

  it('explains a bad choice in the dialog, naming what is wrong', async () => {
    const s = await sheets();
    const { nonce, calls } = openDialog(s, 'meterShowImport');
    expect(
      addOnFailure(() =>
        s.menu(calls.importUsage, nonce, { start: '2024-02-01', end: '2024-01-01' }),
      ),
    ).toBe('end: 2024-01-01 is before start 2024-02-01; swap them');
    expect(s.world.spreadsheet.getSheets()).toHaveLength(1);
  });

  it('refuses calls that did not come from a panel the menu opened, e.g. typed into a cell', async () => {
    const s = await sheets();
    const form = { start: '2024-01-01' };
    expect(addOnFailure(() => s.menu('meterImport', 'not-a-key', form))).toMatch(
      /not opened from the Meter menu/,
    );
    const { nonce } = openDialog(s, 'meterShowImport');
    expect(() => s.cell('meterImport', nonce, form)).toThrow(/permission/);
    expect(addOnFailure(() => s.cell('meterSaveSettings', 'x', {}))).toMatch(
      /not opened from the Meter menu/,
    );
    expect(addOnFailure(() => s.cell('meterShowSettings'))).toMatch(/getUi/);
  });
});

describe('Compare profiles…', () => {
  it('defaults to the latest January and July, and adds a sheet with a line chart of the profiles', async () => {
    const s = await sheets();
    const { nonce, calls, defaults } = openDialog(s, 'meterShowCompare');
    expect(defaults.periods).toEqual(['2024-01', '2024-07']);
    const r = s.menu(calls.compareProfiles, nonce, {
      meter: 'demo:electricity',
      periods: defaults.periods,
    }) as {
      sheet: string;
      periods: string[];
    };
    expect(r.periods).toEqual(['2024-01', '2024-07']);
    expect(s.world.setValuesCalls).toHaveLength(1);
    const values = s.world.setValuesCalls[0].values;
    expect(values[0]).toEqual(['Time', '2024-01', '2024-07']);
    expect(values).toHaveLength(49);
    const sheet = s.world.spreadsheet.getSheetByName(r.sheet)!;
    expect(sheet.format(1, 2)).toBe('@'); // "2024-01" stays a label, not a date
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0]).toMatchObject({ type: 'LINE', ranges: ['A1:C49'], numHeaders: 1 });
    expect(String(sheet.charts[0].options.title)).toMatch(/2024-01 vs 2024-07/);
    // Winter evenings use more than summer ones in the demo household.
    const at = (hhmm: string) => values.find((row) => row[0] === hhmm)!;
    expect(at('18:00')[1] as number).toBeGreaterThan(at('18:00')[2] as number);
  });

  it('needs two or more periods', async () => {
    const s = await sheets();
    const { nonce, calls } = openDialog(s, 'meterShowCompare');
    expect(
      addOnFailure(() => s.menu(calls.compareProfiles, nonce, { periods: ['2024-01', ' '] })),
    ).toMatch(/^periods: pick two or more periods/);
  });
});

describe('Compare profiles… with grid carbon intensity', () => {
  it('adds a gCO2/kWh column per period equal to METER_CARBON’s profile, on a second chart axis', async () => {
    const s = await sheets();
    const { nonce, calls } = openDialog(s, 'meterShowCompare');
    const r = s.menu(calls.compareProfiles, nonce, {
      meter: 'demo:electricity',
      periods: ['2024-01', '2024-07'],
      overlay: true,
      area: 'national',
    }) as { sheet: string; periods: string[]; notes: string[] };
    expect(r.notes).toEqual([]);
    const values = s.world.setValuesCalls.at(-1)!.values;
    expect(values[0]).toEqual([
      'Time',
      '2024-01',
      '2024-07',
      '2024-01 gCO2/kWh',
      '2024-07 gCO2/kWh',
    ]);
    const jan = s.cell('METER_CARBON', '2024-01', '', 'profile', 'national');
    const jul = s.cell('METER_CARBON', '2024-07', '', 'profile', 'national');
    expect(values.slice(1).map((row) => row[3])).toEqual(jan.slice(1).map((row) => row[1]));
    expect(values.slice(1).map((row) => row[4])).toEqual(jul.slice(1).map((row) => row[1]));
    expect(values.slice(1).every((row) => typeof row[3] === 'number')).toBe(true);
    const chart = s.world.spreadsheet.getSheetByName(r.sheet)!.charts[0];
    expect(chart.ranges).toEqual(['A1:E49']);
    // Series 0 and 1 are the kWh columns (left axis), 2 and 3 the intensity (right axis).
    expect(chart.options.series).toEqual({
      2: { targetAxisIndex: 1, lineDashStyle: [6, 4] },
      3: { targetAxisIndex: 1, lineDashStyle: [6, 4] },
    });
    expect(chart.options.vAxes).toEqual({
      0: { title: 'kWh per half-hour (average day)' },
      1: { title: 'Grid carbon intensity, gCO2/kWh' },
    });
    expect(String(chart.options.title)).toMatch(/grid intensity: Great Britain$/);
  });

  it('sends the usage and the intensity requests in one round trip', async () => {
    const { s } = await withProviders();
    s.saveSettings({ providers: { fake: { token: FAKE_TOKEN } } });
    const { nonce, calls } = openDialog(s, 'meterShowCompare');
    s.menu(calls.listMeters, nonce); // the dialog lists the meters when it opens
    const before = s.world.batches.length;
    const requestsBefore = s.world.requests.length;
    const r = s.menu(calls.compareProfiles, nonce, {
      meter: 'fake:m1',
      periods: ['2024-01', '2024-07'],
      overlay: true,
      area: '13',
    }) as { notes: string[] };
    expect(r.notes).toEqual([]);
    expect(s.world.batches.slice(before)).toHaveLength(1);
    const hosts = s.world.requests.slice(requestsBefore).map((q) => new URL(q.url).host);
    expect(new Set(hosts)).toEqual(new Set(['fake.test', 'api.carbonintensity.org.uk']));
  });

  it('says why there is no overlay for a gas meter, and compares without one', async () => {
    const s = await sheets();
    const { nonce, calls } = openDialog(s, 'meterShowCompare');
    const r = s.menu(calls.compareProfiles, nonce, {
      meter: 'demo:gas',
      periods: ['2024-01', '2024-07'],
      overlay: true,
    }) as { sheet: string; notes: string[] };
    expect(r.notes).toEqual([
      "No carbon overlay: grid carbon intensity is electricity's, and demo:gas is a gas meter.",
    ]);
    const chart = s.world.spreadsheet.getSheetByName(r.sheet)!.charts[0];
    expect(chart.ranges).toEqual(['A1:C49']);
    expect(chart.options.series).toBeUndefined();
  });
});

describe('Settings…', () => {
  it('shows every provider field, saves the core settings JSON, and never shows a secret back', async () => {
    const { s } = await withProviders();
    s.menu('meterShowSettings');
    const state = s.panelState('sidebar') as unknown as {
      nonce: string;
      view: { providers: { id: string; fields: { key: string; kind: string }[] }[] };
      calls: Record<string, string>;
    };
    const shown = state.view.providers.map((p) => [p.id, p.fields.map((f) => f.key)]);
    // Every provider with settings, but one Google's servers can never reach (HomeWizard).
    expect(shown).toEqual(
      [...PROVIDERS, fakeProvider, fakeTokenProvider]
        .filter((p) => p.fields.length > 0 && !p.unavailableIn?.includes('sheets'))
        .map((p) => [p.id, p.fields.map((f) => f.key)]),
    );
    expect(shown.map(([id]) => id)).not.toContain('homewizard');
    const view = s.menu(state.calls.saveSettings, state.nonce, {
      defaultMeter: 'faketoken',
      timezone: 'America/New_York',
      providers: { faketoken: { clientId: FAKE_CLIENT_ID, clientSecret: SECRET, baseUrl: '' } },
      allowFormulas: true,
    });
    const saved = JSON.parse(s.world.props().getProperty(SETTINGS_KEY)!);
    expect(saved).toEqual({
      defaultMeter: 'faketoken',
      timezone: 'America/New_York',
      providers: { faketoken: { clientId: FAKE_CLIENT_ID, clientSecret: SECRET } },
    });
    expect(
      validateSettings(saved, fieldsByProvider([...PROVIDERS, fakeProvider, fakeTokenProvider])),
    ).toEqual(saved);
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(JSON.stringify(view)).toContain('••••' + SECRET.slice(-4));

    // Reopened: the mask, not the secret. Saved again unchanged (blank, or the mask itself): kept.
    s.menu('meterShowSettings');
    const page = s.world.panels.at(-1)!.html.getContent();
    expect(page).not.toContain(SECRET);
    const again = s.panelState('sidebar').nonce;
    const keep = (clientSecret: string) =>
      s.menu('meterSaveSettings', again, {
        providers: { faketoken: { clientId: FAKE_CLIENT_ID, clientSecret } },
        allowFormulas: true,
      });
    keep('');
    keep('••••' + SECRET.slice(-4));
    expect(
      JSON.parse(s.world.props().getProperty(SETTINGS_KEY)!).providers.faketoken.clientSecret,
    ).toBe(SECRET);
    keep('another-secret-value-1234');
    expect(
      JSON.parse(s.world.props().getProperty(SETTINGS_KEY)!).providers.faketoken.clientSecret,
    ).toBe('another-secret-value-1234');
    s.menu('meterSaveSettings', again, { forget: ['faketoken'] });
    expect(JSON.parse(s.world.props().getProperty(SETTINGS_KEY)!).providers).toEqual({});
  });

  it('refuses invalid settings with a message naming the field, and keeps what was saved', async () => {
    const { s } = await withProviders();
    s.saveSettings({ timezone: 'Europe/Paris' });
    const nonce = s.panelState('sidebar').nonce;
    // Named as the form labels it, not by its path in the settings document.
    expect(
      addOnFailure(() => s.menu('meterSaveSettings', nonce, { timezone: 'Mars/Olympus' })),
    ).toBe('Time zone: expected an IANA time zone like Europe/London');
    expect(
      addOnFailure(() =>
        s.menu('meterSaveSettings', nonce, {
          providers: {
            faketoken: { clientId: 'c', clientSecret: SECRET, baseUrl: 'http://example.com/v1' },
          },
        }),
      ),
    ).toBe(
      `${fakeTokenProvider.label} ▸ ${fakeTokenProvider.fields.find((f) => f.key === 'baseUrl')!.label}: expected an https:// URL (plain http only for 127.0.0.1 or localhost)`,
    );
    expect(
      addOnFailure(() =>
        s.menu('meterSaveSettings', nonce, { providers: { octopus: { gasUnit: 'litres' } } }),
      ),
    ).toBe(
      'Octopus Energy ▸ Gas meter reports: expected m3 (SMETS2 gas meters, the default) or kWh (SMETS1 gas meters)',
    );
    expect(JSON.parse(s.world.props().getProperty(SETTINGS_KEY)!).timezone).toBe('Europe/Paris');
  });

  it("keeps each user's settings to that user", async () => {
    const { s } = await withProviders();
    s.saveSettings({
      providers: { faketoken: { clientId: FAKE_CLIENT_ID, clientSecret: SECRET } },
    });
    s.as('editor@example.com', () => s.menu('meterShowSettings'));
    const editorView = s.panelState('sidebar') as unknown as {
      view: { providers: { id: string; saved: boolean }[] };
    };
    expect(editorView.view.providers.find((p) => p.id === 'faketoken')!.saved).toBe(false);
  });

  it('menu commands use the user’s own credentials without the formula permission', async () => {
    const { s } = await withProviders();
    s.saveSettings({
      providers: { faketoken: { clientId: FAKE_CLIENT_ID, clientSecret: SECRET } },
    });
    const { nonce, calls } = openDialog(s, 'meterShowImport');
    const list = s.menu(calls.listMeters, nonce) as { meters: { id: string }[] };
    expect(list.meters.map((m) => m.id)).toContain('faketoken:main');
    const r = s.menu(calls.importUsage, nonce, {
      meter: 'faketoken',
      start: '2024-01-01',
      aggregate: 'hour',
    }) as { rows: number };
    expect(r.rows).toBe(24);
  });
});

describe('secrets', () => {
  it('a planted secret appears in no cell, panel, toast, message, log or cache key, even when a provider echoes it', async () => {
    const { s, tokens } = await withProviders();
    const wrong = planted('echoed', 40);
    const messages: string[] = [];
    const cells: unknown[] = [];
    // Refused: the provider echoes the wrong secret in its error body.
    s.saveSettings({
      providers: { faketoken: { clientId: FAKE_CLIENT_ID, clientSecret: wrong } },
      allowFormulas: true,
    });
    messages.push(s.cellError('METER_USAGE', '2024-01-01', '', 'day', 'faketoken'));
    const { nonce, calls } = openDialog(s, 'meterShowImport');
    const listed = s.menu(calls.listMeters, nonce) as { problems: string[] };
    messages.push(...listed.problems);
    messages.push(
      addOnFailure(() =>
        s.menu(calls.importUsage, nonce, { meter: 'faketoken', start: '2024-01-01' }),
      ),
    );
    expect(messages[0]).toMatch(/refused the credentials/);
    // Accepted: everything works, and the secret still shows nowhere.
    s.saveSettings({
      providers: { faketoken: { clientId: FAKE_CLIENT_ID, clientSecret: SECRET } },
      allowFormulas: true,
    });
    cells.push(
      s.cell('METER_METERS'),
      s.cell('METER_USAGE', '2024-01-01', '', 'hour', 'faketoken'),
      s.cell('METER_NOW', 'faketoken'),
    );
    s.menu(calls.importUsage, nonce, { meter: 'faketoken', start: '2024-01-01' });
    const compare = openDialog(s, 'meterShowCompare');
    s.menu(compare.calls.compareProfiles, compare.nonce, {
      meter: 'faketoken',
      periods: ['2024-01-01', '2024-01-02'],
    });
    expect(tokens.state.tokensIssued).toBeGreaterThan(0);

    const w = s.world;
    const everything = [
      JSON.stringify(cells),
      ...messages,
      ...w.spreadsheet.sheets.map((sh) => JSON.stringify(sh.grid())),
      ...w.spreadsheet.toasts,
      ...w.panels.map((p) => p.html.getContent()),
      ...w.logs,
      ...[...w.userCaches.values()].flatMap((c) => [...c.keysWritten, ...c.values()]),
    ];
    for (const secret of [SECRET, wrong])
      for (const text of everything) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(encodeURIComponent(secret));
      }
    // It did reach the provider, which is the point.
    expect(w.requests.some((r) => (r.body ?? '').includes(SECRET))).toBe(true);
  });
});
