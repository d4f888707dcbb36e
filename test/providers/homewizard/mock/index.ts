// The `homewizard` provider's peer is the bridge at home, not the device: this mock is the
// bridge's own HTTP API (bridge/api.ts) over a SQLite store filled by polling the mock
// P1 meter (mock/device.ts) once a minute through a day and a bit, as a bridge would
// have recorded it. Hosts' harnesses run their functions against it like any provider.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiContext, handleApi } from '../../../../bridge/api';
import { channelReadings } from '../../../../bridge/channels';
import { Store } from '../../../../bridge/store';
import { parseV2Measurement } from '../../../../shared/providers/homewizard/v2';
import { createMock as createDevice } from './device';
import type { MockHandler } from '../../../mocks/mock-http';

export const BRIDGE_TOKEN = 'hwbridge5f0c9a7e31d24b68a1c3e9f07d2b4c6e9a1';
const DEVICE_TOKEN = 'A1B2C3D4E5F60718293A4B5C6D7E8F90';
const ZONE = 'Europe/Amsterdam';

export interface BridgeMockOptions {
  /** The bridge's bearer token. */
  token?: string;
  /** Recording starts and ends (UTC ms); by default all of 2024-01-15 in any European zone. */
  from?: number;
  to?: number;
  pollMs?: number;
}

const stores = new Map<string, { store: Store; lastPoll: number }>();

/** Records the device once per options (the handler only reads), so repeated mocks are cheap. */
function recorded(from: number, to: number, pollMs: number): { store: Store; lastPoll: number } {
  const key = `${from}:${to}:${pollMs}`;
  const hit = stores.get(key);
  if (hit) return hit;
  let now = from;
  const device = createDevice({ clock: () => now, tokens: [DEVICE_TOKEN], zone: ZONE });
  const store = new Store(join(mkdtempSync(join(tmpdir(), 'ms-bridge-mock-')), 'bridge.sqlite'));
  const serial = '5c2fafaabbcc';
  store.registerDevice(serial, '192.0.2.10', 'HWE-P1', 'P1 meter');
  for (; now <= to; now += pollMs) {
    const r = device.handler({
      method: 'GET',
      path: '/api/measurement',
      query: {},
      headers: { authorization: `Bearer ${DEVICE_TOKEN}`, 'x-api-version': '2' },
      body: '',
    });
    if (r instanceof Promise) throw new Error('the device mock answers synchronously');
    const m = parseV2Measurement(JSON.parse(r.body), { zone: ZONE, receivedAt: now });
    store.ingest(serial, channelReadings(m, 'HWE-P1'), { json: JSON.stringify(m), at: now });
  }
  const out = { store, lastPoll: now - pollMs };
  stores.set(key, out);
  return out;
}

export function createMock(options: BridgeMockOptions = {}) {
  const token = options.token ?? BRIDGE_TOKEN;
  const { store, lastPoll } = recorded(
    options.from ?? Date.UTC(2024, 0, 14, 21),
    options.to ?? Date.UTC(2024, 0, 16, 3),
    options.pollMs ?? 60_000,
  );
  const ctx: ApiContext = {
    store,
    token,
    origins: ['https://localhost:3000'],
    zone: ZONE,
    gasKwhPerM3: 9.769,
    clock: () => lastPoll + 5_000, // the bridge has just polled: METER_NOW is fresh
    staleMs: 60_000,
  };
  const handler: MockHandler = (req) =>
    handleApi({ method: req.method, url: req.path, headers: req.headers }, ctx);
  return {
    handler,
    basePath: '',
    token,
    notes: `bridge token: ${token}; data for 2024-01-15: npx meter-sheets usage --provider homewizard --bridge-token ${token} --base-url <URL above> --start 2024-01-15`,
  };
}
