// The bridge as one long-running piece: the database, the poller and the API server,
// started together and stopped cleanly (the poll in flight finishes, then the database
// closes), so `meter-sheets bridge` can run as a service on a home machine.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pinFromPem, deviceIO } from '../drivers/pinned-https';
import type { AsyncIO } from '../shared/flow';
import { type Clock, systemClock } from './clock';
import { type PairedDevice, bridgeToken, ensureDataDir, loadDevices, paths } from './config';
import { Poller, withoutDeviceTokens } from './poller';
import { type RunningServer, type ServeOptions, serveApi } from './server';
import { Store } from './store';

export interface BridgeOptions {
  dataDir: string;
  serve: ServeOptions;
  /** Browser origins allowed to call the API (the Excel add-in's). */
  origins: string[];
  /** Zone of the meters' clocks. */
  zone: string;
  pollMs?: number;
  gasKwhPerM3: number;
  keepReadingsDays?: number;
  clock?: Clock;
  /** Device I/O; by default HTTPS pinned to each device's certificate from pairing. */
  io?: AsyncIO;
  /** Devices to poll; by default those paired into dataDir. */
  devices?: PairedDevice[];
  /** Poll on the clock's rhythm (default); tests drive `poller.pollOnce()` themselves. */
  autoPoll?: boolean;
  log?: (line: string) => void;
}

export interface RunningBridge {
  url: string;
  tokenFile: string;
  tokenCreated: boolean;
  devices: PairedDevice[];
  poller: Poller;
  store: Store;
  /** Picks up devices paired (or re-paired) since the start; true when the list changed. */
  reloadDevices(): boolean;
  stop(): Promise<void>;
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

export async function startBridge(o: BridgeOptions): Promise<RunningBridge> {
  ensureDataDir(o.dataDir);
  const devicesFile = paths(o.dataDir).devices;
  let devicesMtime = mtimeOf(devicesFile);
  let devices = o.devices ?? loadDevices(o.dataDir).devices;
  if (devices.length === 0)
    o.log?.(
      `no HomeWizard device is paired in ${o.dataDir} yet: pair one (meter-sheets homewizard pair --host <its IP address>) and the bridge picks it up within 30 s`,
    );
  const { token, created } = bridgeToken(o.dataDir);
  const clock = o.clock ?? systemClock;
  const ownIO = o.io
    ? null
    : deviceIO({
        pinFor: (host) => {
          const d = devices.find((x) => x.host === host && x.certificate);
          return d?.certificate ? pinFromPem(d.certificate) : undefined;
        },
      });
  const store = new Store(paths(o.dataDir).database);
  const poller = new Poller({
    store,
    devices,
    io: o.io ?? (ownIO as AsyncIO),
    clock,
    zone: o.zone,
    pollMs: o.pollMs,
    keepReadingsDays: o.keepReadingsDays,
    log: o.log,
  });
  let server: RunningServer;
  try {
    server = await serveApi(
      {
        store,
        token,
        origins: o.origins,
        zone: o.zone,
        gasKwhPerM3: o.gasKwhPerM3,
        clock: () => clock.now(),
        staleMs: Math.max(60_000, 6 * poller.pollMs),
      },
      o.serve,
    );
  } catch (e) {
    store.close();
    ownIO?.close();
    throw e;
  }
  const abort = new AbortController();
  const reloadDevices = (): boolean => {
    const mtime = mtimeOf(devicesFile);
    if (o.devices || mtime === devicesMtime) return false;
    devicesMtime = mtime;
    try {
      devices = loadDevices(o.dataDir).devices;
    } catch (e) {
      o.log?.(`not reloading devices: ${(e as Error).message}`);
      return false;
    }
    poller.setDevices(devices);
    o.log?.(
      `devices changed: now polling ${devices.map((d) => `${d.serial} at ${d.host}`).join(', ')}`,
    );
    return true;
  };
  // Pairing another device while the bridge runs needs no restart.
  const watch = setInterval(reloadDevices, 30_000);
  watch.unref();
  const loop =
    o.autoPoll === false
      ? Promise.resolve()
      : poller
          .run(abort.signal)
          .catch((e: Error) =>
            o.log?.(`polling stopped: ${withoutDeviceTokens(String(e?.message), devices)}`),
          );
  return {
    url: server.url,
    tokenFile: join(o.dataDir, 'bridge-token'),
    tokenCreated: created,
    get devices() {
      return devices;
    },
    poller,
    store,
    reloadDevices,
    async stop() {
      clearInterval(watch);
      abort.abort();
      await loop;
      await server.close();
      ownIO?.close();
      store.close();
    },
  };
}
