// The Compare overlay's flow (shared/functions/compare-overlay.ts): the profiles and the
// METER_CARBON profiles in one batch, the intensity columns equal to METER_CARBON's, the
// area from the form, Settings or the meter, and a note instead of an overlay (or of a
// zero) where the grid's intensity says nothing or has no figure.
import { describe, expect, it } from 'vitest';
import { INTENSITY_AXIS_TITLE, profileAxes } from '../../shared/carbon/overlay-axes';
import { runAsync } from '../../shared/flow';
import {
  type CompareRequest,
  compareWithOverlay,
  overlayArea,
  overlayRefusal,
} from '../../shared/functions/compare-overlay';
import { runFunction } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import type { Meter } from '../../shared/model';
import { PROVIDERS } from '../../shared/providers';
import type { Settings } from '../../shared/settings';
import type { Table } from '../../shared/table';
import { FAKE_METER, fakeProvider } from '../helpers/fake-provider';
import { FAKE_TOKEN, createMock as fakeMock } from '../helpers/fake-provider-mock';
import * as ci from '../mocks/carbon-intensity';
import { asyncMockIO } from '../mocks/mock-http';

const NOW = Date.UTC(2025, 0, 10, 12, 10);
const CI = 'https://api.carbonintensity.org.uk';

function setup(settings: Partial<Settings> = {}, grid: ci.CarbonMockOptions = {}) {
  const io = asyncMockIO({
    [CI]: ci.createMock({ now: () => NOW, ...grid }).handler,
    'https://fake.test': fakeMock().handler,
  });
  const env: FunctionEnv = {
    settings: { providers: { fake: { token: FAKE_TOKEN } }, ...settings },
    clock: () => NOW,
    providers: [...PROVIDERS, fakeProvider],
  };
  const compare = (req: Partial<CompareRequest>) =>
    runAsync(
      compareWithOverlay(
        {
          periods: ['2024-01', '2024-07'],
          meter: null,
          timezone: null,
          overlay: true,
          area: null,
          ...req,
        },
        env,
      ),
      io,
    );
  const call = (id: string, ...args: unknown[]): Promise<Table> =>
    runAsync(runFunction(id, args, env), io);
  return { io, env, compare, call };
}

