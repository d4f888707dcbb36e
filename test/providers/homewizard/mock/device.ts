// A HomeWizard device on 127.0.0.1, built from the API documentation (https://api-documentation.homewizard.com/docs/v2/ and
// HomeWizard's public v1/v2 docs): a P1 meter (HWE-P1) with gas and water meters, or a
// plug-in battery (HWE-BAT). API v2 over HTTPS (`/api`, `/api/measurement`, `POST
// /api/user` with the button and its 30-second window; 401 `user:unauthorized`,
// 403 `user:creation-not-enabled`), API v1 over HTTP (`/api`, `/api/v1/data`).
//
// Its registers advance with a clock the test controls, by integrating a deterministic
// household: the load changes once a minute (at :15 past the minute, so never exactly on
// a half-hour), solar export at midday, tariff 1 at night and at weekends (switching at
// 07:00 and 23:00 local time), gas in 5-minute steps (DSMR 5; hourly for DSMR 4).
// `consumed(from, to)` integrates the same household afresh: the truth a bridge must
// reproduce. It can be pressed (button), unplugged (offline), reset or swapped.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { formatWallTime } from '../../../../shared/providers/homewizard/timestamp';
import { offsetAt } from '../../../../shared/time/zone';
import { makeTestCa } from '../../../helpers/certificates';
import { type MockHandler, type MockRequest, json } from '../../../mocks/mock-http';

const MINUTE = 60_000;
const HALF_HOUR = 1_800_000;
const DAY = 86_400_000;
const W_MS_PER_KWH = 3.6e9;

export interface HomeWizardMockOptions {
  product?: 'HWE-P1' | 'HWE-BAT';
  /** 12 hex digits (the device's MAC address). */
  serial?: string;
  /** The zone of the meter's clock: its timestamps are wall time there. */
  zone?: string;
  /** The test's clock (simulated time). Default: the real clock. */
  clock?: () => number;
  /** Register resolution: 0.001 (kWh and m³) like DSMR; 0 reports the exact values. */
  resolution?: number;
  /** 50 = DSMR 5 (gas every 5 minutes), 42 = DSMR 4 (gas every hour). */
  protocolVersion?: number;
  /** Tokens already paired. */
  tokens?: string[];
  /** Send the all-tariff totals (energy_import_kwh); some meters send only t1 and t2. */
  totals?: boolean;
  /** Also report an external meter of a type this client does not know. */
  unknownExternal?: boolean;
  /** API v1 switched on in the app. */
  v1Enabled?: boolean;
  /**
   * How far past each 5-minute (DSMR 4: hourly) mark the external meters take their reading:
   * real gas meters' timestamps are often not on the mark (e.g. 14:02:17). Default 0.
   */
  externalOffsetMs?: number;
  /**
   * API v1 answers as a meter with little to say does (shaped like Home Assistant's
   * data_minimal.json fixture): only tariff 1 and 2 registers, no all-tariff totals, no
   * `unique_id`, `null` for the data points it lacks, gas `null`, no `external` list.
   */
  v1Minimal?: boolean;
}

interface Registers {
  t: number;
  imp: number[]; // index 1..4 = tariff
  exp: number[];
  gas: number;
  water: number;
}

