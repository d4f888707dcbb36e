// The function table through its one entry point, runFunction, as every host calls it.
import { describe, expect, it } from 'vitest';
import { isMeterError } from '../../shared/errors';
import { type SyncIO, runSync } from '../../shared/flow';
import { FUNCTIONS } from '../../shared/functions/catalog';
import { resultCacheKey, runFunction, userError } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import type { HttpRequest } from '../../shared/http';
import { type Table, tableToJson } from '../../shared/table';
import { FAKE_METER, TEST_PROVIDERS } from '../helpers/fake-provider';

const SECRET = 'tok_PLANTED_SECRET_9f8e7d6c5b4a';

function harness(settings: FunctionEnv['settings'] = { providers: {} }) {
  const store = new Map<string, string>();
  const requests: HttpRequest[] = [];
  const io: SyncIO = {
    fetchAll: (reqs) => {
      requests.push(...reqs);
      return reqs.map((r) => {
        if (!r.headers?.Authorization?.endsWith(SECRET))
          return { status: 401, headers: {}, body: '{}' };
        if (r.url.includes('/meters'))
          return { status: 200, headers: {}, body: JSON.stringify([FAKE_METER]) };
        return { status: 200, headers: {}, body: JSON.stringify(new Array(48).fill(0.25)) };
      });
    },
    cacheGet: (keys) => keys.map((k) => store.get(k) ?? null),
    cachePut: (entries) => entries.forEach((e) => store.set(e.key, e.value)),
  };
  const env: FunctionEnv = {
    settings,
    clock: () => Date.UTC(2025, 0, 10),
    providers: TEST_PROVIDERS,
  };
  const call = (id: string, ...args: unknown[]) =>
    tableToJson(runSync(runFunction(id, args, env), io) as Table);
  const fail = (id: string, ...args: unknown[]) => {
    try {
      call(id, ...args);
    } catch (e) {
      expect(isMeterError(e)).toBe(true);
      return userError(e, env);
    }
    throw new Error('expected an error');
  };
  return { call, fail, requests, store, env };
}

describe('METER_USAGE', () => {
  it('defaults to the demo meter, native half-hours, Europe/London', () => {
    const { call } = harness();
    const rows = call('USAGE', '2024-03-31');
    expect(rows).toHaveLength(1 + 46);
    expect(rows[0]).toEqual(['Start', 'End', 'kWh', 'Carbon (kg)', 'Cost (GBP)', 'Missing']);
  });

  it("uses the settings' default meter and zone", () => {
    const { call } = harness({
      providers: {},
      defaultMeter: 'demo:export',
      timezone: 'America/New_York',
    });
    const rows = call('USAGE', '2024-03-10', '2024-03-10');
    expect(rows[0]).toEqual(['Start', 'End', 'kWh', 'Missing']);
    expect(rows).toHaveLength(1 + 46); // New York springs forward on 10 March
    expect(rows[1][0]).toBe('2024-03-10T00:00:00-05:00');
  });

  it('explains unknown meters and providers', () => {
    const { fail } = harness();
    expect(fail('USAGE', '2024-01-01', '', '', 'demo:water')).toEqual({
      kind: 'not-found',
      message:
        'meter: no meter "demo:water"; Demo meter has demo:electricity, demo:export, demo:gas',
    });
    expect(fail('USAGE', '2024-01-01', '', '', 'tesla').message).toBe(
      'meter: expected a meter id from METER_METERS() (like demo:electricity) or a provider name (demo, fake), got "tesla"',
    );
    expect(fail('USAGE', '2024-01-01', '', '', 'fake')).toEqual({
      kind: 'config',
      message: 'Fake is not set up: fill in Token in Settings',
    });
  });

  it('rejects extra arguments', () => {
    const { fail } = harness();
    expect(fail('USAGE', '2024-01-01', '', '', '', '', 'extra').message).toBe(
      'METER_USAGE takes at most 5 arguments, got 6',
    );
  });
});

