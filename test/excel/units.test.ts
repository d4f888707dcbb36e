// The add-in's pure parts, each against the behaviour a user would notice.
import { describe, expect, it } from 'vitest';
import { normaliseArgs } from '../../excel-addin/functions/args';
import { TieredCache, CACHE_PREFIX, MAX_STORED_CHARS } from '../../excel-addin/functions/cache';
import { detectDateStyle, toExcelCell } from '../../excel-addin/functions/cells';
import { coalescing } from '../../excel-addin/functions/coalesce';
import { declarationsSource } from '../../scripts/build/codegen/excel';
import { corsAwareFetch, isSimpleRequest } from '../../excel-addin/functions/cors-fetch';
import {
  SettingsStore,
  SETTINGS_KEY,
  applyUpdate,
  maskedView,
} from '../../excel-addin/functions/settings-store';
import { memoryStorage } from '../../excel-addin/functions/storage';
import { manifestVersion } from '../../scripts/build/manifest/manifest';
import { joinTables, planChunks, runLimited } from '../../excel-addin/taskpane/chunks';
import { januaryAndJuly, lastMonth, rangeLabel } from '../../excel-addin/taskpane/defaults';
import { uniqueSheetName } from '../../excel-addin/taskpane/excel-writer';
import { columnLetters, toSheetData } from '../../excel-addin/taskpane/sheet-data';
import { lineChartSvg, niceScale } from '../../excel-addin/taskpane/svg-chart';
import { FUNCTIONS } from '../../shared/functions/catalog';
import type { FunctionSpec } from '../../shared/functions/spec';
import { dateCell, dateTimeCell } from '../../shared/table';

const FIELDS = {
  demo: [],
  acme: [
    { key: 'apiKey', label: 'API key', kind: 'secret' as const, required: true },
    { key: 'baseUrl', label: 'Base URL', kind: 'url' as const },
  ],
};

describe('cells for Excel', () => {
  it('writes dates in the best style the host supports, and empty as ""', () => {
    const t = dateTimeCell(Date.UTC(2024, 6, 1, 11, 30), 3_600_000); // 12:30 BST
    expect(toExcelCell(t, 'serial')).toBeCloseTo(45474 + 12.5 / 24, 9);
    expect(toExcelCell(t, 'double')).toMatchObject({
      type: 'Double',
      numberFormat: 'yyyy-mm-dd hh:mm',
    });
    expect(toExcelCell(dateCell(19905), 'formatted-number')).toEqual({
      type: 'FormattedNumber',
      basicValue: 45474,
      numberFormat: 'yyyy-mm-dd',
    });
    expect(toExcelCell(dateTimeCell(Date.UTC(2024, 0, 1, 0, 0, 7), 0), 'double')).toMatchObject({
      numberFormat: 'yyyy-mm-dd hh:mm:ss',
    });
    expect(toExcelCell(null, 'double')).toBe('');
    expect(toExcelCell(0, 'double')).toBe(0);
  });

  it('asks Office which requirement sets it has', () => {
    // Each set answered for itself: ExcelApi minor version `excel`, CustomFunctionsRuntime `cf`.
    const sets = (excel: number, cf = 5) => ({
      isSetSupported: (name: string, v = '1.1') => {
        const minor = Number(v.split('.')[1]);
        if (name === 'ExcelApi') return minor <= excel;
        if (name === 'CustomFunctionsRuntime') return minor <= cf;
        return false;
      },
    });
    expect(detectDateStyle(sets(19))).toBe('double');
    expect(detectDateStyle(sets(17))).toBe('formatted-number');
    expect(detectDateStyle(sets(15))).toBe('serial');
    // Perpetual Excel 2021/2024 for Windows: ExcelApi 1.16+, but CustomFunctionsRuntime 1.3.
    expect(detectDateStyle(sets(16, 3))).toBe('serial');
    expect(detectDateStyle(sets(19, 3))).toBe('serial');
    expect(detectDateStyle(sets(19, 4))).toBe('double');
    expect(detectDateStyle(undefined)).toBe('serial');
    expect(
      detectDateStyle({
        isSetSupported: () => {
          throw new Error('unknown set');
        },
      }),
    ).toBe('serial');
  });

  it('reads empty cell references (0 on Excel desktop) as empty dates and periods only', () => {
    const usage = FUNCTIONS.find((f) => f.id === 'USAGE')!;
    expect(normaliseArgs(usage.params, ['2024-01', 0, 'day'])).toEqual([
      '2024-01',
      null,
      'day',
      null,
      null,
    ]);
    const compare = FUNCTIONS.find((f) => f.id === 'COMPARE')!;
    expect(normaliseArgs(compare.params, [[['2024-01'], [0], [45292]]])).toEqual([
      [['2024-01'], [null], [45292]],
      null,
      null,
    ]);
  });
});

