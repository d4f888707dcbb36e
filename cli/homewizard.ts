// meter-sheets homewizard pair|devices|connect, and meter-sheets bridge: pairing with a
// HomeWizard device (the button, the token, the pinned certificate), and running the
// bridge that records its readings as half-hours for Excel and the CLI.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { startBridge } from '../bridge/bridge';
import { DEFAULT_ORIGIN } from '../excel-addin/manifest/origin';
import {
  type PairedDevice,
  bridgeToken,
  defaultDataDir,
  loadDevices,
  paths,
  saveDevice,
  writeSecretFile,
} from '../bridge/config';
import { DEFAULT_POLL_MS, MIN_POLL_MS } from '../bridge/poller';
import { Store } from '../bridge/store';
import { type Pin, deviceIO } from '../drivers/pinned-https';
import { MeterError, isMeterError } from '../shared/errors';
import { runAsync } from '../shared/flow';
import { BRIDGE_DEFAULT_PORT, BRIDGE_DEFAULT_URL } from '../shared/providers/homewizard/wire';
import {
  PAIRING_NAME,
  checkHost,
  deviceProblem,
  pair,
  readDeviceInfo,
  readMeasurement,
} from '../shared/providers/homewizard/client';
import { fieldsByProvider } from '../shared/providers';
import { isAcceptableBaseUrl, validateSettings } from '../shared/settings';
import { canonicalZone } from '../shared/time/zone';
import { defaultConfigPath } from './config';
import { registerCommand } from './main';

const out = (line: string) => process.stdout.write(line + '\n');

function fail(e: unknown, command: string): number {
  const err = e as { code?: string; message?: string };
  if (err.code && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(
      `meter-sheets ${command}: ${String(err.message).split('\n')[0]}; see --help\n`,
    );
    return 2;
  }
  // An unexpected error may quote a request (the device's Authorization header): print
  // its first line only, with anything shaped like a device token (32 hex digits) cut out.
  const unexpected = String(err?.message ?? e)
    .split('\n')[0]
    .replace(/\b[0-9A-Fa-f]{32}\b/g, '[redacted]');
  process.stderr.write(
    `meter-sheets: ${isMeterError(e) ? e.message : `unexpected error: ${unexpected}`}\n`,
  );
  return isMeterError(e) && e.kind === 'argument' ? 2 : 1;
}

function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new MeterError('argument', `${name}: expected a positive number, got "${value}"`);
  return n;
}

const HOMEWIZARD_TITLE =
  'meter-sheets homewizard — HomeWizard P1 meters and plug-in batteries on your home network\n';

/** Each subcommand's usage: printed by `homewizard SUB --help`, and all of them together. */
const SUBCOMMAND_HELP: Record<string, string> = {
  pair: `  meter-sheets homewizard pair --host H     pair with the device at H (IP address or name):
                                            asks you to press its button, stores its token and
                                            pins its certificate
      --api 1|2          API version (default: 2, falling back to 1 when the device has no HTTPS)
      --timeout S        seconds to wait for the button (default 120)
      --name NAME        user name registered on the device (default ${PAIRING_NAME.slice(6)})
`,
  devices: `  meter-sheets homewizard devices           list paired devices
`,
  connect: `  meter-sheets homewizard connect           point this machine's meter-sheets settings at the
                                            bridge (stores the bridge token in the settings file;
                                            days are counted in the bridge's --timezone unless
                                            Settings or the timezone argument say otherwise)
      --url URL          the bridge's address (default ${BRIDGE_DEFAULT_URL})
      --config FILE      settings file (default $METER_SHEETS_CONFIG, else ~/.config/meter-sheets/config.json)
`,
};

const COMMON_HELP = `  Common:
      --data-dir D       the bridge's directory (default $METER_SHEETS_BRIDGE_DIR, else
                         ~/.local/share/meter-sheets/bridge)
      --help, -h         this help
`;

const HOMEWIZARD_HELP = `${HOMEWIZARD_TITLE}\n${Object.values(SUBCOMMAND_HELP).join('')}${COMMON_HELP}`;

const subcommandHelp = (sub: string) =>
  `${HOMEWIZARD_TITLE}\n${SUBCOMMAND_HELP[sub]}${COMMON_HELP}`;

function printHelp(sub: string): number {
  process.stdout.write(subcommandHelp(sub));
  return 0;
}

