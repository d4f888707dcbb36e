// The custom functions of the BUILT add-on, run as Google Sheets runs them (harness.ts):
// every function in the table answers exactly what the core answers, shown the way the
// spreadsheet shows it, against the demo meter and every provider mock; Date cells are
// read in the spreadsheet's zone whatever the script's; an identical recalculation makes
// no request; the 30-second limit ends in a clear message, not a timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/functions/catalog';
import { sheetsName } from '../../shared/functions/spec';
import { PROVIDERS } from '../../shared/providers';
import { FAKE_TOKEN, createMock as fakeMock } from '../helpers/fake-provider-mock';
import { createMock as tokenMock } from '../helpers/fake-token-mock';
import { FAKE_CLIENT_ID } from '../helpers/fake-data';
import { DEFAULT_NOW, TEST_PROVIDERS_PRELOAD, sheets } from './harness';
import { PROVIDER_CASES, plantedSecrets } from './provider-cases';
import { coreOutcome, literalArgs, sheetsView, shownIn } from './reference';

// The script's zone (appsscript.json, and the V8 runtime's local time) differs from the
// spreadsheet's: nothing may depend on it.
const SCRIPT_ZONE = 'Asia/Tokyo';
const SHEET_ZONE = 'America/New_York';
let savedTz: string | undefined;
beforeAll(() => {
  savedTz = process.env.TZ;
  process.env.TZ = SCRIPT_ZONE;
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

function outcomeOf(fn: () => unknown[][], zone: string) {
  try {
    return { rows: sheetsView(fn(), zone) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('every custom function, against the demo meter', () => {
  for (const spec of FUNCTIONS) {
    const name = sheetsName(spec);
    const examples = spec.examples.map(literalArgs).filter((a): a is unknown[] => a !== null);

    it(`${name} has an example with literal arguments to test`, () => {
      expect(examples.length).toBeGreaterThan(0);
    });

    for (const args of examples)
      it(`=${name}(${args.map((a) => JSON.stringify(a) ?? '').join(', ')}) shows what the core answers`, async () => {
        const s = await sheets({ spreadsheetZone: SHEET_ZONE, scriptZone: SCRIPT_ZONE });
        const got = outcomeOf(() => s.cell(name, ...args), SHEET_ZONE);
        const want = coreOutcome(spec.id, args, { cellZone: SHEET_ZONE, now: DEFAULT_NOW }).outcome;
        expect(got).toEqual(want);
        if ('rows' in want) expect(want.rows.length).toBeGreaterThan(1);
      });
  }
});

describe('every custom function, against every provider mock', () => {
  for (const c of PROVIDER_CASES)
    for (const spec of FUNCTIONS) {
      const name = sheetsName(spec);
      const base = spec.examples.map(literalArgs).find((a): a is unknown[] => a !== null) ?? [];
      const at = spec.params.findIndex((p) => p.name === 'meter');
      const args = [...base];
      if (at >= 0) {
        while (args.length < at) args.push(undefined);
        args[at] = c.provider;
      }

      it(`${c.provider} set up: =${name}(${args.map((a) => JSON.stringify(a) ?? '').join(', ')}) shows what the core answers, secrets nowhere`, async () => {
        const s = await sheets({
          preload: c.preload,
          routes: await c.routes(),
          spreadsheetZone: SHEET_ZONE,
          scriptZone: SCRIPT_ZONE,
        });
        s.saveSettings({ providers: { [c.provider]: c.config }, allowFormulas: true });
        const got = outcomeOf(() => s.cell(name, ...args), SHEET_ZONE);
        const reference = coreOutcome(spec.id, args, {
          settings: { providers: { [c.provider]: c.config } },
          providers: [...PROVIDERS, ...(c.extraProviders ?? [])],
          cellZone: SHEET_ZONE,
          now: DEFAULT_NOW,
          routes: await c.routes(),
        });
        expect(got).toEqual(reference.outcome);
        // The add-on talked to the mock exactly when the core does (some providers list
        // their meter, or refuse a range, without a request).
        expect(s.world.requests.length > 0).toBe(reference.requests > 0);

        // The same with a credential the provider refuses: an error, and no secret shown.
        // (A function with no meter, such as METER_RATES, does not ask the provider;
        // METER_CARBON reads the grid, not a provider: it still answers.)
        s.saveSettings({ providers: { [c.provider]: c.refused }, allowFormulas: true });
        const asksProvider = (at >= 0 || spec.id === 'METERS') && spec.id !== 'CARBON';
        const refused = asksProvider ? s.cellError(name, ...args) : '';
        const secrets = plantedSecrets(c);
        const seen = [
          JSON.stringify(got),
          refused,
          ...s.world.logs,
          ...s.world.cache().keysWritten,
        ];
        for (const secret of secrets) for (const text of seen) expect(text).not.toContain(secret);
      });
    }
});

describe('dates', () => {
  it('reads Date cells in the spreadsheet zone, whatever the script zone', async () => {
    // A cell showing 2024-01-15 in Auckland is 2024-01-14T11:00Z: still the 14th in UTC,
    // in Los Angeles (the script's zone here) and in London.
    const s = await sheets({
      spreadsheetZone: 'Pacific/Auckland',
      scriptZone: 'America/Los_Angeles',
    });
    const cell = new Date(Date.UTC(2024, 0, 14, 11, 0));
    const byDate = s.cell('METER_USAGE', cell, cell, 'day');
    const byText = s.cell('METER_USAGE', '2024-01-15', '2024-01-15', 'day');
    expect(byDate).toEqual(byText);
    expect(shownIn('Pacific/Auckland', byDate[1][0] as Date)).toBe('2024-01-15T00:00');
  });

  it('returns dates that display the wall-clock time of the zone the table was asked in', async () => {
    const s = await sheets({ spreadsheetZone: SHEET_ZONE, scriptZone: SCRIPT_ZONE });
    const london = s.cell('METER_USAGE', '2024-10-27'); // fall-back day: 50 half-hours
    expect(london).toHaveLength(51);
    const shown = london.slice(1).map((r) => shownIn(SHEET_ZONE, r[0] as Date));
    expect(shown.slice(0, 5)).toEqual([
      '2024-10-27T00:00',
      '2024-10-27T00:30',
      '2024-10-27T01:00',
      '2024-10-27T01:30',
      '2024-10-27T01:00',
    ]);
    const ny = s.cell('METER_USAGE', '2024-03-10', '', 'hour', '', 'America/New_York');
    expect(ny.slice(1).map((r) => shownIn(SHEET_ZONE, r[0] as Date).slice(11))).toEqual(
      ['00', '01', ...Array.from({ length: 21 }, (_, i) => String(i + 3).padStart(2, '0'))].map(
        (h) => `${h}:00`,
      ),
    );
  });

  it('takes a range of Date and text cells as METER_COMPARE periods', async () => {
    const s = await sheets({ spreadsheetZone: SHEET_ZONE });
    const jan5 = new Date(Date.UTC(2024, 0, 5, 5)); // midnight in New York
    const rows = s.cell('METER_COMPARE', [[jan5], ['2024-07']]);
    expect(rows[0]).toEqual(['Time', '2024-01-05', '2024-07']);
    expect(rows).toHaveLength(49);
  });

  it("shows a meter's first day with data as that date, at midnight", async () => {
    const s = await sheets({ spreadsheetZone: 'Australia/Sydney', scriptZone: SCRIPT_ZONE });
    const meters = s.cell('METER_METERS');
    expect(shownIn('Australia/Sydney', meters[1][4] as Date)).toBe('2020-01-01T00:00');
  });
});

async function fakeSheets(extra: { latencyMs?: number; token?: string } = {}) {
  const mock = fakeMock({ token: extra.token });
  const tokens = tokenMock();
  const s = await sheets({
    preload: TEST_PROVIDERS_PRELOAD,
    routes: { 'https://fake.test': mock.handler, 'https://token.fake.test': tokens.handler },
    latencyMs: extra.latencyMs,
  });
  s.saveSettings({
    providers: {
      fake: { token: extra.token ?? FAKE_TOKEN },
      faketoken: { clientId: FAKE_CLIENT_ID, clientSecret: tokens.clientSecret },
    },
    allowFormulas: true,
  });
  return { s, mock, tokens };
}

describe('cache', () => {
  it('answers a second identical recalculation with no request, even for a year of half-hours', async () => {
    const { s } = await fakeSheets();
    const cold = s.cell('METER_USAGE', '2024-01-01', '2024-12-31', '', 'fake');
    expect(cold).toHaveLength(1 + 366 * 48);
    const coldRequests = s.requestCount();
    expect(coldRequests).toBe(2); // the meter list, then the year in one request
    const warm = s.cell('METER_USAGE', '2024-01-01', '2024-12-31', '', 'fake');
    expect(s.requestCount()).toBe(coldRequests);
    expect(warm).toEqual(cold);
    // The table is far past CacheService's 100 KB a value: it was split over several keys.
    expect([...s.world.cache().keysWritten].some((k) => /#\d+$/.test(k))).toBe(true);
  });

  it('fetches again for a different call, and after Meter ▸ Refresh', async () => {
    const { s } = await fakeSheets();
    s.cell('METER_USAGE', '2024-01-01', '', 'day', 'fake');
    const n = s.requestCount();
    s.cell('METER_USAGE', '2024-01-02', '', 'day', 'fake');
    expect(s.requestCount()).toBe(n + 1); // the meter list is cached too
    s.menu('meterRefresh');
    s.cell('METER_USAGE', '2024-01-01', '', 'day', 'fake');
    expect(s.requestCount()).toBe(n + 3);
    expect(s.world.spreadsheet.toasts.at(-1)).toMatch(/fetch anew/);
  });

  it('keeps a cached token for other cells, and lets a waiting cell use the one just obtained', async () => {
    const { s, tokens } = await fakeSheets();
    s.cell('METER_USAGE', '2024-01-01', '', 'day', 'faketoken');
    s.cell('METER_USAGE', '2024-01-02', '', 'day', 'faketoken');
    expect(tokens.state.tokensIssued).toBe(1);

    // Two cells at once after Refresh: while one waits for the lock, the other obtains
    // the token; the first must then use it rather than obtain its own.
    s.menu('meterRefresh');
    s.world.beforeLock = () => s.cell('METER_USAGE', '2024-02-01', '', 'day', 'faketoken');
    s.cell('METER_USAGE', '2024-02-02', '', 'day', 'faketoken');
    expect(tokens.state.tokensIssued).toBe(2);
    expect(s.world.locks.held.size).toBe(0);
  });
});

describe('the 30-second limit', () => {
  it('stops before a round trip that would not finish, with a message saying what to do', async () => {
    const { s } = await fakeSheets({ latencyMs: 21_000 });
    const message = s.cellError('METER_USAGE', '2024-01-01', '2024-12-31', '', 'fake');
    expect(message).toMatch(/^METER_USAGE cannot finish within the 30 seconds/);
    expect(message).toMatch(/coarser aggregate/);
    expect(message).toMatch(/Import usage/);
    expect(s.requestCount()).toBe(1);
  });

  it('refuses at once a table too big to fetch and return in time, saying what to ask instead', async () => {
    const { s } = await fakeSheets();
    const message = s.cellError('METER_USAGE', '2021-01-01', '2023-12-31', '', 'fake');
    expect(message).toBe(
      'METER_USAGE: this range is about 52,560 rows, more than 40,000; a formula could not fetch and return that within 30 seconds. Ask for a coarser aggregate (day, week or month) or a shorter range, or use Meter ▸ Import usage…',
    );
    expect(s.requestCount()).toBe(0);
    expect(s.cell('METER_USAGE', '2021-01-01', '2023-12-31', 'day', 'fake')).toHaveLength(1 + 1095);
    s.menu('meterShowImport');
    const nonce = s.panelState('dialog').nonce;
    expect(
      s.menu('meterImport', nonce, { meter: 'fake', start: '2021-01-01', end: '2023-12-31' }),
    ).toEqual({
      sheet: 'Usage fake 2021-01-01..2023-12-31',
      rows: 52_560,
    });
  });

  it('does not wait out a Retry-After that would pass the limit', async () => {
    const { s, tokens } = await fakeSheets({ latencyMs: 8_000 });
    tokens.state.usageFaults.push({ status: 429, retryAfter: '6' });
    const message = s.cellError('METER_USAGE', '2024-01-01', '', 'day', 'faketoken');
    expect(message).toMatch(/a retry would first have to wait 6 s/);
  });

  it('lets a menu import take longer than a formula may', async () => {
    const { s } = await fakeSheets({ latencyMs: 21_000 });
    s.menu('meterShowImport');
    const r = s.menu('meterImport', s.panelState('dialog').nonce, {
      meter: 'fake',
      start: '2024-01-01',
      end: '2024-01-31',
      aggregate: 'day',
    }) as { rows: number };
    expect(r.rows).toBe(31);
  });
});

describe('errors', () => {
  it('throws the core message, naming the argument', async () => {
    const s = await sheets();
    expect(s.cellError('METER_USAGE', '2024-01-01', '', 'daily')).toBe(
      'aggregate: expected one of none, hour, day, week, month, profile, weekday-profile, weekend-profile, got "daily"',
    );
    expect(s.cellError('METER_USAGE', '2024-02-01', '2024-01-01')).toBe(
      'end: 2024-01-01 is before start 2024-02-01; swap them',
    );
  });

  it('refuses a base URL outside the urlFetchWhitelist, or on a home network, before fetching', async () => {
    const { s, tokens } = await fakeSheets();
    const secret = tokens.clientSecret;
    s.saveSettings({
      providers: {
        faketoken: {
          clientId: FAKE_CLIENT_ID,
          clientSecret: secret,
          baseUrl: 'https://kraken.example.org/v1',
        },
      },
      allowFormulas: true,
    });
    expect(s.cellError('METER_METERS')).toBe(
      "https://kraken.example.org/ is not in this add-on's urlFetchWhitelist; add it to appsscript.json and deploy again (npm run deploy:gas)",
    );
    s.saveSettings({
      providers: {
        faketoken: {
          clientId: FAKE_CLIENT_ID,
          clientSecret: secret,
          baseUrl: 'http://127.0.0.1:8080/v1',
        },
      },
      allowFormulas: true,
    });
    expect(s.cellError('METER_METERS')).toMatch(
      /^Google Sheets runs on Google's servers and cannot reach 127\.0\.0\.1/,
    );
    expect(s.requestCount()).toBe(0);
  });
});

describe('formulas and the owner’s credentials', () => {
  it('use no credentials until the owner allows it for this spreadsheet; the demo always works', async () => {
    const mock = fakeMock();
    const s = await sheets({
      preload: TEST_PROVIDERS_PRELOAD,
      routes: { 'https://fake.test': mock.handler },
    });
    s.saveSettings({ providers: { fake: { token: FAKE_TOKEN } } });
    const message = s.cellError('METER_USAGE', '2024-01-01', '', 'day', 'fake');
    expect(message).toMatch(/^Formulas in this spreadsheet may not use your Fake credentials/);
    expect(s.cellError('METER_METERS')).toMatch(/may not use your Fake credentials/);
    expect(s.cell('METER_USAGE', '2024-01-01', '', 'day')).toHaveLength(2);
    expect(s.requestCount()).toBe(0);

    // An editor typing a formula reads the owner's settings: still refused.
    expect(s.as('editor@example.com', () => s.cellError('METER_NOW', 'fake'))).toMatch(
      /may not use/,
    );
    // Allowed in another spreadsheet is not allowed in this one.
    s.world.spreadsheet.id = 'ss-2';
    s.saveSettings({ providers: { fake: { token: '' } }, allowFormulas: true });
    s.world.spreadsheet.id = 'ss-1';
    expect(s.cellError('METER_USAGE', '2024-01-01', '', 'day', 'fake')).toMatch(/may not use/);
    expect(s.requestCount()).toBe(0);

    s.saveSettings({ providers: { fake: {} }, allowFormulas: true });
    expect(s.cell('METER_USAGE', '2024-01-01', '', 'day', 'fake')).toHaveLength(2);
  });
});
