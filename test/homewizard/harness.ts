// A household for bridge tests: a mock HomeWizard device on simulated time, a bridge data
// directory, and a poller wired to it (over real HTTPS with a pinned certificate, or
// in-process for long runs).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedClock } from '../../bridge/clock';
import { type PairedDevice, ensureDataDir, paths } from '../../bridge/config';
import { Poller, type PollOutcome } from '../../bridge/poller';
import { Store } from '../../bridge/store';
import { deviceIO, pinFromPem } from '../../drivers/pinned-https';
import type { AsyncIO } from '../../shared/flow';
import {
  type HomeWizardMockOptions,
  createMock,
  serveDevice,
  type ServedDevice,
} from '../providers/homewizard/mock/device';
import { asyncMockIO } from '../mocks/mock-http';
import { type TestCa, makeTestCa } from '../helpers/certificates';

export const ZONE = 'Europe/Amsterdam';

/**
 * For long simulations where the poll rate is not the point: every 40 s, 10 s past a
 * 40-second mark (start = a half-hour boundary - 590 s). The readings around each half-hour
 * boundary then fall within the mock's constant-power minute (it changes load at :15), so
 * sharing them by time is still exact. (The 10-second day in bridge.test.ts is the real rate.)
 */
export const QUICK = { stepMs: 40_000, lead: 590_000 };

/** A scratch directory, in memory where the system has one (the tests write a lot). */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));
}
export const TOKEN = '0123456789ABCDEF0123456789ABCDEF';
const IN_PROCESS_HOST = 'p1.home.test';

let ca: TestCa | null = null;
export function testCa(): TestCa {
  ca ??= makeTestCa();
  return ca;
}

export interface Household {
  clock: SimulatedClock;
  mock: ReturnType<typeof createMock>;
  device: PairedDevice;
  dir: string;
  store: Store;
  poller: Poller;
  served: ServedDevice | null;
  /** Closes the database and the connection, as a stopped bridge does. */
  stopBridge(): void;
  /** Starts a new bridge process on the same data directory. */
  startBridge(): void;
  /** Polls every `stepMs` until `until` (simulated), recording each outcome. */
  pollUntil(until: number, stepMs?: number): Promise<PollOutcome[]>;
  close(): Promise<void>;
}

export async function household(
  o: {
    start: number;
    transport: 'https' | 'in-process';
    api?: 1 | 2;
    dir?: string;
    /** The CA that issues the device's certificate (default: an EC one, version 3). */
    ca?: TestCa;
    /** The bridge's log lines. */
    log?: (line: string) => void;
  } & HomeWizardMockOptions,
): Promise<Household> {
  const clock = new SimulatedClock(o.start);
  const mock = createMock({
    zone: ZONE,
    resolution: 0,
    tokens: [TOKEN],
    ...o,
    clock: () => clock.now(),
  });
  const dir = o.dir ?? scratchDir('hw-bridge-');
  ensureDataDir(dir);
  const api = o.api ?? 2;
  let served: ServedDevice | null = null;
  let device: PairedDevice;
  let makeIO: () => AsyncIO & { close?: () => void };
  if (o.transport === 'https') {
    const cert = (o.ca ?? testCa()).issue(`appliance/p1dongle/${mock.serial}`);
    served = await serveDevice(mock.handler, { tls: cert });
    const pin = pinFromPem(cert.cert);
    device = {
      host: served.host,
      api: 2,
      token: TOKEN,
      certificate: pin.certificate,
      fingerprint: pin.fingerprint,
      serial: mock.serial,
      productType: mock.product,
      productName: 'P1 Meter',
      pairedAt: '',
    };
    makeIO = () => deviceIO({ pinFor: (h) => (h === device.host ? pin : undefined) });
  } else {
    device = {
      host: IN_PROCESS_HOST,
      api,
      ...(api === 2 ? { token: TOKEN } : {}),
      serial: mock.serial,
      productType: mock.product,
      productName: mock.product === 'HWE-P1' ? 'P1 Meter' : 'Plug-In Battery',
      pairedAt: '',
    };
    makeIO = () =>
      asyncMockIO({
        [`https://${IN_PROCESS_HOST}`]: mock.handler,
        [`http://${IN_PROCESS_HOST}`]: mock.v1Handler,
      });
  }
  let io = makeIO();
  const open = () => {
    const store = new Store(paths(dir).database);
    return {
      store,
      poller: new Poller({
        store,
        devices: [device],
        io,
        clock,
        zone: ZONE,
        pollMs: 10_000,
        log: o.log,
      }),
    };
  };
  const h: Household = {
    clock,
    mock,
    device,
    dir,
    served,
    ...open(),
    stopBridge() {
      h.store.close();
      io.close?.();
    },
    startBridge() {
      io = makeIO();
      Object.assign(h, open());
    },
    async pollUntil(until, stepMs = 10_000) {
      const outcomes: PollOutcome[] = [];
      while (clock.now() < until) {
        outcomes.push(...(await h.poller.pollOnce()));
        clock.advance(stepMs);
      }
      return outcomes;
    },
    async close() {
      try {
        h.stopBridge();
      } catch {
        // already closed
      }
      await served?.close();
    },
  };
  return h;
}