async function pairCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      api: { type: 'string' },
      timeout: { type: 'string' },
      name: { type: 'string' },
      'retry-ms': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return printHelp('pair');
  if (!values.host)
    throw new MeterError(
      'argument',
      "host: expected --host with the device's IP address, like 192.168.1.20",
    );
  const host = checkHost(values.host);
  if (values.api !== undefined && values.api !== '1' && values.api !== '2')
    throw new MeterError('argument', `api: expected 1 or 2, got "${values.api}"`);
  const name = values.name === undefined ? PAIRING_NAME : `local/${values.name}`;
  if (!/^local\/[a-zA-Z0-9\-_/\\# ]{1,40}$/.test(name))
    throw new MeterError(
      'argument',
      'name: expected 1 to 40 letters, digits, spaces or - _ / \\ #',
    );
  const timeoutMs = positiveNumber('timeout', values.timeout, 120) * 1000;
  const retryMs = positiveNumber('retry-ms', values['retry-ms'], 1000);
  const dir = values['data-dir'] ?? defaultDataDir();
  const api = values.api === '1' ? 1 : 2;

  if (api === 1) return pairV1(host, dir);
  let seen: Pin | undefined;
  const tofu = deviceIO({
    pinFor: () => undefined,
    trustOnFirstUse: (_h, pin) => {
      seen = pin;
      out(
        `The device's certificate has SHA-256 fingerprint ${pin.fingerprint}; it is pinned from now on.`,
      );
    },
  });
  let token: string;
  try {
    token = await runAsync(
      pair(host, {
        name,
        clock: Date.now,
        timeoutMs,
        retryMs,
        onPressButton: () =>
          out(
            `Press the button on the HomeWizard device at ${host} now (waiting up to ${Math.round(timeoutMs / 1000)} s)…`,
          ),
      }),
      tofu,
    );
  } catch (e) {
    // No HTTPS at all: an older device or firmware that speaks only API v1.
    if (values.api === undefined && deviceProblem(e) === 'offline' && !seen) {
      const v1 = await pairV1(host, dir, true);
      if (v1 >= 0) return v1;
    }
    throw e;
  } finally {
    tofu.close();
  }
  const pin = seen as Pin;
  // From here on, exactly as the bridge will: the pinned certificate and the token.
  const pinned = deviceIO({ pinFor: () => pin });
  try {
    const device = { host, api: 2 as const, token };
    const info = await runAsync(readDeviceInfo(device), pinned);
    if (!info.serial)
      throw new MeterError('provider', `the device at ${host} did not say its serial number`);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const m = await runAsync(readMeasurement(device, zone, Date.now), pinned);
    const paired: PairedDevice = {
      host,
      api: 2,
      token,
      certificate: pin.certificate,
      fingerprint: pin.fingerprint,
      serial: info.serial.toLowerCase(),
      productType: info.productType,
      productName: info.productName,
      pairedAt: new Date().toISOString(),
    };
    saveDevice(dir, paired);
    out(
      `Paired with ${info.productName ?? 'HomeWizard device'} (${info.productType ?? '?'}, serial ${paired.serial}) at ${host}, API v2.`,
    );
    if (m.powerW !== undefined) out(`It reads ${m.powerW} W right now.`);
    out(`Token and certificate saved in ${paths(dir).devices} (readable by you only).`);
    out('Next: meter-sheets bridge   (records its readings; see README: HomeWizard)');
    return 0;
  } finally {
    pinned.close();
  }
}

/** API v1 needs no pairing: it is switched on in the app. Returns -1 when it is not v1 either. */
async function pairV1(host: string, dir: string, fallback = false): Promise<number> {
  const io = deviceIO({ pinFor: () => undefined });
  try {
    const device = { host, api: 1 as const };
    let info;
    try {
      info = await runAsync(readDeviceInfo(device), io);
    } catch (e) {
      if (fallback) return -1;
      throw e;
    }
    if (!info.serial)
      throw new MeterError('provider', `the device at ${host} did not say its serial number`);
    await runAsync(
      readMeasurement(device, Intl.DateTimeFormat().resolvedOptions().timeZone, Date.now),
      io,
    );
    saveDevice(dir, {
      host,
      api: 1,
      serial: info.serial.toLowerCase(),
      productType: info.productType,
      productName: info.productName,
      pairedAt: new Date().toISOString(),
    });
    out(
      `${info.productName ?? 'The device'} (serial ${info.serial}) at ${host} speaks API v1 only (plain HTTP, no token): added.`,
    );
    out('Next: meter-sheets bridge');
    return 0;
  } finally {
    io.close();
  }
}

function devicesCommand(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) return printHelp('devices');
  const dir = values['data-dir'] ?? defaultDataDir();
  const { devices } = loadDevices(dir);
  if (devices.length === 0) {
    out(`No device paired in ${dir}. Pair one: meter-sheets homewizard pair --host <IP address>`);
    return 0;
  }
  for (const d of devices)
    out(
      `${d.serial}  ${d.productType ?? '?'}  ${d.host}  API v${d.api}${d.fingerprint ? `  certificate ${d.fingerprint.slice(0, 23)}…` : ''}  paired ${d.pairedAt.slice(0, 10)}`,
    );
  return 0;
}