/** Deterministic noise in [0, 1). */
function noise(n: number, salt: number): number {
  const x = Math.sin(n * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

export function createMock(options: HomeWizardMockOptions = {}) {
  const product = options.product ?? 'HWE-P1';
  const serial = options.serial ?? (product === 'HWE-P1' ? '5c2fafaabbcc' : '5c2fafbbccdd');
  const zone = options.zone ?? 'Europe/Amsterdam';
  const clock = options.clock ?? Date.now;
  const resolution = options.resolution ?? 0.001;
  const protocolVersion = options.protocolVersion ?? 50;
  const gasPeriod = protocolVersion >= 50 ? 5 * MINUTE : 60 * MINUTE;
  const markOffset = (((options.externalOffsetMs ?? 0) % gasPeriod) + gasPeriod) % gasPeriod;
  const tokens = new Set(options.tokens ?? []);
  const users = new Map<string, string>();
  const state = {
    offline: false,
    /** No telegrams from the smart meter (P1 cable out): measurements carry no register. */
    noTelegrams: false,
    buttonPressedAt: null as number | null,
    v1Enabled: options.v1Enabled ?? true,
    meterId: '4E6576657220476F6E6E61204C657420596F7520446F776E',
    gasId: '4E6576657220676F6E6E612072756E2061726F756E64',
    requests: 0,
  };

  const localHour = (t: number) => {
    const wall = t + offsetAt(zone, t);
    return { hour: (((wall % DAY) + DAY) % DAY) / 3_600_000, day: Math.floor(wall / DAY) };
  };

  /** Net power in W over the minute segment containing t (negative: exporting). */
  function powerW(t: number): number {
    const k = Math.floor((t - 15_000) / MINUTE);
    const { hour, day } = localHour(k * MINUTE + 15_000);
    if (product === 'HWE-BAT') {
      // Charges from midday solar, discharges in the evening (import = charging).
      if (hour >= 10 && hour < 15) return 600 + 300 * noise(k, 5);
      if (hour >= 18 && hour < 23) return -(450 + 250 * noise(k, 6));
      return 0;
    }
    const peaks =
      350 * Math.exp(-((hour - 7.5) ** 2)) + 700 * Math.exp(-(((hour - 19) / 1.5) ** 2));
    const kettle = noise(k, 1) > 0.94 ? 2200 : 0;
    const load = 160 + peaks + kettle + 120 * noise(k, 2);
    const sun = hour > 7 && hour < 19 ? Math.sin((Math.PI * (hour - 7)) / 12) : 0;
    const cloud = 0.4 + 0.6 * noise(Math.floor(k / 20) + day * 97, 3);
    return load - 2800 * sun * cloud;
  }

  /** Tariff 1 (low) at night and at weekends, 2 (normal) on weekdays 07:00–23:00. */
  function tariffAt(t: number): number {
    const { hour, day } = localHour(t);
    const weekday = (((day + 3) % 7) + 7) % 7 < 5; // 1970-01-01 was a Thursday
    return weekday && hour >= 7 && hour < 23 ? 2 : 1;
  }

  /** Gas flow in m³/h over the 5-minute step containing t: heating mornings and evenings. */
  function gasRate(t: number): number {
    const b = Math.floor(t / (5 * MINUTE));
    const { hour } = localHour(b * 5 * MINUTE);
    const heating = (hour >= 6 && hour < 9) || (hour >= 17 && hour < 22) ? 0.9 : 0.15;
    return heating * (0.5 + noise(b, 4));
  }

  /** Integrates the household over [r.t, to) into r (piecewise constant, exactly). */
  function integrate(r: Registers, to: number, onMark?: (r: Registers) => void) {
    while (r.t < to) {
      const t = r.t;
      const nextMinute = Math.floor((t - 15_000) / MINUTE) * MINUTE + 15_000 + MINUTE;
      const nextHalfHour = Math.floor(t / HALF_HOUR) * HALF_HOUR + HALF_HOUR;
      const nextGasStep = Math.floor(t / (5 * MINUTE)) * 5 * MINUTE + 5 * MINUTE;
      const nextMark =
        Math.floor((t - markOffset) / gasPeriod) * gasPeriod + markOffset + gasPeriod;
      const end = Math.min(to, nextMinute, nextHalfHour, nextGasStep, nextMark);
      const p = powerW(t);
      const tariff = product === 'HWE-P1' ? tariffAt(t) : 1;
      if (p > 0) r.imp[tariff] += (p * (end - t)) / W_MS_PER_KWH;
      else r.exp[tariff] += (-p * (end - t)) / W_MS_PER_KWH;
      if (product === 'HWE-P1') {
        r.gas += (gasRate(t) * (end - t)) / 3_600_000;
        r.water += (0.01 * noise(Math.floor(t / HALF_HOUR), 7) * (end - t)) / 60_000;
      }
      r.t = end;
      if ((end - markOffset) % gasPeriod === 0) onMark?.(r);
    }
  }

  const start = clock();
  const registers: Registers = {
    t: start,
    imp: [0, 10830.511, 2948.827, 0, 0],
    exp: [0, 1285.951, 2876.51, 0, 0],
    gas: 2569.646,
    water: 123.456,
  };
  if (product === 'HWE-BAT') {
    registers.imp = [0, 123.456, 0, 0, 0];
    registers.exp = [0, 110.001, 0, 0, 0];
  }
  // External meters report their value as of their last period mark, with that mark's time.
  let mark = {
    t: Math.floor((start - markOffset) / gasPeriod) * gasPeriod + markOffset,
    gas: registers.gas,
    water: registers.water,
  };

  function advance(to: number): Registers {
    if (to < registers.t) throw new Error('the mock device cannot go back in time');
    integrate(registers, to, (r) => (mark = { t: r.t, gas: r.gas, water: r.water }));
    return registers;
  }

  const round = (v: number) =>
    resolution > 0 ? Number((Math.round(v / resolution) * resolution).toFixed(6)) : v;
  const wall = (t: number) => formatWallTime(t + offsetAt(zone, t));
  const v1Time = (t: number) => Number(wall(t).replace(/[-T:]/g, '').slice(2));

  function snapshot() {
    const now = clock();
    // A P1 meter answers with the telegram of the current second; a battery with now.
    const at = product === 'HWE-P1' ? Math.floor(now / 1000) * 1000 : now;
    const r = advance(Math.max(at, registers.t));
    return { at, r, power: Math.round(powerW(at)) };
  }

  function v2Measurement(): Record<string, unknown> {
    const { at, r, power } = snapshot();
    const imp = r.imp.slice(1).reduce((a, b) => a + b, 0);
    const exp = r.exp.slice(1).reduce((a, b) => a + b, 0);
    if (product === 'HWE-BAT')
      return {
        energy_import_kwh: round(imp),
        energy_export_kwh: round(exp),
        power_w: power,
        voltage_l1_v: 230.1,
        current_a: Math.abs(power) / 230,
        frequency_hz: 50,
        state_of_charge_pct: Math.max(
          0,
          Math.min(100, Math.round(50 + ((imp - 123.456) * 0.95 - (exp - 110.001)) * 37)),
        ),
        cycles: Math.floor(exp / 2.7),
      };
    const out: Record<string, unknown> = {
      protocol_version: protocolVersion,
      meter_model: 'ISKRA 2M550T-101',
      unique_id: state.meterId,
      timestamp: wall(at),
      tariff: tariffAt(at),
    };
    if (options.totals !== false) out.energy_import_kwh = round(imp);
    out.energy_import_t1_kwh = round(r.imp[1]);
    out.energy_import_t2_kwh = round(r.imp[2]);
    if (options.totals !== false) out.energy_export_kwh = round(exp);
    out.energy_export_t1_kwh = round(r.exp[1]);
    out.energy_export_t2_kwh = round(r.exp[2]);
    Object.assign(out, {
      power_w: power,
      power_l1_w: power,
      voltage_l1_v: 231.2,
      current_a: Math.abs(power) / 231.2,
      current_l1_a: power / 231.2,
      frequency_hz: 50,
      voltage_sag_l1_count: 1,
      voltage_swell_l1_count: 0,
      any_power_fail_count: 4,
      long_power_fail_count: 5,
      average_power_15m_w: Math.max(0, power),
      monthly_power_peak_w: 1111,
      monthly_power_peak_timestamp: '2024-06-04T10:11:22',
      external: externals(),
    });
    return out;
  }

  function externals(time: (t: number) => unknown = wall): Record<string, unknown>[] {
    const list: Record<string, unknown>[] = [
      {
        unique_id: state.gasId,
        type: 'gas_meter',
        timestamp: time(mark.t),
        value: round(mark.gas),
        unit: 'm3',
      },
      {
        unique_id: '616E642064657365727420796F75',
        type: 'water_meter',
        timestamp: time(mark.t),
        value: round(mark.water),
        unit: 'm3',
      },
    ];
    if (options.unknownExternal)
      list.push({
        unique_id: '4E455720545950',
        type: 'cooling_meter',
        timestamp: time(mark.t),
        value: 42.5,
        unit: 'GJ',
      });
    return list;
  }

  function v1Data(): Record<string, unknown> {
    const { r, power } = snapshot();
    if (options.v1Minimal)
      return {
        smr_version: null,
        meter_model: null,
        wifi_ssid: 'My Wi-Fi',
        wifi_strength: 100,
        total_power_import_t1_kwh: round(r.imp[1]),
        total_power_import_t2_kwh: round(r.imp[2]),
        total_power_export_t1_kwh: round(r.exp[1]),
        total_power_export_t2_kwh: round(r.exp[2]),
        active_power_w: power,
        active_power_l1_w: power,
        active_power_l2_w: null,
        active_power_l3_w: null,
        total_gas_m3: null,
        gas_timestamp: null,
      };
    return {
      wifi_ssid: 'My Wi-Fi',
      wifi_strength: 100,
      smr_version: protocolVersion,
      meter_model: 'ISKRA 2M550T-101',
      unique_id: state.meterId,
      active_tariff: tariffAt(r.t),
      total_power_import_kwh: round(r.imp.slice(1).reduce((a, b) => a + b, 0)),
      total_power_import_t1_kwh: round(r.imp[1]),
      total_power_import_t2_kwh: round(r.imp[2]),
      total_power_export_kwh: round(r.exp.slice(1).reduce((a, b) => a + b, 0)),
      total_power_export_t1_kwh: round(r.exp[1]),
      total_power_export_t2_kwh: round(r.exp[2]),
      active_power_w: power,
      active_power_l1_w: power,
      active_voltage_l1_v: 231.2,
      active_current_l1_a: power / 231.2,
      active_frequency_hz: 50,
      voltage_sag_l1_count: 1,
      any_power_fail_count: 4,
      long_power_fail_count: 5,
      active_power_average_w: Math.max(0, power),
      montly_power_peak_w: 1111,
      montly_power_peak_timestamp: 240604101122,
      total_gas_m3: round(mark.gas),
      gas_timestamp: v1Time(mark.t),
      gas_unique_id: state.gasId,
      external: externals(v1Time),
    };
  }

  const info = (apiVersion: string) => ({
    product_name: product === 'HWE-P1' ? 'P1 Meter' : 'Plug-In Battery',
    product_type: product,
    serial,
    firmware_version: apiVersion === 'v1' ? '5.18' : '6.00',
    api_version: apiVersion,
  });

  const authorized = (req: MockRequest) => {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    return m !== null && tokens.has(m[1]);
  };

  function createUser(req: MockRequest) {
    let body: { name?: unknown };
    try {
      body = JSON.parse(req.body) as { name?: unknown };
    } catch {
      return json(400, { error: 'request:invalid-json' });
    }
    if (typeof body?.name !== 'string') return json(400, { error: 'json:parameter-missing:name' });
    if (!body.name.startsWith('local/')) return json(400, { error: 'user:invalid-prefix' });
    if (!/^local\/[a-zA-Z0-9\-_/\\# ]{1,40}$/.test(body.name))
      return json(400, { error: 'user:name-invalid' });
    const pressed = state.buttonPressedAt;
    if (pressed === null || clock() - pressed > 30_000)
      return json(403, { error: 'user:creation-not-enabled' });
    const old = users.get(body.name);
    if (old) tokens.delete(old);
    const token = randomBytes(16).toString('hex').toUpperCase();
    tokens.add(token);
    users.set(body.name, token);
    return json(200, { name: body.name, token });
  }

  /** API v2, as served over HTTPS. */
  const handler: MockHandler = (req) => {
    state.requests++;
    if (state.offline) return { status: 0, headers: {}, body: '', error: 'EHOSTUNREACH' };
    const version = req.headers['x-api-version'];
    if (version !== undefined && version !== '2')
      return json(400, { error: 'request:api-version-not-supported' });
    const path = req.path.split('?')[0];
    if (req.method === 'POST' && path === '/api/user') return createUser(req);
    if (req.method === 'GET' && (path === '/api' || path === '/api/measurement')) {
      if (!authorized(req)) return json(401, { error: 'user:unauthorized' });
      if (path === '/api') return json(200, info('2.0.0'));
      return json(200, state.noTelegrams ? {} : v2Measurement());
    }
    return json(404, { error: 'request:not-found' });
  };

  /** API v1, as served over plain HTTP. */
  const v1Handler: MockHandler = (req) => {
    state.requests++;
    if (state.offline) return { status: 0, headers: {}, body: '', error: 'EHOSTUNREACH' };
    const path = req.path.split('?')[0];
    if (req.method === 'GET' && path === '/api') return json(200, info('v1'));
    if (req.method === 'GET' && path === '/api/v1/data') {
      if (!state.v1Enabled)
        return json(403, { error: { id: 202, description: 'API not enabled' } });
      return json(200, v1Data());
    }
    return json(404, { error: { id: 404, description: 'Not found' } });
  };

  return {
    handler,
    v1Handler,
    basePath: '',
    notes:
      'A HomeWizard device: API v2 on the HTTPS address, v1 on the HTTP one. Type b + Enter to press its button, o to toggle offline, r to reset its registers.',
    serial,
    product,
    zone,
    state,
    tokens,
    /** The button: for 30 s after it, POST /api/user hands out a token. */
    pressButton() {
      state.buttonPressedAt = clock();
    },
    setOffline(offline: boolean) {
      state.offline = offline;
    },
    /** Forgets every token (the user removed the app's access, or the device was reset). */
    revokeTokens() {
      tokens.clear();
      users.clear();
    },
    /**
     * The registers start again from `to` (a reset); with `newMeter`, a different smart
     * meter is now connected (a swap: new unique_id and gas meter id).
     */
    resetRegisters(o: { to?: number; newMeter?: boolean } = {}) {
      advance(Math.max(clock(), registers.t));
      registers.imp = [0, o.to ?? 0, 0, 0, 0];
      registers.exp = [0, 0, 0, 0, 0];
      registers.gas = o.to ?? 0;
      if (o.newMeter) {
        state.meterId = '53574150504544204D45544552';
        state.gasId = '53574150504544204741530A';
      }
    },
    /**
     * What the household really used over [from, to): import and export per tariff
     * (index 1–4) and in total (kWh), gas (m³). Integrated afresh, not from the registers.
     */
    consumed(from: number, to: number) {
      const r: Registers = {
        t: from,
        imp: [0, 0, 0, 0, 0],
        exp: [0, 0, 0, 0, 0],
        gas: 0,
        water: 0,
      };
      integrate(r, to);
      return {
        importKwh: r.imp.reduce((a, b) => a + b, 0),
        exportKwh: r.exp.reduce((a, b) => a + b, 0),
        importTariffKwh: r.imp,
        exportTariffKwh: r.exp,
        gasM3: r.gas,
      };
    },
  };
}

export type HomeWizardMock = ReturnType<typeof createMock>;

export interface ServedDevice {
  /** host:port, as a user would type it for pairing. */
  host: string;
  port: number;
  /** Presents another certificate from now on (a replaced or reset device). */
  setCertificate(c: { key: string; cert: string }): void;
  /** Drops open connections (a device reboot), so clients reconnect. */
  dropConnections(): void;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Serves a handler on 127.0.0.1 over HTTPS (with `tls`) or HTTP. No answer = a dropped connection. */
export async function serveDevice(
  handler: MockHandler,
  o: { tls?: { key: string; cert: string }; port?: number } = {},
): Promise<ServedDevice> {
  const listener: http.RequestListener = async (req, res) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const path = req.url ?? '/';
    const out = await handler({
      method: req.method ?? 'GET',
      path,
      query: {},
      headers,
      body: await readBody(req),
    });
    if (out.status === 0) {
      req.socket.destroy();
      return;
    }
    res.writeHead(out.status, out.headers);
    res.end(out.body);
  };
  const server = o.tls
    ? https.createServer({ key: o.tls.key, cert: o.tls.cert }, listener)
    : http.createServer(listener);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    port,
    setCertificate(c) {
      (server as https.Server).setSecureContext({ key: c.key, cert: c.cert });
      server.closeAllConnections();
    },
    dropConnections: () => server.closeAllConnections(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `npm run mock -- homewizard-device`: a P1 meter on HTTPS (v2) and HTTP (v1), driven from stdin. */
export async function serve(mock: HomeWizardMock, o: { port?: number } = {}): Promise<void> {
  const ca = makeTestCa();
  const v2 = await serveDevice(mock.handler, {
    tls: ca.issue(`appliance/p1dongle/${mock.serial}`),
    port: o.port,
  });
  const v1 = await serveDevice(mock.v1Handler);
  console.log(
    `HomeWizard ${mock.product} ${mock.serial}: API v2 at https://${v2.host}, API v1 at http://${v1.host}`,
  );
  console.log(`pair with: npx meter-sheets homewizard pair --host ${v2.host}`);
  console.log(mock.notes);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (line: string) => {
    const c = line.trim();
    if (c === 'b' || c === '') {
      mock.pressButton();
      console.log('button pressed: pairing is open for 30 s');
    } else if (c === 'o') {
      mock.setOffline(!mock.state.offline);
      console.log(mock.state.offline ? 'offline' : 'online');
    } else if (c === 'r') {
      mock.resetRegisters();
      console.log('registers reset');
    }
  });
}
