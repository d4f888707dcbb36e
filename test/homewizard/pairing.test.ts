// Pairing (the button, the 30-second window, the token), a token the device no longer
// accepts, and the pinned certificate: the same device is trusted, a changed one refused
// before any request (and so any token) reaches it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../bridge/clock';
import { type Pin, deviceIO, pinFromPem } from '../../drivers/pinned-https';
import { isMeterError } from '../../shared/errors';
import { type AsyncIO, runAsync } from '../../shared/flow';
import {
  CERTIFICATE_CHANGED,
  PAIRING_NAME,
  checkHost,
  createUserRequest,
  pair,
  readCreateUser,
  readDeviceInfo,
  readMeasurement,
} from '../../shared/providers/homewizard/client';
import { createMock, serveDevice, type ServedDevice } from '../providers/homewizard/mock/device';
import { asyncMockIO } from '../mocks/mock-http';
import { type DeviceCertificate, type TestCa } from '../helpers/certificates';
import { TOKEN, ZONE, household, testCa } from './harness';

const HOST = '192.168.1.20';

async function rejected(p: Promise<unknown>): Promise<{ kind: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (!isMeterError(e)) throw e;
    return { kind: e.kind, message: e.message };
  }
  throw new Error('expected an error');
}

function pairingRig(pressAfterAttempts: number | null) {
  const clock = new SimulatedClock(Date.UTC(2024, 5, 28, 10));
  const mock = createMock({ clock: () => clock.now() });
  const statuses: number[] = [];
  const inner = asyncMockIO({ [`https://${HOST}`]: mock.handler });
  const io: AsyncIO = {
    async fetchAll(requests) {
      const out = await inner.fetchAll(requests);
      statuses.push(...out.map((r) => r.status));
      return out;
    },
    // Time passes while the CLI waits; the user presses the button at some point.
    async sleep(ms) {
      clock.advance(ms);
      if (pressAfterAttempts !== null && statuses.length === pressAfterAttempts) mock.pressButton();
    },
  };
  return { clock, mock, io, statuses };
}

describe('pairing', () => {
  it('asks again until the button is pressed, then receives a token that works', async () => {
    const { clock, mock, io, statuses } = pairingRig(5);
    let prompts = 0;
    const token = await runAsync(
      pair(HOST, {
        clock: () => clock.now(),
        timeoutMs: 120_000,
        retryMs: 1000,
        onPressButton: () => prompts++,
      }),
      io,
    );
    expect(statuses).toEqual([403, 403, 403, 403, 403, 200]);
    expect(prompts).toBe(1);
    expect(token).toMatch(/^[0-9A-F]{32}$/);
    const info = await runAsync(readDeviceInfo({ host: HOST, api: 2, token }), io);
    expect(info).toMatchObject({ productType: 'HWE-P1', serial: mock.serial, apiVersion: '2.0.0' });
  });

  it('registers as local/meter-sheets and sends the v2 header', () => {
    const r = createUserRequest(HOST);
    expect(r).toMatchObject({ method: 'POST', url: `https://${HOST}/api/user` });
    expect(JSON.parse(r.body as string)).toEqual({ name: PAIRING_NAME });
    expect(r.headers?.['X-Api-Version']).toBe('2');
  });

  it('closes the window 30 s after the press: the device says 403 user:creation-not-enabled again', async () => {
    const { clock, mock } = pairingRig(null);
    mock.pressButton();
    clock.advance(31_000);
    const r = await mock.handler({
      method: 'POST',
      path: '/api/user',
      query: {},
      headers: {},
      body: JSON.stringify({ name: PAIRING_NAME }),
    });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({ error: 'user:creation-not-enabled' });
    expect(readCreateUser(r, HOST)).toEqual({ kind: 'press-button' });
  });

  it('gives up with a clear message when nobody presses the button', async () => {
    const { clock, io, statuses } = pairingRig(null);
    const e = await rejected(
      runAsync(pair(HOST, { clock: () => clock.now(), timeoutMs: 20_000, retryMs: 2000 }), io),
    );
    expect(e.message).toBe(
      `the button on the HomeWizard device at ${HOST} was not pressed within 20 s; run the command again and press it when asked`,
    );
    expect(statuses.length).toBe(11); // at 0, 2, … 20 s
  });

  it('names the problem when the device refuses the name', async () => {
    const { mock } = pairingRig(null);
    const r = await mock.handler({
      method: 'POST',
      path: '/api/user',
      query: {},
      headers: {},
      body: '{"name":"meter-sheets"}',
    });
    expect(() => readCreateUser(r, HOST)).toThrow(
      `the HomeWizard device at ${HOST} refused the pairing request (HTTP 400, user:invalid-prefix)`,
    );
  });

  it('tells the user to pair again when the device answers 401 user:unauthorized', async () => {
    const clock = new SimulatedClock(Date.UTC(2024, 5, 28, 10));
    const mock = createMock({ clock: () => clock.now(), tokens: [TOKEN] });
    const io = asyncMockIO({ [`https://${HOST}`]: mock.handler });
    await runAsync(
      readMeasurement({ host: HOST, api: 2, token: TOKEN }, ZONE, () => clock.now()),
      io,
    );
    mock.revokeTokens();
    const e = await rejected(
      runAsync(
        readMeasurement({ host: HOST, api: 2, token: TOKEN }, ZONE, () => clock.now()),
        io,
      ),
    );
    expect(e.kind).toBe('auth');
    expect(e.message).toBe(
      `the HomeWizard device at ${HOST} no longer accepts meter-sheets' token (user:unauthorized): it was removed in the app or the device was reset. Pair again: meter-sheets homewizard pair --host ${HOST}`,
    );
    expect(e.message).not.toContain(TOKEN);
  });

  it('accepts only plain host names and addresses', () => {
    expect(checkHost(' 192.168.1.20 ')).toBe('192.168.1.20');
    expect(checkHost('p1meter.local:443')).toBe('p1meter.local');
    expect(checkHost('127.0.0.1:8443')).toBe('127.0.0.1:8443');
    expect(() => checkHost('192.168.1.20/api?x=1')).toThrow(/host: expected/);
    expect(() => checkHost('user@evil.example')).toThrow(/host: expected/);
  });
});

