// METER_NOW through the bridge says how old its reading is and what state the device is
// in: a device whose certificate changed is reported at once, with the advice to pair it
// again intact (not the last reading for another minute, nor a message clipped before the
// advice); one that merely stopped answering shows its last reading with its age and why;
// a meter clock (or --timezone) that disagrees with the bridge's is warned about, in the
// log and in METER_NOW. The device's certificate here is RSA, issued by a version 1 CA.
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiContext, handleApi } from '../../bridge/api';
import { bridgeToken } from '../../bridge/config';
import { isMeterError } from '../../shared/errors';
import { type AsyncIO, runAsync } from '../../shared/flow';
import { runFunction, userError } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import type { HttpResponse } from '../../shared/http';
import { tableToJson } from '../../shared/table';
import { type TestCa, makeTestCa } from '../helpers/certificates';
import { type Household, ZONE, household } from './harness';

let rsaV1: TestCa | null = null;
const rsaV1Ca = () => (rsaV1 ??= makeTestCa({ key: 'rsa', v1: true }));

const open: Household[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function home(o: Parameters<typeof household>[0]): Promise<Household> {
  const h = await household(o);
  open.push(h);
  return h;
}

/** The provider's requests, answered by the household's bridge API in-process. */
function bridgeIO(hh: Household): AsyncIO {
  const ctx: ApiContext = {
    store: hh.store,
    token: bridgeToken(hh.dir).token,
    origins: [],
    zone: ZONE,
    gasKwhPerM3: 9.769,
    clock: () => hh.clock.now(),
    staleMs: 60_000,
  };
  return {
    async fetchAll(requests) {
      return requests.map((r): HttpResponse => {
        const u = new URL(r.url);
        const res = handleApi(
          {
            method: r.method,
            url: u.pathname + u.search,
            headers: { authorization: r.headers?.Authorization },
          },
          ctx,
        );
        return { status: res.status, headers: res.headers, body: res.body };
      });
    },
  };
}

function env(hh: Household): FunctionEnv {
  return {
    settings: {
      providers: {
        homewizard: { baseUrl: 'http://127.0.0.1:8765', token: bridgeToken(hh.dir).token },
      },
    },
    clock: () => hh.clock.now(),
    runtime: 'node',
  };
}

async function now(hh: Household, meter = 'homewizard') {
  const table = tableToJson(await runAsync(runFunction('NOW', [meter], env(hh)), bridgeIO(hh)));
  const row = Object.fromEntries(table[0].map((h, i) => [String(h), table[1][i]]));
  return { header: table[0], row };
}

async function nowError(hh: Household) {
  try {
    await now(hh);
  } catch (e) {
    expect(isMeterError(e)).toBe(true);
    return userError(e, env(hh));
  }
  throw new Error('expected an error');
}

describe('METER_NOW through the bridge: the age of the reading and the state of the device', () => {
  it('a healthy device: ok, and the reading a few seconds old (RSA certificate from a v1 CA)', async () => {
    const hh = await home({
      start: Date.UTC(2024, 5, 28, 10, 0, 3),
      transport: 'https',
      ca: rsaV1Ca(),
    });
    const [first] = await hh.poller.pollOnce();
    expect(first.ok).toBe(true); // the pinned RSA certificate of a v1 CA is trusted
    hh.clock.advance(4_000);
    const { header, row } = await now(hh);
    expect(header.slice(-2)).toEqual(['Age (s)', 'State']);
    expect(row.State).toBe('ok');
    expect(row['Age (s)']).toBe(4);
    expect(row['Demand (W)']).toEqual(expect.any(Number));
  });

  it('a changed certificate is said at once, with the advice to pair again whole', async () => {
    const hh = await home({
      start: Date.UTC(2024, 5, 28, 10, 0, 3),
      transport: 'https',
      ca: rsaV1Ca(),
    });
    await hh.poller.pollOnce();
    hh.served?.setCertificate(rsaV1Ca().issue('appliance/p1dongle/replaced'));
    hh.clock.advance(10_000);
    const [out] = await hh.poller.pollOnce();
    expect(out).toMatchObject({ ok: false, problem: 'certificate-changed' });
    // Ten seconds after the last good reading: well within the minute a quiet device gets.
    const err = await nowError(hh);
    expect(err.kind).toBe('auth');
    expect(err.message).toMatch(/presented a different TLS certificate/);
    expect(err.message).toContain(
      `If you replaced or reset the device, pair it again: meter-sheets homewizard pair --host ${hh.device.host}; otherwise another machine on your network is answering in its place.`,
    );
  });

  it('a device that stopped answering: its last reading, how old, and why, until it is stale', async () => {
    const hh = await home({ start: Date.UTC(2024, 5, 28, 10, 0, 3), transport: 'in-process' });
    await hh.poller.pollOnce();
    hh.mock.setOffline(true);
    hh.clock.advance(10_000);
    await hh.poller.pollOnce();
    hh.clock.advance(20_000);
    const { row } = await now(hh);
    expect(row['Age (s)']).toBe(30);
    expect(row.State).toMatch(
      /^offline since 2024-06-28T12:00:13\+02:00, showing the reading of 2024-06-28T12:00:03\+02:00: the HomeWizard device at p1\.home\.test did not answer/,
    );
    hh.clock.advance(60_000);
    const err = await nowError(hh);
    expect(err.kind).toBe('unavailable');
    expect(err.message).toMatch(/has not answered the bridge since 2024-06-28T12:00:03\+02:00: /);
  });
});

describe("the meter's clock against the bridge's", () => {
  it('a bridge whose --timezone is not the meter’s warns in its log and in METER_NOW', async () => {
    const log: string[] = [];
    // The meter keeps London time; the bridge reads its clock as Amsterdam time.
    const hh = await home({
      start: Date.UTC(2024, 5, 28, 10, 0, 3),
      transport: 'in-process',
      zone: 'Europe/London',
      log: (line) => log.push(line),
    });
    await hh.poller.pollOnce();
    hh.clock.advance(10_000);
    await hh.poller.pollOnce();
    const warnings = log.filter((l) => l.includes('warning'));
    expect(warnings).toHaveLength(1); // said once, not every poll
    expect(warnings[0]).toMatch(
      /^HWE-P1 5c2fafaabbcc at p1\.home\.test: warning: the meter's clock, read in Europe\/Amsterdam, is 60 min behind this machine's: .*--timezone/,
    );
    const { row } = await now(hh);
    expect(row.State).toMatch(/60 min behind this machine's/);
  });

  it('gas readings off the 5-minute marks and a right zone: no warning', async () => {
    const log: string[] = [];
    const hh = await home({
      start: Date.UTC(2024, 5, 28, 10, 0, 3),
      transport: 'in-process',
      externalOffsetMs: 137_000,
      log: (line) => log.push(line),
    });
    await hh.pollUntil(Date.UTC(2024, 5, 28, 10, 30));
    expect(log.filter((l) => l.includes('clock'))).toEqual([]);
    const { row } = await now(hh, `homewizard:${hh.device.serial}:gas`);
    expect(row.State).toBe('ok');
    // The gas meter's own time, 2 min 17 s past a 5-minute mark.
    expect(row.Time).toBe('2024-06-28T12:27:17+02:00');
  });

  it('a v1 meter with only tariff registers, nulls and no unique_id is recorded and shown', async () => {
    const hh = await home({
      start: Date.UTC(2024, 5, 28, 10, 0, 3),
      transport: 'in-process',
      api: 1,
      v1Minimal: true,
    });
    const outcomes = await hh.pollUntil(Date.UTC(2024, 5, 28, 11, 0, 3));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const channels = hh.store.channels().map((c) => c.channel);
    expect(channels.sort()).toEqual(
      ['export', 'export-t1', 'export-t2', 'import', 'import-t1', 'import-t2'].sort(),
    );
    const { header, row } = await now(hh);
    expect(header).toContain('Import T1 (kWh)');
    expect(header).not.toContain('Import (kWh)'); // v1 sent no total: none is made up here
    expect(row.State).toBe('ok');
    // The half-hours it completed hold exactly what the household used.
    const from = Date.UTC(2024, 5, 28, 10, 30);
    const used = hh.mock.consumed(from, from + 1_800_000).importKwh;
    const [h] = hh.store.halfHours(hh.device.serial, 'import', from, from + 1_800_000);
    expect(h.amount).toBeCloseTo(used, 9);
  });
});