function connectCommand(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      url: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return printHelp('connect');
  const dir = values['data-dir'] ?? defaultDataDir();
  if (values.url !== undefined && !isAcceptableBaseUrl(values.url))
    throw new MeterError(
      'argument',
      'url: expected an https:// URL (plain http only for 127.0.0.1 or localhost)',
    );
  const file = values.config ?? (process.env.METER_SHEETS_CONFIG || defaultConfigPath());
  let current: { providers?: Record<string, Record<string, unknown>> } = {};
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new MeterError('config', `config: ${file} is not valid JSON; fix or remove it first`);
    }
  }
  const { token } = bridgeToken(dir);
  const section: Record<string, unknown> = { ...(current.providers?.homewizard ?? {}), token };
  if (values.url !== undefined) Object.assign(section, { baseUrl: values.url });
  const next = { ...current, providers: { ...(current.providers ?? {}), homewizard: section } };
  validateSettings(next, fieldsByProvider());
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeSecretFile(file, JSON.stringify(next, null, 2) + '\n');
  out(
    `${file} now reads HomeWizard data from the bridge at ${String(section.baseUrl ?? BRIDGE_DEFAULT_URL)} (bridge token stored there, not shown).`,
  );
  out('Try: meter-sheets meters');
  return 0;
}

registerCommand({
  name: 'homewizard',
  summary:
    'pair a HomeWizard P1 meter or battery (pair --host H), list paired devices, connect the CLI to the bridge',
  async run(argv) {
    const [sub, ...rest] = argv;
    try {
      if (sub === 'pair') return await pairCommand(rest);
      if (sub === 'devices') return devicesCommand(rest);
      if (sub === 'connect') return connectCommand(rest);
      process.stdout.write(HOMEWIZARD_HELP);
      return sub === undefined || sub === '--help' || sub === '-h' || sub === 'help' ? 0 : 2;
    } catch (e) {
      return fail(e, `homewizard ${sub}`);
    }
  },
});

const BRIDGE_HELP = `meter-sheets bridge — record HomeWizard readings and serve them as half-hours

Polls every paired device, stores each reading in SQLite (readings.db in the data directory),
derives half-hour energy from the registers, and serves it to Excel and the CLI
(METER_USAGE, METER_METERS, METER_NOW with the homewizard provider). Runs until stopped.

Options:
  --data-dir D            the bridge's directory (default $METER_SHEETS_BRIDGE_DIR, else
                          ~/.local/share/meter-sheets/bridge)
  --bind ADDRESS          address to listen on (default 127.0.0.1: this machine only)
  --port N                port (default ${BRIDGE_DEFAULT_PORT})
  --origin URL            browser origin allowed to call the bridge (the Excel add-in's);
                          repeat or separate with commas (default ${DEFAULT_ORIGIN})
  --interval S            seconds between polls (default ${DEFAULT_POLL_MS / 1000}, at least ${MIN_POLL_MS / 1000})
  --timezone Z            zone of the meters' clocks (default this machine's)
  --gas-kwh-per-m3 X      gas calorific value for kWh (default 9.769, the Dutch reference)
  --keep-readings-days N  delete raw readings older than N days (half-hours are kept); default 0 = keep all
  --tls-cert F --tls-key F  serve HTTPS with this certificate and key
  --check                 check the database (integrity, half-hours against readings) and exit
`;

