// A hundred formulas recalculating together against one Kraken account, in each host:
// they obtain ONE token between them and never trip Kraken's rate limit (the mock enforces
// an assumed one: test/providers/kraken/mock/throttle.ts). In Google Sheets each cell is its own
// execution, sharing only CacheService and LockService; in Excel they share one runtime.
import { describe, expect, it } from 'vitest';
import { KeyedTurns, tokenTurnsIO } from '../../excel-addin/functions/single-flight';
import { type AsyncIO, type Flow, fetchOne, runAsync } from '../../shared/flow';
import { type Token, cachedToken } from '../../shared/providers/common';
import { MOCK_ACCOUNT, MOCK_API_KEY, createMock as krakenMock } from '../providers/kraken/mock';
import { serveMock } from '../mocks/mock-http';
import { loadFunctionsBundle } from '../excel/harness';
import { sheets } from '../gas/harness';

const CELLS = 100;
/** Day i of the cells' dates: each cell asks for a different day. */
const dayOf = (i: number) =>
  new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

/** The built Excel functions, set up for one Kraken account on a mock served on 127.0.0.1. */
async function excelOnKraken(apiKey: string) {
  const mock = krakenMock();
  const server = await serveMock(mock.handler);
  const { call, api } = loadFunctionsBundle();
  const host = api.host();
  await host.settings.save({
    providers: {
      kraken: { apiKey, account: MOCK_ACCOUNT, baseUrl: server.origin + mock.basePath },
    },
  });
  return { mock, server, call, host };
}

describe('many cells at once, one Kraken account', () => {
  it('Google Sheets: 100 executions obtain the token once, and each shows its day', async () => {
    let now = (): number => Date.now();
    const mock = krakenMock({ clock: () => now() });
    const s = await sheets({
      routes: { 'https://api.octopus.energy': mock.handler },
      spreadsheetZone: 'Europe/London',
    });
    now = s.world.clock.now;
    s.saveSettings({
      providers: { kraken: { apiKey: MOCK_API_KEY, account: MOCK_ACCOUNT } },
      allowFormulas: true,
    });
    const tables: unknown[][][] = new Array(CELLS);
    // All of them miss the token in the cache at once: each cell's execution reaches for
    // the user lock while the next one starts (the harness runs the next cell at that
    // moment), so the last to start is the first to hold the lock and sign in; the others
    // then hold it in turn and must find its token in CacheService.
    const cell = (i: number): void => {
      s.world.beforeLock = i + 1 < CELLS ? () => cell(i + 1) : null;
      tables[i] = s.cell('METER_USAGE', dayOf(i), '', 'day', 'kraken');
    };
    cell(0);
    expect(mock.callsTo('obtainKrakenToken')).toHaveLength(1);
    expect(mock.state.throttled.refused).toBe(0);
    expect(s.world.locks.held.size).toBe(0);
    // Every cell started before the token existed: each listed the meters itself.
    expect(mock.state.calls.filter((c) => c.operationName === 'krakenMeters')).toHaveLength(CELLS);
    tables.forEach((t, i) => {
      expect(t).toHaveLength(2);
      expect(typeof t[1][2]).toBe('number');
      const shown = (t[1][0] as Date).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
      expect(shown).toBe(dayOf(i));
    });
  });

  it('Excel: 100 concurrent calls obtain the token once and coalesce the meter list', async () => {
    const { mock, server, call, host } = await excelOnKraken(MOCK_API_KEY);
    try {
      const tables = await Promise.all(
        Array.from({ length: CELLS }, (_, i) => call('USAGE', dayOf(i), dayOf(i), 'day', 'kraken')),
      );
      expect(mock.callsTo('obtainKrakenToken')).toHaveLength(1);
      expect(mock.state.throttled.refused).toBe(0);
      // The hundred identical meter-list queries in flight together went out as one.
      expect(mock.state.calls.filter((c) => c.operationName === 'krakenMeters')).toHaveLength(1);
      tables.forEach((t) => {
        expect(t).toHaveLength(2);
        expect(typeof t[1][2]).toBe('number');
      });
      expect(host.tokenTurns.busy).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('Excel: 100 concurrent calls with a wrong API key sign in once and all show why', async () => {
    const { mock, server, call, host } = await excelOnKraken('sk_live_' + 'W'.repeat(24));
    try {
      const results = await Promise.allSettled(
        Array.from({ length: CELLS }, (_, i) => call('USAGE', dayOf(i), dayOf(i), 'day', 'kraken')),
      );
      const messages = new Set(
        results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'a table')),
      );
      expect(messages.size).toBe(1);
      expect([...messages][0]).toMatch(/Kraken/);
      expect([...messages][0]).not.toMatch(/WWWW/);
      expect(mock.callsTo('obtainKrakenToken')).toHaveLength(1);
      expect(mock.state.throttled.refused).toBe(0);
      expect(host.tokenTurns.busy).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('Excel: concurrent calls that each miss the token take turns; only the first obtains it', async () => {
    // Different requests (so coalescing cannot merge them): only the turns stop the rest.
    const cache = new Map<string, string>();
    let obtained = 0;
    const io: AsyncIO = {
      fetchAll: async (requests) => {
        await new Promise((r) => setTimeout(r, 5));
        return requests.map(() => ({ status: 200, headers: {}, body: '' }));
      },
      cacheGet: async (keys) => keys.map((k) => cache.get(k) ?? null),
      cachePut: async (entries) => entries.forEach((e) => cache.set(e.key, e.value)),
    };
    const obtain = (i: number) =>
      function* (): Flow<Token> {
        yield* fetchOne({ method: 'POST', url: `https://auth.test/token?cell=${i}` });
        obtained++;
        return { value: `token-${i}`, expiresAt: Date.now() + 3_600_000 };
      };
    const cells = (wrap: (io: AsyncIO) => AsyncIO & { release?(): void }) =>
      Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const cellIO = wrap(io);
          try {
            return await runAsync(cachedToken('token:test:abc', Date.now, obtain(i)), cellIO);
          } finally {
            cellIO.release?.();
          }
        }),
      );
    const bare = await cells((x) => x);
    expect(obtained).toBe(20); // what happens without turns
    expect(new Set(bare).size).toBe(20);
    cache.clear();
    obtained = 0;
    const turns = new KeyedTurns();
    const shared = await cells((x) => tokenTurnsIO(x, turns));
    expect(obtained).toBe(1);
    expect(new Set(shared)).toEqual(new Set(['token-0']));
    expect(turns.busy).toBe(0);
  });
});
