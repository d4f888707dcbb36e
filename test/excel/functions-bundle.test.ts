// The built functions bundle, loaded in Node with Excel's runtime stubbed: its metadata
// is the function table, and each function answers as Excel would show it (spilled
// arrays, dates as formatted numbers or serials, empty cells empty, #VALUE!/#N/A errors),
// against the demo meter and the HTTP fake provider. Streaming is in streaming.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excelDescription, excelText } from '../../scripts/build/codegen/excel';
import { runSync } from '../../shared/flow';
import { FUNCTIONS } from '../../shared/functions/catalog';
import { runFunction } from '../../shared/functions/run';
import { type Table, excelSerial } from '../../shared/table';
import { ROOT } from '../helpers/cli';
import { fakeProvider } from '../helpers/fake-provider';
import type { RunningMock } from '../mocks/mock-http';
import { FAKE_KWH, FAKE_ORIGIN, FAKE_TOKEN, routedFetch, serveFake } from './fake-http';
import { excelErrorOf, loadFunctionsBundle } from './harness';

/** The same call through the core directly: what the cells must hold. */
function coreTable(id: string, args: unknown[]): Table {
  const env = { settings: { providers: {} }, clock: Date.now };
  return runSync(runFunction(id, args, env), { fetchAll: () => [] });
}

describe('functions.json', () => {
  const { metadata, associated, api } = loadFunctionsBundle();

  it('declares every function of the table, in Excel spelling, and nothing else', () => {
    expect(metadata.functions.map((f) => f.id)).toEqual(FUNCTIONS.map((f) => f.id));
    for (const spec of FUNCTIONS) {
      const f = metadata.functions.find((x) => x.id === spec.id)!;
      expect(f.name).toBe(spec.id);
      expect(f.description).toBe(excelDescription(spec, FUNCTIONS));
      expect(f.description).not.toMatch(/METER_/);
      // A streaming function (METER.NOW) says it streams; the others do not claim to.
      expect(/\bStreams\b/.test(f.description!), spec.id).toBe(!!spec.streaming);
      expect(f.result).toEqual({ dimensionality: 'matrix' });
      expect(!!f.options?.stream).toBe(!!spec.streaming);
      expect(f.parameters).toEqual(
        spec.params.map((p) => ({
          name: p.name,
          description: excelText(p.description, FUNCTIONS),
          type: p.type,
          ...(p.optional ? { optional: true } : {}),
          ...(p.matrix ? { dimensionality: 'matrix' } : {}),
        })),
      );
    }
    // Formatted-number date cells are custom data in "any" results.
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
  });

  it('leaves the documentation to functions.json: no spec text is in functions.js', () => {
    const code = readFileSync(join(ROOT, 'dist', 'excel-addin', 'functions.js'), 'utf8');
    for (const spec of FUNCTIONS) {
      const texts = [spec.description, spec.result, ...spec.examples];
      for (const p of spec.params) texts.push(p.description);
      for (const text of texts) expect(code, spec.id).not.toContain(text);
    }
  });

  it('associates a function with every id in the metadata', () => {
    expect([...associated.keys()]).toEqual(metadata.functions.map((f) => f.id));
    expect(api.associated).toEqual(metadata.functions.map((f) => f.id));
    for (const fn of associated.values()) expect(typeof fn).toBe('function');
  });
});

