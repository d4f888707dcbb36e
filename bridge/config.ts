// Where the bridge keeps its state, all in one directory readable by its owner only:
//   devices.json   paired devices: address, API version, token, pinned certificate (secret)
//   bridge-token   the token clients present to the bridge (secret)
//   readings.db    the SQLite database of readings and half-hours
// Secrets are written with mode 600 in a directory with mode 700, and never printed.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MeterError } from '../shared/errors';
import { BRIDGE_TOKEN_PATTERN } from '../shared/providers/homewizard/wire';

export interface PairedDevice {
  /** As typed at pairing: 192.168.1.20, p1meter.local, 127.0.0.1:8443. */
  host: string;
  api: 1 | 2;
  /** API v2 token (32 hex digits). */
  token?: string;
  /** API v2: PEM of the certificate pinned at pairing, and its SHA-256 fingerprint. */
  certificate?: string;
  fingerprint?: string;
  /** From `GET /api`: the device's serial (its MAC address), used in meter ids. */
  serial: string;
  productType?: string;
  productName?: string;
  pairedAt: string;
}

export interface DevicesFile {
  devices: PairedDevice[];
}

export function defaultDataDir(): string {
  if (process.env.METER_SHEETS_BRIDGE_DIR) return process.env.METER_SHEETS_BRIDGE_DIR;
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'meter-sheets', 'bridge');
}

export const paths = (dir: string) => ({
  devices: join(dir, 'devices.json'),
  token: join(dir, 'bridge-token'),
  database: join(dir, 'readings.db'),
});

/** Creates the directory (mode 700) or tightens an existing one. */
export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** Writes a secret file atomically with mode 600 (never briefly readable by others). */
export function writeSecretFile(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/** Reads a secret file, first tightening its mode if someone loosened it. */
export function readSecretFile(path: string): string {
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return readFileSync(path, 'utf8');
}

export function loadDevices(dir: string): DevicesFile {
  const file = paths(dir).devices;
  if (!existsSync(file)) return { devices: [] };
  try {
    const parsed = JSON.parse(readSecretFile(file)) as DevicesFile;
    if (!Array.isArray(parsed.devices)) throw new Error('no "devices" list');
    return parsed;
  } catch (e) {
    throw new MeterError(
      'config',
      `${file} is not a devices file (${(e as Error).message.split('\n')[0]})`,
    );
  }
}

export function saveDevice(dir: string, device: PairedDevice): void {
  ensureDataDir(dir);
  const current = loadDevices(dir);
  const others = current.devices.filter(
    (d) => d.serial !== device.serial && d.host !== device.host,
  );
  writeSecretFile(
    paths(dir).devices,
    JSON.stringify({ devices: [...others, device] }, null, 2) + '\n',
  );
}

/** The bridge token, generated on first use. */
export function bridgeToken(dir: string): { token: string; created: boolean } {
  ensureDataDir(dir);
  const file = paths(dir).token;
  if (existsSync(file)) {
    const token = readSecretFile(file).trim();
    if (new RegExp(BRIDGE_TOKEN_PATTERN).test(token)) return { token, created: false };
  }
  let token: string;
  do token = randomBytes(32).toString('base64url');
  while (!new RegExp(BRIDGE_TOKEN_PATTERN).test(token));
  writeSecretFile(file, token + '\n');
  return { token, created: true };
}