describe('the two cache tiers', () => {
  it('answers from storage after a restart, until the entry expires', async () => {
    let now = 1_000_000;
    const storage = memoryStorage();
    await new TieredCache(storage, () => now).put([{ key: 'k', value: 'v', ttlSeconds: 600 }]);
    const restarted = new TieredCache(storage, () => now);
    expect(await restarted.get(['k', 'missing'])).toEqual(['v', null]);
    now += 601_000;
    expect(await new TieredCache(storage, () => now).get(['k'])).toEqual([null]);
    expect(storage.data.has(CACHE_PREFIX + 'k')).toBe(false); // expired entries are removed
  });

  it('keeps short-lived and very large answers in memory only', async () => {
    const storage = memoryStorage();
    const cache = new TieredCache(storage, () => 0);
    await cache.put([
      { key: 'now', value: 'x', ttlSeconds: 10 },
      { key: 'big', value: 'x'.repeat(MAX_STORED_CHARS + 1), ttlSeconds: 3600 },
    ]);
    expect(await cache.get(['now', 'big'])).toEqual(['x', 'x'.repeat(MAX_STORED_CHARS + 1)]);
    expect([...storage.data.keys()]).toEqual([]);
  });

  it('survives a full storage quota and never clears the settings', async () => {
    const storage = memoryStorage({
      [SETTINGS_KEY]: '{}',
      [CACHE_PREFIX + 'old']: '{"v":"o","e":9e15}',
    });
    let failOnce = true;
    const full = {
      ...storage,
      async setItems(items: Record<string, string>) {
        if (failOnce) {
          failOnce = false;
          throw new Error('QuotaExceeded');
        }
        return storage.setItems(items);
      },
    };
    const cache = new TieredCache(full, () => 0);
    await cache.put([{ key: 'new', value: 'n', ttlSeconds: 3600 }]);
    expect(storage.data.has(SETTINGS_KEY)).toBe(true);
    expect(storage.data.has(CACHE_PREFIX + 'old')).toBe(false);
    expect(storage.data.has(CACHE_PREFIX + 'new')).toBe(true);
    await cache.clear();
    expect([...storage.data.keys()]).toEqual([SETTINGS_KEY]);
  });
});

describe('identical requests in flight', () => {
  it('share one request, within a batch and across batches, until answered', async () => {
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const fetchAll = coalescing(async (requests) => {
      sent.push(...requests.map((r) => `${r.method} ${r.url} ${r.headers?.Authorization ?? ''}`));
      await gate;
      return requests.map((r) => ({ status: 200, headers: {}, body: r.url }));
    });
    const get = (url: string, auth = 'a') => ({
      method: 'GET' as const,
      url,
      headers: { Authorization: auth },
    });
    const first = fetchAll([
      get('https://p/meters'),
      get('https://p/meters'),
      get('https://p/meters', 'b'),
    ]);
    const second = fetchAll([
      get('https://p/meters'),
      { method: 'POST', url: 'https://p/token', body: 'x' },
    ]);
    const third = fetchAll([{ method: 'POST', url: 'https://p/token', body: 'x' }]);
    release();
    const [a, b] = await Promise.all([first, second, third]);
    expect(a.map((r) => r.body)).toEqual([
      'https://p/meters',
      'https://p/meters',
      'https://p/meters',
    ]);
    expect(b[0].body).toBe('https://p/meters');
    // One GET per distinct credentials; POSTs are never merged.
    expect(sent).toEqual([
      'GET https://p/meters a',
      'GET https://p/meters b',
      'POST https://p/token ',
      'POST https://p/token ',
    ]);
    await fetchAll([get('https://p/meters')]);
    expect(sent).toHaveLength(5); // answered requests are not remembered: that is the cache's job
  });
});