describe('the demo meter in cells', () => {
  it('spills METER.USAGE with dates as formatted numbers (ExcelApi 1.19: Double)', async () => {
    const { call } = loadFunctionsBundle({ excelApi: '1.19' });
    const cells = await call('USAGE', '2024-03-31');
    const expected = coreTable('USAGE', ['2024-03-31']);
    expect(cells).toHaveLength(1 + 46); // spring forward: 46 half-hours
    expect(cells[0]).toEqual(['Start', 'End', 'kWh', 'Carbon (kg)', 'Cost (GBP)', 'Missing']);
    expect(cells[1][0]).toEqual({
      type: 'Double',
      basicValue: 45382,
      numberFormat: 'yyyy-mm-dd hh:mm',
    });
    // 02:00 BST follows 00:30 GMT's half-hour: the wall clock skips the missing hour.
    expect(cells[3][0]).toMatchObject({ basicValue: excelSerial(expected[3][0] as never) });
    expect(cells.slice(1).map((r) => r[2])).toEqual(expected.slice(1).map((r) => r[2] ?? ''));
  });

  it('uses FormattedNumber on ExcelApi 1.16–1.18 and bare serials before that', async () => {
    const older = await loadFunctionsBundle({ excelApi: '1.16' }).call('USAGE', '2024-01-01');
    expect(older[1][0]).toEqual({
      type: 'FormattedNumber',
      basicValue: 45292,
      numberFormat: 'yyyy-mm-dd hh:mm',
    });
    const oldest = await loadFunctionsBundle({ excelApi: null }).call('USAGE', '2024-01-01');
    expect(oldest[1][0]).toBe(45292);
    expect(oldest[1][1]).toBeCloseTo(45292 + 1 / 48, 9);
  });

  it('writes bare serials on perpetual Excel 2021/2024 for Windows (ExcelApi 1.16 but no data types from functions)', async () => {
    for (const excelApi of ['1.16', '1.19']) {
      const perpetual = loadFunctionsBundle({ excelApi, customFunctionsRuntime: '1.3' });
      const cells = await perpetual.call('USAGE', '2024-01-01');
      expect(cells[1][0], excelApi).toBe(45292);
    }
  });

  it('shows missing data as empty cells, never 0', async () => {
    const { call } = loadFunctionsBundle();
    const expected = coreTable('USAGE', ['2024-01', '2024-01']);
    const gap = expected.findIndex((r, i) => i > 0 && r[2] === null);
    expect(gap).toBeGreaterThan(0); // the demo household has outages every month
    const cells = await call('USAGE', '2024-01', '2024-01');
    expect(cells[gap][2]).toBe('');
    expect(cells[gap][5]).toBe(1);
    expect(cells.flat()).not.toContain(null);
  });

  it('accepts Excel date serials and treats empty cell references (0) as empty', async () => {
    const { call } = loadFunctionsBundle();
    const byText = await call('USAGE', '2024-10-27', '2024-10-27', 'hour');
    expect(await call('USAGE', 45592, 45592, 'hour')).toEqual(byText);
    expect(await call('USAGE', 45592.75, 0, 'hour')).toEqual(byText); // a time of day; an empty end cell
    expect(byText).toHaveLength(1 + 25); // fall back: 01:00 twice
  });

  it('spills METER.COMPARE from a range of periods, one column each', async () => {
    const { call } = loadFunctionsBundle();
    const cells = await call('COMPARE', [['2024-01'], ['2024-07'], [0]]);
    const expected = coreTable('COMPARE', ['2024-01, 2024-07']);
    expect(cells).toHaveLength(49);
    expect(cells[0]).toEqual(['Time', '2024-01', '2024-07']);
    expect(cells).toEqual(expected.map((r) => r.map((c) => c ?? '')));
  });

  it('lists the meters with their first and last days as dates', async () => {
    const { call } = loadFunctionsBundle();
    const cells = await call('METERS');
    expect(cells.slice(1).map((r) => r[0])).toEqual([
      'demo:electricity',
      'demo:export',
      'demo:gas',
    ]);
    expect(cells[1][4]).toEqual({ type: 'Double', basicValue: 43831, numberFormat: 'yyyy-mm-dd' });
  });

  it('answers METER.NOW with the reading time as a date-time', async () => {
    const { stream } = loadFunctionsBundle();
    const cell = stream('NOW');
    await expect.poll(() => cell.results.length).toBe(1);
    const [header, row] = cell.results[0] as unknown[][];
    expect(header).toEqual(['Time', 'Demand (W)', 'Import (kWh)', 'Export (kWh)']);
    const time = row[0] as { basicValue: number; numberFormat: string };
    expect(time.numberFormat).toMatch(/^yyyy-mm-dd hh:mm/);
    expect(Math.abs(time.basicValue - excelSerialNow())).toBeLessThan(1 / 24 + 0.01); // wall clock, Europe/London
    cell.cancel();
  });
});

