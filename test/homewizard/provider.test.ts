// The bridge's API and the `homewizard` provider that reads it: the bridge token, CORS for
// the add-in, clear errors (bridge down, device offline), and what Sheets users are told.
import { chmodSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiContext, type ApiRequest, handleApi } from '../../bridge/api';
import { startBridge } from '../../bridge/bridge';
import { bridgeToken, paths, saveDevice } from '../../bridge/config';
import { Store } from '../../bridge/store';
import { isMeterError } from '../../shared/errors';
import { type AsyncIO, runAsync } from '../../shared/flow';
import { runFunction, userError } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import type { HttpResponse } from '../../shared/http';
import { isHomeNetworkHost } from '../../shared/providers/homewizard';
import type { Runtime } from '../../shared/providers/provider';
import { fieldsByProvider } from '../../shared/providers';
import { validateSettings } from '../../shared/settings';
import { tableToJson } from '../../shared/table';
import { type Household, ZONE, household, scratchDir } from './harness';

const ADDIN = 'https://localhost:3000';
let hh: Household;
let token: string;

beforeAll(async () => {
  hh = await household({ start: Date.UTC(2024, 5, 28, 7, 50, 3), transport: 'in-process' });
  await hh.pollUntil(Date.UTC(2024, 5, 28, 9, 5));
  token = bridgeToken(hh.dir).token;
});
afterAll(() => hh.close());

const ctx = (): ApiContext => ({
  store: hh.store,
  token,
  origins: [ADDIN],
  zone: ZONE,
  gasKwhPerM3: 9.769,
  clock: () => hh.clock.now(),
  staleMs: 60_000,
});

const call = (url: string, headers: ApiRequest['headers'] = {}, method = 'GET') =>
  handleApi({ method, url, headers }, ctx());

/** The provider's requests, answered by the bridge API in-process; status 0 when "down". */
function bridgeIO(down = false): AsyncIO & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    async fetchAll(requests) {
      return requests.map((r): HttpResponse => {
        seen.push(r.url);
        if (down) return { status: 0, headers: {}, body: '', error: 'ECONNREFUSED' };
        const u = new URL(r.url);
        const res = handleApi(
          {
            method: r.method,
            url: u.pathname + u.search,
            headers: { authorization: r.headers?.Authorization },
          },
          ctx(),
        );
        return { status: res.status, headers: res.headers, body: res.body };
      });
    },
  };
}

function env(runtime: Runtime, baseUrl = 'http://127.0.0.1:8765', t = token): FunctionEnv {
  return {
    settings: { timezone: ZONE, providers: { homewizard: { baseUrl, token: t } } },
    clock: () => hh.clock.now(),
    runtime,
  };
}

async function failure(p: Promise<unknown>, e: FunctionEnv) {
  try {
    await p;
  } catch (err) {
    expect(isMeterError(err)).toBe(true);
    return userError(err, e);
  }
  throw new Error('expected an error');
}

describe('the bridge token', () => {
  it('is required for data, compared exactly, and never accepted in the URL', () => {
    expect(call('/v1/health').status).toBe(200);
    const none = call('/v1/meters');
    expect(none.status).toBe(401);
    expect(none.headers['WWW-Authenticate']).toBe('Bearer');
    expect(call('/v1/meters', { authorization: `Bearer ${token.slice(0, -1)}x` }).status).toBe(401);
    expect(call(`/v1/meters?token=${token}`).status).toBe(401);
    expect(call('/v1/meters', { authorization: `Bearer ${token}` }).status).toBe(200);
  });

  it('is 43 random base64url characters, in a file only its owner can read', () => {
    expect(token).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{42}$/); // never read as a flag
    const file = paths(hh.dir).token;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(hh.dir).mode & 0o777).toBe(0o700);
    chmodSync(file, 0o644); // someone loosened it: the bridge tightens it on next read
    expect(bridgeToken(hh.dir)).toEqual({ token, created: false });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(join(hh.dir, 'bridge-token')).toBe(file);
    // One random token in 32 would start with - or _ and read as a flag: none does.
    const fresh = scratchDir('hw-token-');
    for (let i = 0; i < 200; i++) {
      rmSync(paths(fresh).token, { force: true });
      expect(bridgeToken(fresh).token).toMatch(/^[A-Za-z0-9]/);
    }
  });

  it('is a secret setting: validated without ever being echoed', () => {
    const fields = fieldsByProvider();
    expect(() =>
      validateSettings({ providers: { homewizard: { token: 'not-a-token' } } }, fields),
    ).toThrow(
      "settings.providers.homewizard.token: expected the bridge's 43-character token, from the bridge-token file it created",
    );
    expect(() =>
      validateSettings(
        { providers: { homewizard: { baseUrl: 'http://192.168.1.5:8765', token } } },
        fields,
      ),
    ).toThrow(/expected an https:\/\/ URL/);
  });
});

