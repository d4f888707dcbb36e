// The commands a user runs at home, against the mock device over HTTPS: pairing (with the
// button), the bridge as a process, and usage/meters/now through the homewizard provider.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PairedDevice, paths } from '../../bridge/config';
import { ROOT } from '../helpers/cli';
import { createMock, serveDevice, type ServedDevice } from '../providers/homewizard/mock/device';
import { QUICK, ZONE, household, scratchDir, testCa } from './harness';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BASE_ENV = { METER_SHEETS_CONFIG: '', HOME: '/nonexistent', METER_SHEETS_BRIDGE_DIR: '' };

/** Starts the CLI without blocking this process (the mock device lives here). */
function start(args: string[], onStdout?: (text: string, child: ChildProcess) => void) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'meter-sheets.js'), ...args], {
    env: { ...process.env, ...BASE_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout?.on('data', (d: Buffer) => {
    run.stdout += d.toString();
    onStdout?.(run.stdout, child);
  });
  child.stderr?.on('data', (d: Buffer) => (run.stderr += d.toString()));
  const done = new Promise<Run>((resolve) =>
    child.on('exit', (code) => {
      run.code = code;
      resolve(run);
    }),
  );
  return { child, run, done };
}

const cli = (args: string[], onStdout?: (text: string, child: ChildProcess) => void) =>
  start(args, onStdout).done;

describe('meter-sheets homewizard pair, bridge, usage', () => {
  const dir = scratchDir('hw-cli-');
  const mock = createMock({ zone: ZONE });
  let device: ServedDevice;
  let bridge: ReturnType<typeof start>;
  let bridgeUrl = '';
  let paired: PairedDevice;

  beforeAll(async () => {
    device = await serveDevice(mock.handler, {
      tls: testCa().issue(`appliance/p1dongle/${mock.serial}`),
    });
  });
  afterAll(async () => {
    bridge?.child.kill('SIGKILL');
    await device?.close();
  });

  it('gives up pairing with a clear message when the button is not pressed', async () => {
    const r = await cli([
      'homewizard',
      'pair',
      '--host',
      device.host,
      '--data-dir',
      dir,
      '--timeout',
      '1',
      '--retry-ms',
      '300',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `meter-sheets: the button on the HomeWizard device at ${device.host} was not pressed within 1 s; run the command again and press it when asked`,
    );
  });

  it('pairs: asks for the button, stores the token and pins the certificate, never printing the token', async () => {
    let pressed = false;
    const r = await cli(
      ['homewizard', 'pair', '--host', device.host, '--data-dir', dir, '--retry-ms', '200'],
      (out) => {
        if (!pressed && out.includes('Press the button')) {
          pressed = true;
          mock.pressButton();
        }
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^The device's certificate has SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}; it is pinned from now on\.$/,
    );
    expect(lines[1]).toBe(
      `Press the button on the HomeWizard device at ${device.host} now (waiting up to 120 s)…`,
    );
    expect(lines[2]).toBe(
      `Paired with P1 Meter (HWE-P1, serial ${mock.serial}) at ${device.host}, API v2.`,
    );
    const file = paths(dir).devices;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    paired = (JSON.parse(readFileSync(file, 'utf8')) as { devices: PairedDevice[] }).devices[0];
    expect(mock.tokens.has(paired.token as string)).toBe(true);
    expect(r.stdout).not.toContain(paired.token);
    expect(paired).toMatchObject({
      host: device.host,
      api: 2,
      serial: mock.serial,
      productType: 'HWE-P1',
    });
    expect(paired.certificate).toContain('BEGIN CERTIFICATE');
    const list = await cli(['homewizard', 'devices', '--data-dir', dir]);
    expect(list.stdout).toMatch(
      new RegExp(`^${mock.serial}  HWE-P1  ${device.host}  API v2  certificate `),
    );
  });

  it('runs the bridge, which serves recorded history to `usage --provider homewizard`', async () => {
    // A day recorded earlier by this bridge (simulated quickly, same device, same database).
    const day = Date.UTC(2024, 5, 27, 22); // 2024-06-28 00:00 in Amsterdam
    const past = await household({ start: day - QUICK.lead, transport: 'in-process', dir });
    await past.pollUntil(day + 24 * 3_600_000 + 10 * 60_000, QUICK.stepMs);
    const truth = (i: number) =>
      past.mock.consumed(day + i * 1_800_000, day + (i + 1) * 1_800_000).importKwh;
    await past.close();

    bridge = start([
      'bridge',
      '--data-dir',
      dir,
      '--port',
      '0',
      '--interval',
      '1',
      '--timezone',
      ZONE,
    ]);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`bridge did not start: ${bridge.run.stderr}`)),
        15_000,
      );
      bridge.child.stdout?.on('data', () => {
        const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(bridge.run.stdout);
        if (m && bridge.run.stdout.includes('Bridge token:')) {
          clearTimeout(timer);
          bridgeUrl = m[1];
          resolve();
        }
      });
    });
    expect(bridge.run.stdout).toContain(
      `Bridge token: in ${paths(dir).token} (readable by you only, just created)`,
    );
    const token = readFileSync(paths(dir).token, 'utf8').trim();
    expect(bridge.run.stdout).not.toContain(token);

    const flags = [
      '--provider',
      'homewizard',
      '--base-url',
      bridgeUrl,
      '--bridge-token',
      token,
      '--tz',
      ZONE,
      '--format',
      'json',
    ];
    const usage = await cli(['usage', '--start', '2024-06-28', ...flags]);
    expect(usage.stderr).toBe('');
    const rows = JSON.parse(usage.stdout) as unknown[][];
    expect(rows).toHaveLength(1 + 48);
    rows
      .slice(1)
      .forEach((r, i) => expect(Math.abs((r[2] as number) - truth(i))).toBeLessThan(1e-6));

    const meters = JSON.parse((await cli(['meters', ...flags])).stdout) as unknown[][];
    expect(meters.slice(1).map((r) => r[0])).toContain(`homewizard:${mock.serial}:gas`);
    expect(meters.find((r) => r[0] === `homewizard:${mock.serial}:import`)?.[4]).toBe('2024-06-28');
  }, 60_000);

  it('reads the live meter through the bridge with `now`', async () => {
    // The bridge polls the device every second; give it a moment for a fresh reading.
    let now: Run = { code: null, stdout: '', stderr: '' };
    for (let i = 0; i < 20 && now.code !== 0; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const token = readFileSync(paths(dir).token, 'utf8').trim();
      now = await cli([
        'now',
        '--provider',
        'homewizard',
        '--base-url',
        bridgeUrl,
        '--bridge-token',
        token,
        '--format',
        'json',
      ]);
    }
    expect(now.stderr).toBe('');
    const rows = JSON.parse(now.stdout) as unknown[][];
    expect(rows[0].slice(0, 3)).toEqual(['Time', 'Demand (W)', 'Import (kWh)']);
    expect(rows[1][2]).toBeGreaterThan(13000);
  });

  it('`homewizard connect` puts the bridge into the settings file, so plain commands work', async () => {
    const config = join(dir, 'config.json');
    const r = await cli([
      'homewizard',
      'connect',
      '--data-dir',
      dir,
      '--config',
      config,
      '--url',
      bridgeUrl,
    ]);
    expect(r.code).toBe(0);
    const token = readFileSync(paths(dir).token, 'utf8').trim();
    expect(r.stdout).not.toContain(token);
    expect(statSync(config).mode & 0o777).toBe(0o600);
    const usage = await cli([
      'usage',
      '--config',
      config,
      '--meter',
      'homewizard',
      '--start',
      '2024-06-28',
      '--aggregate',
      'day',
      '--tz',
      ZONE,
      '--format',
      'json',
    ]);
    expect(usage.stderr).toBe('');
    const rows = JSON.parse(usage.stdout) as unknown[][];
    expect(rows[1][3]).toBe(0); // the whole day, no half-hour missing
  });

  it('picks up a device paired while it runs', async () => {
    const v1 = createMock({ zone: ZONE, product: 'HWE-P1', serial: '3c39e7aabbcc' });
    const plain = await serveDevice(v1.v1Handler); // HTTP only: an API v1 device
    try {
      // No HTTPS there, so pairing finds API v1: nothing to press, nothing to pin.
      const r = await cli(['homewizard', 'pair', '--host', plain.host, '--data-dir', dir]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(
        `P1 Meter (serial 3c39e7aabbcc) at ${plain.host} speaks API v1 only (plain HTTP, no token): added.`,
      );
      const list = await cli(['homewizard', 'devices', '--data-dir', dir]);
      expect(list.stdout).toContain(`3c39e7aabbcc  HWE-P1  ${plain.host}  API v1`);
    } finally {
      await plain.close();
    }
  });

  it('stops cleanly on SIGTERM, and its database checks out', async () => {
    bridge.child.kill('SIGTERM');
    const r = await bridge.done;
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').pop()).toBe('meter-sheets bridge: stopped');
    const check = await cli(['bridge', '--check', '--data-dir', dir]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('every half-hour matches its readings');
  });
});
