// The bridge keeps two secrets: the HomeWizard device's user token (devices.json, sent to
// the device) and its own bearer token (bridge-token, sent by clients). Neither may show in
// the bridge's log, its database or anything its API answers — even when the device echoes
// its Authorization header back in an error, when a transport error quotes the request,
// or when a client presents a wrong token. The database holds readings only.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startBridge } from '../../bridge/bridge';
import { type PairedDevice, paths } from '../../bridge/config';
import { SimulatedClock } from '../../bridge/clock';
import type { AsyncIO } from '../../shared/flow';
import { planted } from '../gas/provider-cases';
import { echoing } from '../mocks/echo';
import { createMock } from '../providers/homewizard/mock/device';
import { asyncMockIO } from '../mocks/mock-http';
import { leaks } from '../secrets/leaks';
import { ZONE, scratchDir } from './harness';

const DEVICE_TOKEN = planted('devicetoken', 32);
const WRONG_BRIDGE_TOKEN = planted('wrongbridge', 43);
const HOST = 'p1.home.test';

describe('the bridge: no device or bridge token in its log, database or answers', () => {
  it('from an echoing device, a transport error quoting the request, and a wrong client token', async () => {
    const clock = new SimulatedClock(Date.UTC(2024, 5, 28, 8, 0, 5));
    const mock = createMock({ zone: ZONE, tokens: [DEVICE_TOKEN], clock: () => clock.now() });
    const device = echoing(mock.handler);
    const net = asyncMockIO({ [`https://${HOST}`]: device });
    let transportFailure = false;
    const io: AsyncIO = {
      ...net,
      async fetchAll(requests) {
        if (!transportFailure) return net.fetchAll(requests);
        // Some HTTP stacks put the whole request in their error.
        throw new Error(
          `request failed: GET ${requests[0].url} ${JSON.stringify(requests[0].headers)}`,
        );
      },
    };
    const paired: PairedDevice = {
      host: HOST,
      api: 2,
      token: DEVICE_TOKEN,
      serial: mock.serial,
      productType: mock.product,
      productName: 'P1 Meter',
      pairedAt: '',
    };
    const dir = scratchDir('hw-secrets-');
    const log: string[] = [];
    const bridge = await startBridge({
      dataDir: dir,
      serve: { bind: '127.0.0.1', port: 0 },
      origins: [],
      zone: ZONE,
      gasKwhPerM3: 9.769,
      autoPoll: false,
      clock,
      io,
      devices: [paired],
      log: (l) => log.push(l),
    });
    const bridgeToken = readFileSync(paths(dir).token, 'utf8').trim();
    const answers: string[] = [];
    const ask = async (path: string, token = bridgeToken) => {
      const r = await fetch(`${bridge.url}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const body = await r.text();
      const headers: string[] = [];
      r.headers.forEach((v, k) => headers.push(`${k}: ${v}`));
      answers.push(`${r.status} ${headers.join('; ')} ${body}`);
      return `${r.status} ${body}`;
    };
    try {
      // Polled fine twice, then the device forgets the user (DELETE /api/user, or a reset).
      for (let i = 0; i < 2; i++) {
        await bridge.poller.pollOnce();
        clock.advance(10_000);
      }
      const meters = JSON.parse((await ask('/v1/meters')).replace(/^200 /, '')) as {
        meters: { id: string }[];
      };
      const meter = meters.meters[0].id;
      mock.tokens.clear();
      await bridge.poller.pollOnce();
      expect(device.echoes).toBeGreaterThan(0);
      clock.advance(120_000);
      // What a client reading the meter is told about it.
      expect(await ask(`/v1/now?meter=${encodeURIComponent(meter)}`)).toMatch(
        /^503 .*no longer accepts meter-sheets' token/,
      );
      transportFailure = true;
      // Polling carries on: the device is unreachable this time, said without the token.
      const [failed] = await bridge.poller.pollOnce();
      expect(failed).toMatchObject({ ok: false, problem: 'offline' });
      expect(log.at(-1)).toMatch(/could not be reached \(request failed: .*\[redacted\]/);
      expect(await ask(`/v1/now?meter=${encodeURIComponent(meter)}`)).toMatch(/^503 .*failed/);
      await ask(`/v1/usage?meter=${encodeURIComponent(meter)}&from=0&to=86400000`);
      // A client with a wrong token.
      expect(await ask('/v1/meters', WRONG_BRIDGE_TOKEN)).toMatch(/^401 /);

      const stored = bridge.store.devices().map((d) => JSON.stringify(d));
      expect(stored.join('\n')).toMatch(/failed/);
      await bridge.stop();
      const database = readFileSync(paths(dir).database).toString('latin1');
      expect(
        leaks({ log, answers, stored, database: [database] }, [
          DEVICE_TOKEN,
          bridgeToken,
          WRONG_BRIDGE_TOKEN,
        ]),
      ).toEqual([]);
      // The device token did go to the device, and the bridge token was in the requests.
      expect(
        net.record.requests.some((r) => JSON.stringify(r.headers).includes(DEVICE_TOKEN)),
      ).toBe(true);
    } finally {
      await bridge.stop().catch(() => undefined);
    }
  });
});