function excelSerialNow(): number {
  return Date.now() / 86_400_000 + 25569;
}

describe('error values', () => {
  const { call } = loadFunctionsBundle();

  it('#VALUE! for a bad argument, naming it and what is accepted', async () => {
    const e = await excelErrorOf(call('USAGE', '2024-01-01', null, 'daily'));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toBe(
      'aggregate: expected one of none, hour, day, week, month, profile, weekday-profile, weekend-profile, got "daily"',
    );
    expect((await excelErrorOf(call('USAGE', '2024-02-01', '2024-01-01'))).message).toBe(
      'end: 2024-01-01 is before start 2024-02-01; swap them',
    );
    expect((await excelErrorOf(call('COMPARE', 'July'))).code).toBe('#VALUE!');
  });

  it('refuses a result larger than Excel on the web accepts from one formula, before fetching it', async () => {
    const { call, api } = loadFunctionsBundle();
    const batches: number[] = [];
    api.setHost(
      api.createHost({ ...api.defaultHostOptions(), onBatch: (r) => batches.push(r.length) }),
    );
    // Two years of half-hours: 35,088 rows, about 7 MB of JSON with date objects.
    const e = await excelErrorOf(call('USAGE', '2023-01-01', '2024-12-31'));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(
      /^METER\.USAGE: this range is about 35,088 rows, more than 20,000; Excel on the web refuses a formula result over 5 MB\. Ask for a coarser aggregate/,
    );
    expect(batches).toEqual([]);
    // The same two years by day are small, and answered; so is one year of half-hours.
    expect(await call('USAGE', '2023-01-01', '2024-12-31', 'day')).toHaveLength(1 + 731);
    expect(await call('USAGE', '2024-01-01', '2024-12-31')).toHaveLength(1 + 366 * 48);
  });

  it('#N/A for what is not there, with the reason', async () => {
    const e = await excelErrorOf(call('USAGE', '2024-01-01', null, null, 'demo:water'));
    expect(e.code).toBe('#N/A');
    expect(e.message).toBe(
      'meter: no meter "demo:water"; Demo meter has demo:electricity, demo:export, demo:gas',
    );
  });
});