describe('settings in OfficeRuntime.storage', () => {
  const current = {
    timezone: 'Europe/London',
    providers: { acme: { apiKey: 'acme_secret_0123456789abcdef' } },
  };

  it('shows secrets masked', () => {
    expect(maskedView(current, FIELDS).providers.acme.apiKey).toBe('••••cdef');
  });

  it('keeps a stored secret when its field is left empty, and clears it on request', () => {
    expect(applyUpdate(current, { providers: { acme: { apiKey: '' } } }, FIELDS)).toEqual(current);
    expect(applyUpdate(current, { providers: { acme: { apiKey: undefined } } }, FIELDS)).toEqual(
      current,
    );
    expect(applyUpdate(current, { providers: { acme: { apiKey: null } } }, FIELDS)).toEqual({
      timezone: 'Europe/London',
      providers: {},
    });
    expect(applyUpdate(current, { timezone: null }, FIELDS)).toEqual({
      providers: current.providers,
    });
  });

  it('refuses what the core refuses, naming the field and never the value', () => {
    expect(() =>
      applyUpdate(current, { providers: { acme: { baseUrl: 'http://evil.example' } } }, FIELDS),
    ).toThrow(
      'settings.providers.acme.baseUrl: expected an https:// URL (plain http only for 127.0.0.1 or localhost)',
    );
    expect(() => applyUpdate(current, { timezone: 'Mars/Olympus' }, FIELDS)).toThrow(
      'settings.timezone',
    );
  });

  it('reports a damaged stored document, and replaces it on the next save', async () => {
    const storage = memoryStorage({ [SETTINGS_KEY]: '{not json' });
    const store = new SettingsStore(storage, FIELDS);
    await expect(store.load()).rejects.toThrow('the stored settings are not valid JSON');
    await store.save({ timezone: 'Europe/Rome' });
    expect(JSON.parse(storage.data.get(SETTINGS_KEY)!)).toEqual({
      timezone: 'Europe/Rome',
      providers: {},
    });
  });
});