describe('Compare with the grid carbon overlay', () => {
  it('sends the usage and the intensity requests in ONE batch and overlays METER_CARBON’s profiles', async () => {
    const { io, compare, call } = setup();
    // The meter list is cached first (as the dialog's meter list does), so what is timed
    // is the comparison itself.
    await call('METERS');
    const before = io.record.batches.length;
    const r = await compare({ meter: 'fake:m1', area: '13' });
    const batches = io.record.batches.slice(before);
    expect(batches).toHaveLength(1);
    const hosts = io.record.requests.slice(-batches[0]).map((q) => new URL(q.url).host);
    expect(new Set(hosts)).toEqual(new Set(['fake.test', 'api.carbonintensity.org.uk']));
    expect(r.notes).toEqual([]);
    expect(r.area).toEqual({ kind: 'region', id: 13 });
    expect(r.table[0]).toEqual([
      'Time',
      '2024-01',
      '2024-07',
      '2024-01 gCO2/kWh',
      '2024-07 gCO2/kWh',
    ]);
    const jan = await call('CARBON', '2024-01-01', '2024-01-31', 'profile', '13', 'Europe/London');
    const jul = await call('CARBON', '2024-07', '', 'profile', 13);
    expect(r.table.slice(1).map((row) => row[3])).toEqual(jan.slice(1).map((row) => row[1]));
    expect(r.table.slice(1).map((row) => row[4])).toEqual(jul.slice(1).map((row) => row[1]));
    expect(r.table.slice(1).every((row) => typeof row[3] === 'number')).toBe(true);
    expect(profileAxes(r.table)).toEqual({
      secondary: [2, 3],
      secondaryTitle: INTENSITY_AXIS_TITLE,
    });
  });

  it('leaves the table as METER_COMPARE’s when the box is not ticked', async () => {
    const { compare, call, io } = setup();
    const r = await compare({ overlay: false });
    expect(r.table).toEqual(await call('COMPARE', '2024-01, 2024-07'));
    expect(r.area).toBeNull();
    expect(io.record.requests).toHaveLength(0);
    expect(profileAxes(r.table)).toEqual({ secondary: [], secondaryTitle: null });
  });

  it('overlays the demo grid for the demo meter unless Settings name an area', async () => {
    const demo = await setup().compare({});
    expect(demo.area).toEqual({ kind: 'demo' });
    const { compare, io } = setup({ carbon: { source: 'national' } });
    const national = await compare({});
    expect(national.area).toEqual({ kind: 'national' });
    expect(io.record.requests.length).toBeGreaterThan(0);
    expect(national.table[1][3]).not.toEqual(demo.table[1][3]);
  });

  it('takes the area from the form, then the meter’s own, then Settings’ source, else national', () => {
    const settings: Settings = {
      providers: {},
      carbon: { source: 'RG10', meters: { 'fake:m1': '13', 'fake:m2': 'none' } },
    };
    const other: Meter = { ...FAKE_METER, id: 'fake:m2' };
    expect(overlayArea('EH3', settings, FAKE_METER)).toEqual({ kind: 'postcode', outward: 'EH3' });
    expect(overlayArea(null, settings, FAKE_METER)).toEqual({ kind: 'region', id: 13 });
    expect(overlayArea(' ', settings, other)).toEqual({ kind: 'postcode', outward: 'RG10' });
    expect(overlayArea(null, { providers: {} }, FAKE_METER)).toEqual({ kind: 'national' });
    expect(() => overlayArea('SW1A 1AA', settings, FAKE_METER)).toThrow(/outward part/);
  });

  it('says why there is no overlay for a gas meter, and writes the comparison anyway', async () => {
    const { compare } = setup();
    const r = await compare({ meter: 'demo:gas' });
    expect(r.area).toBeNull();
    expect(r.table[0]).toEqual(['Time', '2024-01', '2024-07']);
    expect(r.notes).toEqual([
      "No carbon overlay: grid carbon intensity is electricity's, and demo:gas is a gas meter.",
    ]);
  });

  it('refuses the overlay for a meter whose home is outside Great Britain, not for one in it', () => {
    const abroad: Meter = { ...FAKE_METER, fuel: 'electricity', homeZone: 'europe/rome' };
    expect(overlayRefusal(abroad)).toBe(
      `No carbon overlay: grid carbon intensity covers Great Britain only, and ${FAKE_METER.id} is a meter in Europe/Rome.`,
    );
    expect(overlayRefusal({ ...abroad, homeZone: 'Europe/London' })).toBeNull();
    expect(overlayRefusal({ ...abroad, homeZone: undefined })).toBeNull();
  });

  it('leaves half-hours without a figure blank, never zero, and says so', async () => {
    // No figures at all for the first week of July between 18:00 and 19:00 UTC… and none
    // for all of 2024-01-05: slots keep the mean of the days that had one.
    const gaps: [number, number][] = [[Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 6)]];
    for (let d = 1; d <= 31; d++) gaps.push([Date.UTC(2024, 6, d, 17), Date.UTC(2024, 6, d, 18)]);
    const { compare } = setup({ carbon: { source: 'national' } }, { gaps });
    const r = await compare({});
    const at = (hhmm: string) => r.table.find((row) => row[0] === hhmm)!;
    // 17:00 UTC is 18:00 in July (BST): that slot and the next have no figure on any day.
    expect(at('18:00')[4]).toBeNull();
    expect(at('18:30')[4]).toBeNull();
    expect(typeof at('18:00')[3]).toBe('number');
    expect(r.table.slice(1).filter((row) => row[4] === null)).toHaveLength(2);
    expect(r.notes).toEqual([
      'Grid carbon intensity for 2024-01: 48 half-hours had no figure; each slot is the mean of the days that had one.',
      'Grid carbon intensity for 2024-07: 62 half-hours had no figure; each slot is the mean of the days that had one, and 2 slots with none are blank.',
    ]);
  });

  it('keeps the comparison when a period’s intensity cannot be had, with its column blank', async () => {
    // The API's postcode lookups failing, as the live ones sometimes do.
    const { compare } = setup({}, { postcodesDown: true });
    const r = await compare({ area: 'RG10' });
    expect(r.table[0]).toHaveLength(5);
    expect(r.table.slice(1).every((row) => row[3] === null && row[4] === null)).toBe(true);
    expect(r.table.slice(1).every((row) => typeof row[1] === 'number')).toBe(true);
    expect(r.notes).toHaveLength(2);
    expect(r.notes[0]).toMatch(
      /^Grid carbon intensity for 2024-01 could not be had \(its column is blank\): ./,
    );
  });
});