describe('the database file', () => {
  it('readings.db and its WAL files are readable by their owner only, whatever the umask', () => {
    const dir = scratchDir('hw-db-');
    const db = paths(dir).database;
    const old = process.umask(0o022); // the usual: new files 644
    try {
      const store = new Store(db);
      store.ingest('5c2fafaabbcc', []);
      store.db.exec('CREATE TABLE IF NOT EXISTS t (x); INSERT INTO t VALUES (1);');
      for (const f of [db, `${db}-wal`, `${db}-shm`])
        expect({ f, mode: statSync(f).mode & 0o777 }).toEqual({ f, mode: 0o600 });
      store.close();
      chmodSync(db, 0o644); // someone loosened it: the next start tightens it
      new Store(db).close();
      expect(statSync(db).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });
});

describe('the bridge process', () => {
  it('starts with nothing paired, and picks up devices paired while it runs', async () => {
    const dir = scratchDir('hw-start-');
    const lines: string[] = [];
    const bridge = await startBridge({
      dataDir: dir,
      serve: { bind: '127.0.0.1', port: 0 },
      origins: [ADDIN],
      zone: ZONE,
      gasKwhPerM3: 9.769,
      autoPoll: false,
      io: { fetchAll: async () => [] },
      log: (l) => lines.push(l),
    });
    try {
      expect(lines[0]).toMatch(/^no HomeWizard device is paired in .* yet: pair one/);
      expect(bridge.reloadDevices()).toBe(false);
      saveDevice(dir, { host: '192.168.1.20', api: 1, serial: '3c39e7aabbcc', pairedAt: '' });
      expect(bridge.reloadDevices()).toBe(true);
      expect(bridge.poller.devices.map((d) => d.serial)).toEqual(['3c39e7aabbcc']);
      expect(lines.at(-1)).toBe('devices changed: now polling 3c39e7aabbcc at 192.168.1.20');
      const health = await fetch(`${bridge.url}/v1/health`);
      expect(await health.json()).toEqual({ ok: true });
    } finally {
      await bridge.stop();
    }
  });
});

describe('CORS for the Excel add-in', () => {
  it('answers the add-in origin, and only it', () => {
    const ok = call('/v1/meters', { authorization: `Bearer ${token}`, origin: ADDIN });
    expect(ok.headers['Access-Control-Allow-Origin']).toBe(ADDIN);
    const other = call('/v1/meters', {
      authorization: `Bearer ${token}`,
      origin: 'https://evil.example',
    });
    expect(other.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('allows the preflight for the Authorization header, private network access included', () => {
    const pre = call(
      '/v1/usage',
      { origin: ADDIN, 'access-control-request-private-network': 'true' },
      'OPTIONS',
    );
    expect(pre.status).toBe(204);
    expect(pre.headers).toMatchObject({
      'Access-Control-Allow-Origin': ADDIN,
      'Access-Control-Allow-Methods': 'GET, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Allow-Private-Network': 'true',
    });
    expect(call('/v1/usage', { origin: 'https://evil.example' }, 'OPTIONS').status).toBe(403);
  });
});

describe('the homewizard provider', () => {
  it('gives Excel and the CLI the recorded half-hours', async () => {
    const rows = tableToJson(
      await runAsync(
        runFunction('USAGE', ['2024-06-28', '2024-06-28', 'hour', 'homewizard'], env('excel')),
        bridgeIO(),
      ),
    );
    expect(rows).toHaveLength(1 + 24);
    // 08:00–09:00 UTC is 10:00–11:00 in Amsterdam: fully polled, so complete.
    expect(rows[11][0]).toBe('2024-06-28T10:00:00+02:00');
    expect(rows[11][3]).toBe(0);
    expect(rows[11][2]).toBeCloseTo(
      hh.mock.consumed(Date.UTC(2024, 5, 28, 8), Date.UTC(2024, 5, 28, 9)).importKwh,
      6,
    );
    // Hours the bridge never saw are Missing, never zero.
    expect(rows[1][2]).toBeNull();
    expect(rows[1][3]).toBe(2);
  });

  it('tells a Sheets user that Google cannot reach a bridge on the home network', async () => {
    const e = env('sheets');
    const io = bridgeIO();
    const err = await failure(runAsync(runFunction('METERS', [], e), io), e);
    expect(err).toEqual({
      kind: 'unsupported',
      message:
        "Google Sheets runs on Google's servers, which cannot reach the HomeWizard bridge at http://127.0.0.1:8765 on your home network. " +
        'Use these functions in Excel or the meter-sheets command line on that network, or make the bridge reachable over HTTPS from the internet (README: "HomeWizard in Google Sheets").',
    });
    expect(io.seen).toEqual([]); // nothing was even tried
    // A bridge published over HTTPS on a public name is the advanced route, and works.
    const published = env('sheets', 'https://meter.example.org');
    const meters = tableToJson(await runAsync(runFunction('METERS', [], published), bridgeIO()));
    expect(meters.some((r) => r[0] === `homewizard:${hh.device.serial}:import`)).toBe(true);
  });

  it('knows which addresses only a home network can reach', () => {
    for (const h of [
      '127.0.0.1',
      'localhost',
      '192.168.1.5',
      '10.0.0.2',
      '172.20.1.1',
      '169.254.3.3',
      '100.101.102.103',
      'raspberrypi',
      'pi.local',
      'nas.home.arpa',
      '[::1]',
      '[fd12:3456::1]',
    ])
      expect(isHomeNetworkHost(h), h).toBe(true);
    for (const h of ['meter.example.org', '8.8.8.8', '172.32.0.1', '[2001:db8::1]'])
      expect(isHomeNetworkHost(h), h).toBe(false);
  });

  it('says the bridge is not running, and never shows the token', async () => {
    const e = env('excel');
    const err = await failure(runAsync(runFunction('METERS', [], e), bridgeIO(true)), e);
    expect(err.message).toBe(
      'the HomeWizard bridge at http://127.0.0.1:8765 is not answering (ECONNREFUSED); is `meter-sheets bridge` running there?',
    );
  });

  it('says the token is wrong when the bridge refuses it', async () => {
    const e = env('excel', 'http://127.0.0.1:8765', 'A'.repeat(43));
    const err = await failure(runAsync(runFunction('METERS', [], e), bridgeIO()), e);
    expect(err).toEqual({
      kind: 'auth',
      message:
        "the HomeWizard bridge at http://127.0.0.1:8765 refused the bridge token; copy it again from the bridge's bridge-token file into Settings",
    });
  });

  it('gives METER_NOW the latest reading, and says when the device went quiet', async () => {
    const e = env('excel');
    const now = tableToJson(await runAsync(runFunction('NOW', ['homewizard'], e), bridgeIO()));
    expect(now[1][0]).toBe('2024-06-28T11:04:53+02:00');
    const gas = tableToJson(
      await runAsync(runFunction('NOW', [`homewizard:${hh.device.serial}:gas`], e), bridgeIO()),
    );
    expect(gas[0]).toEqual(['Time', 'Demand (W)', 'Gas (m³)', 'Age (s)', 'State']);
    expect(gas[1][0]).toBe('2024-06-28T11:00:00+02:00');
    hh.clock.advance(5 * 60_000); // the bridge has heard nothing for five minutes
    const later = { ...e, clock: () => hh.clock.now() + 1 };
    const quiet = bridgeIO();
    const err = await failure(runAsync(runFunction('NOW', ['homewizard'], later), quiet), later);
    // The bridge's own 503 is an answer, not a hiccup: it is not asked again.
    expect(quiet.seen.filter((u) => u.includes('/v1/now'))).toHaveLength(1);
    expect(err).toEqual({
      kind: 'unavailable',
      message: `the P1 Meter ${hh.device.serial} at p1.home.test has not answered the bridge since 2024-06-28T11:04:53+02:00`,
    });
  });
});