describe('fetch with the CORS fallback', () => {
  const PAGE = 'https://localhost:3000';
  /** `staticHost`: the page is served by a plain static host, with no pass-through. */
  function harness(refuse: (url: string) => boolean, staticHost = false) {
    const calls: { url: string; headers: Headers; method: string }[] = [];
    const proxied = { 'x-meter-sheets-proxied': '1' };
    const base = async (url: string, init?: RequestInit) => {
      calls.push({ url, headers: new Headers(init?.headers), method: init?.method ?? 'GET' });
      if (!url.startsWith(PAGE) && refuse(url)) throw new TypeError('Failed to fetch');
      if (url.startsWith(PAGE) && staticHost) return new Response('Not Found', { status: 404 });
      if (url.includes('/proxy?url=' + encodeURIComponent('https://unlisted.example')))
        return new Response('{}', {
          status: 403,
          headers: { ...proxied, 'x-meter-sheets-proxy-refused': '1' },
        });
      if (url.includes('down.example'))
        return new Response('', {
          status: 502,
          headers: { ...proxied, 'x-meter-sheets-proxy-error': 'ECONNREFUSED' },
        });
      return new Response('ok', { headers: url.startsWith(PAGE) ? proxied : {} });
    };
    return { calls, f: corsAwareFetch(base, PAGE) };
  }

  it('goes direct when the provider allows it', async () => {
    const { calls, f } = harness(() => false);
    await f('https://api.cors.example/x', { headers: { Authorization: 'Bearer t' } });
    expect(calls.map((c) => c.url)).toEqual(['https://api.cors.example/x']);
  });

  it('falls back to the proxy once refused, and remembers the origin', async () => {
    const { calls, f } = harness((u) => u.includes('nocors.example'));
    expect(
      await (
        await f('https://nocors.example/a?b=1', { headers: { Authorization: 'Bearer t' } })
      ).text(),
    ).toBe('ok');
    await f('https://nocors.example/c');
    expect(calls.map((c) => c.url)).toEqual([
      'https://nocors.example/a?b=1',
      `${PAGE}/proxy?url=${encodeURIComponent('https://nocors.example/a?b=1')}`,
      `${PAGE}/proxy?url=${encodeURIComponent('https://nocors.example/c')}`,
    ]);
    expect(calls[1].headers.get('authorization')).toBe('Bearer t');
    expect(calls[1].headers.get('x-meter-sheets-proxy')).toBe('1');
    expect([...f.proxied]).toEqual(['https://nocors.example']);
  });

  it('sends a simple form POST through the proxy first, so it can never reach the provider twice', async () => {
    const { calls, f } = harness(() => true);
    await f('https://auth.example/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token',
    });
    expect(calls.map((c) => c.url)).toEqual([
      `${PAGE}/proxy?url=${encodeURIComponent('https://auth.example/token')}`,
    ]);
    expect(isSimpleRequest('POST', new Headers({ 'content-type': 'application/json' }))).toBe(
      false,
    );
    expect(isSimpleRequest('GET', new Headers({ authorization: 'x' }))).toBe(false);
    expect(isSimpleRequest('GET', new Headers({ accept: 'application/json' }))).toBe(true);
  });

  it('goes direct when the proxy will not take a host, and reports a dead provider as no answer', async () => {
    const { calls, f } = harness(() => false);
    await f('https://unlisted.example/t', { method: 'POST', body: 'a=1' });
    expect(calls.map((c) => c.url.split('?')[0])).toEqual([
      `${PAGE}/proxy`,
      'https://unlisted.example/t',
    ]);
    const dead = harness(() => true);
    await expect(
      dead.f('https://down.example/x', { headers: { Authorization: 'x' } }),
    ).rejects.toThrow('ECONNREFUSED');
  });

  it('served from a static host (no pass-through), says to run the local server for a provider browsers cannot reach', async () => {
    const { calls, f } = harness((u) => u.includes('nocors.example'), true);
    expect(await (await f('https://api.cors.example/x')).text()).toBe('ok');
    const refused = f('https://nocors.example/a', { headers: { Authorization: 'Bearer t' } });
    await expect(refused).rejects.toThrow(
      /nocors\.example does not answer web pages .*npx meter-sheets serve/,
    );
    // Known now: the next refusal asks the static host nothing.
    await expect(f('https://nocors.example/b')).rejects.toThrow(/npx meter-sheets serve/);
    expect(calls.map((c) => c.url.split('?')[0])).toEqual([
      'https://api.cors.example/x',
      'https://nocors.example/a',
      `${PAGE}/proxy`,
      'https://nocors.example/b',
    ]);
    // A simple POST goes direct when there is no pass-through to send it through.
    const form = harness(() => false, true);
    await form.f('https://auth.example/token', { method: 'POST', body: 'a=1' });
    expect(form.calls.map((c) => c.url.split('?')[0])).toEqual([
      `${PAGE}/proxy`,
      'https://auth.example/token',
    ]);
  });

  it('does not retry a request that timed out, and needs no proxy without a page', async () => {
    const timeout = corsAwareFetch(async () => {
      throw Object.assign(new Error('t'), { name: 'TimeoutError' });
    }, PAGE);
    await expect(timeout('https://slow.example/')).rejects.toThrow('t');
    const calls: string[] = [];
    const node = corsAwareFetch(async (url) => {
      calls.push(url);
      throw new TypeError('refused');
    }, null);
    await expect(node('https://x.example/')).rejects.toThrow('refused');
    expect(calls).toEqual(['https://x.example/']);
  });
});