describe('an HTTP provider (the fake) through the built bundle', () => {
  let server: RunningMock;
  beforeAll(async () => {
    server = await serveFake();
  });
  afterAll(() => server.close());

  function withFake() {
    const loaded = loadFunctionsBundle();
    const batches: number[] = [];
    const host = loaded.api.createHost({
      ...loaded.api.defaultHostOptions(),
      storage: loaded.storage,
      providers: [...loaded.api.builtInProviders, fakeProvider],
      fetch: routedFetch({ [FAKE_ORIGIN]: server.origin }),
      onBatch: (requests) => batches.push(requests.length),
    });
    loaded.api.setHost(host);
    return { ...loaded, host, batches };
  }

  it('says what to set up before it has credentials (#N/A)', async () => {
    const { call } = withFake();
    const e = await excelErrorOf(call('USAGE', '2024-01-01', null, null, 'fake'));
    expect(e).toMatchObject({
      code: '#N/A',
      message: 'Fake is not set up: fill in Token in Settings',
    });
  });

  it('fetches over HTTP with the stored credentials, then answers repeats from cache', async () => {
    const { call, host } = withFake();
    await host.settings.save({ providers: { fake: { token: FAKE_TOKEN } } });
    const before = server.requests.length;
    const cells = await call('USAGE', '2024-01-15', null, 'day', 'fake');
    expect(cells).toEqual([
      ['Start', 'End', 'kWh', 'Missing'],
      [
        { type: 'Double', basicValue: 45306, numberFormat: 'yyyy-mm-dd hh:mm' },
        { type: 'Double', basicValue: 45307, numberFormat: 'yyyy-mm-dd hh:mm' },
        48 * FAKE_KWH,
        0,
      ],
    ]);
    const sent = server.requests.slice(before);
    expect(sent.map((r) => r.path.split('?')[0])).toEqual(['/api/meters', '/api/usage']);
    expect(sent.every((r) => r.headers.authorization === `Token ${FAKE_TOKEN}`)).toBe(true);
    await call('USAGE', '2024-01-15', null, 'day', 'fake');
    expect(server.requests.length).toBe(before + 2); // identical call: from the cache
  });

  it('keeps answers in OfficeRuntime.storage across a runtime restart', async () => {
    const first = withFake();
    await first.host.settings.save({ providers: { fake: { token: FAKE_TOKEN } } });
    await first.call('USAGE', '2024-02-01', '2024-02-02', 'day', 'fake');
    const stored = [...first.storage.data.keys()];
    expect(stored.some((k) => k.startsWith('meter-sheets:cache:'))).toBe(true);
    // The token is in the settings entry, and in no cache key or cached value.
    for (const [k, v] of first.storage.data)
      if (k !== 'meter-sheets:settings') expect(k + v).not.toContain(FAKE_TOKEN);
    const before = server.requests.length;
    const restarted = first.api.createHost({
      ...first.api.defaultHostOptions(),
      storage: first.storage,
      providers: [...first.api.builtInProviders, fakeProvider],
      fetch: () => Promise.reject(new Error('no network after restart')),
    });
    first.api.setHost(restarted);
    const again = await first.call('USAGE', '2024-02-01', '2024-02-02', 'day', 'fake');
    expect(again[1][2]).toBe(48 * FAKE_KWH);
    expect(server.requests.length).toBe(before);
  });

  it('shares one meter-list request between cells recalculated together', async () => {
    const { call, host } = withFake();
    await host.settings.save({ providers: { fake: { token: FAKE_TOKEN } } });
    const before = server.requests.length;
    await Promise.all([
      call('USAGE', '2024-06-01', null, 'day', 'fake'),
      call('USAGE', '2024-06-02', null, 'day', 'fake'),
      call('USAGE', '2024-06-03', null, 'day', 'fake'),
    ]);
    const paths = server.requests.slice(before).map((r) => r.path.split('?')[0]);
    expect(paths.filter((p) => p === '/api/meters')).toHaveLength(1);
    expect(paths.filter((p) => p === '/api/usage')).toHaveLength(3);
  });

  it('sends the periods of a comparison as one parallel batch', async () => {
    const { call, host, batches } = withFake();
    await host.settings.save({ providers: { fake: { token: FAKE_TOKEN } } });
    const cells = await call('COMPARE', '2024-03, 2024-04, 2024-05', 'fake');
    expect(cells[0]).toEqual(['Time', '2024-03', '2024-04', '2024-05']);
    expect(cells[1].slice(1)).toEqual([FAKE_KWH, FAKE_KWH, FAKE_KWH]);
    expect(batches.at(-1)).toBe(3);
  });

  it('lists its meters beside the demo, and says when it has no live readings', async () => {
    const { call, stream, host } = withFake();
    await host.settings.save({ providers: { fake: { token: FAKE_TOKEN } } });
    const meters = await call('METERS');
    expect(meters.slice(1).map((r) => r[0])).toEqual([
      'demo:electricity',
      'demo:export',
      'demo:gas',
      'fake:m1',
    ]);
    const cell = stream('NOW', 'fake');
    await expect.poll(() => cell.results.length).toBe(1);
    expect(cell.results[0]).toMatchObject({ code: '#N/A', message: 'Fake has no live readings' });
    cell.cancel();
  });

  it('never shows the credential a provider echoes in its error', async () => {
    const { call, host } = withFake();
    await host.settings.save({ providers: { fake: { token: 'tok_wrong_but_SECRET_0a1b2c3d' } } });
    const e = await excelErrorOf(call('METERS'));
    expect(e.code).toBe('#N/A');
    expect(e.message).toContain('[redacted]');
    expect(e.message).not.toContain('tok_wrong_but_SECRET_0a1b2c3d');
  });
});