describe('METER_COMPARE', () => {
  it("puts each period's profile in its own column, identical to METER_USAGE's profile", () => {
    const { call } = harness();
    const rows = call('COMPARE', '2024-01, 2024-07');
    expect(rows[0]).toEqual(['Time', '2024-01', '2024-07']);
    expect(rows).toHaveLength(49);
    const jan = call('USAGE', '2024-01', '2024-01', 'profile');
    const jul = call('USAGE', '2024-07', '2024-07', 'profile');
    expect(rows.slice(1).map((r) => r[1])).toEqual(jan.slice(1).map((r) => r[1]));
    expect(rows.slice(1).map((r) => r[2])).toEqual(jul.slice(1).map((r) => r[1]));
  });

  it('fetches all periods in one batch', () => {
    const { call, requests } = harness({ providers: { fake: { token: SECRET } } });
    call('COMPARE', [['2024-01-01'], ['2024-01-02'], ['2024-01-03']], 'fake:m1');
    // one request to list meters, then one batch of three usage requests
    expect(requests.filter((r) => r.url.includes('/usage'))).toHaveLength(3);
  });
});

describe('METER_METERS', () => {
  it('lists the demo meters with first and last days', () => {
    const { call } = harness();
    const rows = call('METERS');
    expect(rows[0]).toEqual([
      'Meter',
      'Provider',
      'Fuel',
      'Direction',
      'First day',
      'Last day',
      'Description',
    ]);
    expect(rows.slice(1).map((r) => r.slice(0, 6))).toEqual([
      ['demo:electricity', 'demo', 'electricity', 'import', '2020-01-01', '2025-01-10'],
      ['demo:export', 'demo', 'electricity', 'export', '2020-01-01', '2025-01-10'],
      ['demo:gas', 'demo', 'gas', 'import', '2020-01-01', '2025-01-10'],
    ]);
  });

  it('adds the meters of every provider that is set up', () => {
    const { call } = harness({ providers: { fake: { token: SECRET } } });
    expect(call('METERS').map((r) => r[0])).toContain('fake:m1');
  });
});

describe('the result cache', () => {
  it('answers an identical call without any request; a different call fetches', () => {
    const { call, requests } = harness({ providers: { fake: { token: SECRET } } });
    const first = call('USAGE', '2024-01-01', '2024-01-01', 'day', 'fake:m1');
    const n = requests.length;
    expect(n).toBeGreaterThan(0);
    expect(call('USAGE', '2024-01-01', '2024-01-01', 'day', 'fake:m1')).toEqual(first);
    expect(requests.length).toBe(n);
    call('USAGE', '2024-01-02', '2024-01-02', 'day', 'fake:m1');
    expect(requests.length).toBe(n + 1); // the meter list is cached too
  });

  it('keys never contain a credential and stay short', () => {
    const { env, store, call } = harness({ providers: { fake: { token: SECRET } } });
    call('USAGE', '2024-01-01', '2024-01-01', 'day', 'fake:m1');
    const key = resultCacheKey('USAGE', ['2024-01-01', '2024-01-01', 'day', 'fake:m1'], env);
    expect(store.has(key)).toBe(true);
    for (const k of store.keys()) {
      expect(k).not.toContain(SECRET);
      expect(k.length).toBeLessThan(250);
    }
  });
});

describe('errors shown to users', () => {
  it('never contain a secret, even when the provider echoes it', () => {
    const { fail } = harness({ providers: { fake: { token: SECRET + 'x' } } }); // wrong token: refused
    const e = fail('USAGE', '2024-01-01', '', '', 'fake');
    expect(e.kind).toBe('auth');
    expect(e.message).toBe('Fake refused the token [redacted]');
  });
});

describe('the function table', () => {
  it('declares each function once, with documented parameters and examples', () => {
    const ids = FUNCTIONS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FUNCTIONS) {
      expect(f.description.length).toBeGreaterThan(20);
      for (const p of f.params) expect(p.description.length).toBeGreaterThan(10);
      for (const ex of f.examples) expect(ex.startsWith(`=METER_${f.id}(`)).toBe(true);
      // optional parameters come last
      const firstOptional = f.params.findIndex((p) => p.optional);
      if (firstOptional >= 0)
        expect(f.params.slice(firstOptional).every((p) => p.optional)).toBe(true);
    }
  });
});