describe('imports', () => {
  it('split into calendar months only where rows never cross a month', () => {
    expect(planChunks('2024-01-15', '2024-03-02', 'day')).toEqual([
      { start: '2024-01-15', end: '2024-01-31' },
      { start: '2024-02-01', end: '2024-02-29' },
      { start: '2024-03-01', end: '2024-03-02' },
    ]);
    expect(planChunks('2024-01-01', '2024-03-31', 'week')).toEqual([
      { start: '2024-01-01', end: '2024-03-31' },
    ]);
    expect(planChunks('2024-01-01', '2024-12-31', 'profile')).toHaveLength(1);
    expect(planChunks('2024-05-05', '2024-05-05', 'none')).toEqual([
      { start: '2024-05-05', end: '2024-05-05' },
    ]);
  });

  it('join under one header, or not at all when the months disagree', () => {
    expect(
      joinTables([
        [['h'], [1]],
        [['h'], [2], [3]],
      ]),
    ).toEqual([['h'], [1], [2], [3]]);
    expect(
      joinTables([
        [['h'], [1]],
        [['other'], [2]],
      ]),
    ).toBeNull();
  });

  it('run a few months at a time and report each', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    const out = await runLimited(
      [1, 2, 3, 4, 5].map((n) => async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return n * 10;
      }),
      2,
      (done) => seen.push(done),
    );
    expect(out).toEqual([10, 20, 30, 40, 50]);
    expect(most).toBe(2);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('become one block of values and formats: text stays text, dates get date formats', () => {
    const data = toSheetData([
      ['Start', 'kWh', 'Missing'],
      [dateTimeCell(Date.UTC(2024, 0, 1), 0), 0.25, 0],
      [dateTimeCell(Date.UTC(2024, 0, 1, 0, 30), 0), null, 1],
    ]);
    expect(data.values).toEqual([
      ['Start', 'kWh', 'Missing'],
      [45292, 0.25, 0],
      [Date.UTC(2024, 0, 1, 0, 30) / 86_400_000 + 25569, '', 1],
    ]);
    expect(data.formats).toEqual([
      ['@', '@', '@'],
      ['yyyy-mm-dd hh:mm', '#,##0.000', '#,##0'],
      ['yyyy-mm-dd hh:mm', 'General', '#,##0'],
    ]);
    expect([columnLetters(0), columnLetters(25), columnLetters(26), columnLetters(701)]).toEqual([
      'A',
      'Z',
      'AA',
      'ZZ',
    ]);
  });

  it('get valid, unique worksheet names', () => {
    expect(uniqueSheetName('Usage 2024-01', ['Sheet1'])).toBe('Usage 2024-01');
    expect(uniqueSheetName('Usage 2024-01', ['usage 2024-01', 'Usage 2024-01 (2)'])).toBe(
      'Usage 2024-01 (3)',
    );
    expect(uniqueSheetName('a/b:c*d?[e]', [])).toBe('a-b-c-d--e-');
    expect(uniqueSheetName('x'.repeat(40), ['x'.repeat(31)])).toBe('x'.repeat(27) + ' (2)');
  });

  it('default to last month, and to January against the latest complete July', () => {
    expect(lastMonth(new Date(Date.UTC(2025, 2, 10)))).toEqual({
      start: '2025-02-01',
      end: '2025-02-28',
    });
    expect(lastMonth(new Date(Date.UTC(2025, 0, 10)))).toEqual({
      start: '2024-12-01',
      end: '2024-12-31',
    });
    expect(januaryAndJuly(new Date(Date.UTC(2025, 6, 31)))).toEqual(['2024-01', '2024-07']);
    expect(januaryAndJuly(new Date(Date.UTC(2025, 7, 1)))).toEqual(['2025-01', '2025-07']);
    expect([
      rangeLabel('2024-02-01', '2024-02-29'),
      rangeLabel('2024-02-01', '2024-02-28'),
    ]).toEqual(['2024-02', '2024-02-01..2024-02-28']);
  });
});

describe('the preview chart', () => {
  it('breaks the line where data is missing and escapes every label', () => {
    const svg = lineChartSvg({
      title: 'A <b> & "c"',
      yTitle: 'kWh',
      categories: ['00:00', '00:30', '01:00', '01:30'],
      series: [{ name: 'Jan', values: [1, null, 2, 3] }],
    });
    const d = /<path d="([^"]+)"/.exec(svg)![1];
    expect(d.match(/M/g)).toHaveLength(2);
    expect(svg).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).not.toContain('<b>');
    expect(niceScale(1.27)).toEqual({ max: 1.5, step: 0.5 });
    expect(niceScale(0)).toEqual({ max: 1, step: 0.25 });
  });
});

describe('generated declarations', () => {
  const spec = (over: Partial<FunctionSpec>): FunctionSpec => ({ ...FUNCTIONS[0], ...over });

  it('refuse names that cannot be JavaScript parameters and text that would open a JSDoc tag', () => {
    expect(() =>
      declarationsSource(
        [spec({ params: [{ name: 'default', type: 'any', description: 'x' }] })],
        './r',
      ),
    ).toThrow('cannot be a JavaScript parameter or function name');
    // The streaming cell's own parameter is taken.
    expect(() =>
      declarationsSource(
        [spec({ params: [{ name: 'invocation', type: 'any', description: 'x' }] })],
        './r',
      ),
    ).toThrow('"invocation" cannot be');
    expect(() => declarationsSource([spec({ description: 'see @param x' })], './r')).toThrow(
      'JSDoc',
    );
  });

  it('version the manifest in four parts', () => {
    expect(manifestVersion('0.1.0')).toBe('0.1.0.0');
    expect(manifestVersion('1.2.3-beta.4')).toBe('1.2.3.4');
  });
});