async function bridgeCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      bind: { type: 'string' },
      port: { type: 'string' },
      origin: { type: 'string', multiple: true },
      interval: { type: 'string' },
      timezone: { type: 'string' },
      'gas-kwh-per-m3': { type: 'string' },
      'keep-readings-days': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      check: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(BRIDGE_HELP);
    return 0;
  }
  const dir = values['data-dir'] ?? defaultDataDir();
  if (values.check) return checkDatabase(dir);
  const zone = canonicalZone(values.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  if (!zone)
    throw new MeterError(
      'argument',
      `timezone: expected an IANA time zone like Europe/Amsterdam, got "${values.timezone}"`,
    );
  const port = Number(values.port ?? BRIDGE_DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new MeterError('argument', `port: expected a port number, got "${values.port}"`);
  const origins = (values.origin ?? [DEFAULT_ORIGIN])
    .flatMap((o) => o.split(','))
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of origins)
    if (!/^https?:\/\/[^/\s]+$/.test(o))
      throw new MeterError(
        'argument',
        `origin: expected a scheme and host like https://localhost:47613, got "${o}"`,
      );
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key']))
    throw new MeterError('argument', '--tls-cert and --tls-key go together');
  const intervalS = positiveNumber('interval', values.interval, DEFAULT_POLL_MS / 1000);
  // Listening before anything starts: a signal during start-up still means a clean stop.
  const stopped = untilStopped();
  const bridge = await startBridge({
    dataDir: dir,
    serve: {
      bind: values.bind ?? '127.0.0.1',
      port,
      ...(values['tls-cert']
        ? { tls: { certFile: values['tls-cert'], keyFile: values['tls-key'] as string } }
        : {}),
    },
    origins,
    zone,
    pollMs: intervalS * 1000,
    gasKwhPerM3: positiveNumber('gas-kwh-per-m3', values['gas-kwh-per-m3'], 9.769),
    keepReadingsDays:
      values['keep-readings-days'] === undefined
        ? 0
        : positiveNumber('keep-readings-days', values['keep-readings-days'], 0),
    log: out,
  }).catch((e: unknown) => {
    stopped.cancel();
    throw e;
  });
  out(
    `meter-sheets bridge (pid ${process.pid}): serving ${bridge.url} (origins ${origins.join(', ')}); polling ${bridge.devices.length} device(s) every ${bridge.poller.pollMs / 1000} s; meters' clocks read in ${zone}`,
  );
  out(
    `Bridge token: in ${bridge.tokenFile} (readable by you only${bridge.tokenCreated ? ', just created' : ''}); copy it into Excel's Settings, or run meter-sheets homewizard connect`,
  );
  await stopped.done;
  await bridge.stop();
  out('meter-sheets bridge: stopped');
  return 0;
}

/**
 * Resolves on SIGTERM (a service manager), SIGINT (Ctrl-C) or SIGHUP (the terminal closed).
 * Started through npm (`npx meter-sheets bridge`, `npm exec`, `npm run`), the signal goes
 * to npm, whose shell does not pass it on: npm exits and this process would run on alone.
 * So then it also stops when its parent goes away. (Started directly with node, as the
 * README's service does, it does not: `nohup … &` must outlive its shell.)
 */
function untilStopped(): { done: Promise<void>; cancel(): void } {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  let watch: NodeJS.Timeout | undefined;
  let resolve = () => {};
  const done = new Promise<void>((r) => (resolve = r));
  const cancel = () => {
    for (const s of signals) process.removeListener(s, stop);
    clearInterval(watch);
  };
  function stop() {
    cancel();
    resolve();
  }
  for (const s of signals) process.once(s, stop);
  if (process.env.npm_command) {
    const parent = process.ppid;
    watch = setInterval(() => {
      if (process.ppid === parent) return;
      out('meter-sheets bridge: npm, which started it, has gone; stopping');
      stop();
    }, 1000);
  }
  return { done, cancel };
}

function checkDatabase(dir: string): number {
  const file = paths(dir).database;
  if (!existsSync(file)) throw new MeterError('config', `no database at ${file}`);
  const store = new Store(file);
  try {
    const r = store.verify();
    out(`${file}: integrity ${r.integrity}; ${r.readings} readings, ${r.halfHours} half-hours`);
    if (r.integrity !== 'ok' || r.mismatches.length > 0) {
      for (const m of r.mismatches.slice(0, 20))
        out(
          `  ${m.device} ${m.channel} ${new Date(m.start).toISOString()}: stored ${JSON.stringify(m.stored)}, readings say ${JSON.stringify(m.derived)}`,
        );
      return 1;
    }
    out('every half-hour matches its readings');
    return 0;
  } finally {
    store.close();
  }
}

registerCommand({
  name: 'bridge',
  summary:
    'run the HomeWizard bridge: poll paired devices, record half-hours, serve them to Excel and the CLI',
  async run(argv) {
    try {
      return await bridgeCommand(argv);
    } catch (e) {
      return fail(e, 'bridge');
    }
  },
});