describe('the pinned certificate', () => {
  let ca: TestCa;
  let first: DeviceCertificate;
  let served: ServedDevice;
  let mock: ReturnType<typeof createMock>;
  let pin: Pin;

  beforeAll(async () => {
    ca = testCa();
    first = ca.issue('appliance/p1dongle/5c2fafaabbcc');
    mock = createMock({ tokens: [TOKEN] });
    served = await serveDevice(mock.handler, { tls: first });
    pin = pinFromPem(first.cert);
  });
  afterAll(() => served.close());

  const device = () => ({ host: served.host, api: 2 as const, token: TOKEN });

  it('trusts the device that presents it, though its name is not the address', async () => {
    const io = deviceIO({ pinFor: () => pin });
    try {
      const m = await runAsync(readMeasurement(device(), ZONE, Date.now), io);
      expect(m.energyImportKwh).toBeGreaterThan(13000);
    } finally {
      io.close();
    }
  });

  it('refuses a device without a pinned certificate (outside pairing)', async () => {
    const io = deviceIO({ pinFor: () => undefined });
    try {
      const [r] = await io.fetchAll([{ method: 'GET', url: `https://${served.host}/api` }]);
      expect(r.status).toBe(0);
      expect(r.error).toMatch(/no pinned certificate/);
    } finally {
      io.close();
    }
  });

  it('records the certificate at pairing and holds the session to it', async () => {
    let seen: Pin | null = null;
    const io = deviceIO({ pinFor: () => undefined, trustOnFirstUse: (_h, p) => (seen = p) });
    try {
      const [r] = await io.fetchAll([createUserRequest(served.host)]);
      expect(r.status).toBe(403); // button not pressed; but the certificate was seen
      expect(seen).toEqual(pin);
    } finally {
      io.close();
    }
  });

  it('refuses a changed certificate, even from the same CA, before sending the token', async () => {
    const io = deviceIO({ pinFor: () => pin });
    try {
      await runAsync(readMeasurement(device(), ZONE, Date.now), io);
      served.setCertificate(ca.issue('appliance/p1dongle/5c2fafaabbcc')); // replaced or reset device
      const before = mock.state.requests;
      const e = await rejected(runAsync(readMeasurement(device(), ZONE, Date.now), io));
      expect(mock.state.requests).toBe(before); // no request, so no token, reached it
      expect(e.kind).toBe('auth');
      expect(e.message).toMatch(
        new RegExp(
          `^the HomeWizard device at ${served.host} presented a different TLS certificate from the one pinned when it was paired \\(pinned SHA-256 ${pin.fingerprint}, presented [0-9A-F:]{95}\\)\\. If you replaced or reset the device, pair it again: meter-sheets homewizard pair --host ${served.host}; otherwise another machine on your network is answering in its place\\.$`,
        ),
      );
      const [raw] = await io.fetchAll([{ method: 'GET', url: `https://${served.host}/api` }]);
      expect(raw.error?.startsWith(CERTIFICATE_CHANGED)).toBe(true);
    } finally {
      served.setCertificate(first);
      io.close();
    }
  });

  it('the bridge reports a changed certificate to METER_NOW as a reason to pair again', async () => {
    const hh = await household({ start: Date.UTC(2024, 5, 28, 10), transport: 'https' });
    try {
      const [ok] = await hh.poller.pollOnce();
      expect(ok.ok).toBe(true);
      hh.served?.setCertificate(testCa().issue('appliance/p1dongle/other'));
      hh.clock.advance(10_000);
      const [out] = await hh.poller.pollOnce();
      expect(out).toMatchObject({ ok: false, problem: 'certificate-changed' });
      expect(hh.store.device(hh.device.serial)).toMatchObject({ problem: 'certificate-changed' });
    } finally {
      await hh.close();
    }
  });
});
