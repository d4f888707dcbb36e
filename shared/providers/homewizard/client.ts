// The HomeWizard device client, sans-IO: it describes requests and reads answers; a
// driver sends them. API v2 is HTTPS on the device's own self-signed certificate, so the
// driver that runs these flows must pin the certificate seen at pairing (see
// drivers/pinned-https.ts); API v1 is plain HTTP on the home network.
import { MeterError } from '../../errors';
import { type Flow, fetchOne, sleep } from '../../flow';
import type { HttpRequest, HttpResponse } from '../../http';
import type { DeviceInfo, Measurement } from './models';
import { type ReadContext, asObject } from './parse';
import { parseV1Data } from './v1';
import { errorCode, parseDeviceInfo, parseUserToken, parseV2Measurement } from './v2';

/** The user name meter-sheets registers on a device (`local/` is required by the API). */
export const PAIRING_NAME = 'local/meter-sheets';

/** What the driver puts in HttpResponse.error when a pinned certificate no longer matches. */
export const CERTIFICATE_CHANGED = 'certificate-changed';

export interface DeviceAddress {
  /** IP address or name on the home network, optionally with a port: 192.168.1.20, p1.local:443. */
  host: string;
  api: 1 | 2;
  /** The v2 token from pairing (32 hex digits). */
  token?: string;
}

const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(:\d{1,5})?$/;

/**
 * A host as typed by a user, checked so it cannot smuggle a path or credentials into a URL,
 * and written the way a URL's host is (the HTTPS port 443 left out).
 */
export function checkHost(host: string): string {
  const h = host.trim().replace(/:443$/, '');
  if (!HOST.test(h))
    throw new MeterError(
      'argument',
      `host: expected the device's IP address or name on your network, like 192.168.1.20 or p1meter.local, got ${JSON.stringify(host)}`,
    );
  return h;
}

export function pairCommand(host: string): string {
  return `meter-sheets homewizard pair --host ${host}`;
}

function v2Request(
  d: DeviceAddress,
  method: 'GET' | 'POST',
  path: string,
  body?: string,
): HttpRequest {
  const headers: Record<string, string> = { 'X-Api-Version': '2' };
  if (d.token) headers.Authorization = `Bearer ${d.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return {
    method,
    url: `https://${d.host}${path}`,
    headers,
    ...(body === undefined ? {} : { body }),
  };
}

export function measurementRequest(d: DeviceAddress): HttpRequest {
  return d.api === 2
    ? v2Request(d, 'GET', '/api/measurement')
    : { method: 'GET', url: `http://${d.host}/api/v1/data` };
}

export function deviceInfoRequest(d: DeviceAddress): HttpRequest {
  return d.api === 2 ? v2Request(d, 'GET', '/api') : { method: 'GET', url: `http://${d.host}/api` };
}

export function createUserRequest(host: string, name = PAIRING_NAME): HttpRequest {
  return v2Request({ host, api: 2 }, 'POST', '/api/user', JSON.stringify({ name }));
}

/** What went wrong with a device, for the bridge to report without parsing messages. */
export type DeviceProblem =
  | 'offline'
  | 'unauthorized'
  | 'certificate-changed'
  | 'refused'
  /** It answered, but with no register a half-hour can be made from. */
  | 'no-readings';

export type DeviceError = MeterError & { problem: DeviceProblem };

function problem(p: DeviceProblem, e: MeterError): DeviceError {
  return Object.assign(e, { problem: p });
}

export function deviceProblem(e: unknown): DeviceProblem | null {
  const p = (e as { problem?: unknown } | null)?.problem;
  return typeof p === 'string' ? (p as DeviceProblem) : null;
}

/** A clear error for a device's failed answer (null when it succeeded). Bodies are never echoed. */
export function deviceError(r: HttpResponse, d: DeviceAddress, what: string): DeviceError | null {
  if (r.status >= 200 && r.status < 300) return null;
  const where = `the HomeWizard device at ${d.host}`;
  if (r.status === 0) {
    if (r.error?.startsWith(CERTIFICATE_CHANGED))
      return problem(
        'certificate-changed',
        new MeterError(
          'auth',
          `${where} presented a different TLS certificate from the one pinned when it was paired` +
            `${r.error.slice(CERTIFICATE_CHANGED.length)}. If you replaced or reset the device, pair it again: ` +
            `${pairCommand(d.host)}; otherwise another machine on your network is answering in its place.`,
        ),
      );
    return problem(
      'offline',
      new MeterError(
        'unavailable',
        `${where} did not answer ${what} (${r.error ?? 'no answer'}); is it powered and on the network?`,
      ),
    );
  }
  const code = errorCode(r.body);
  if (r.status === 401)
    return problem(
      'unauthorized',
      new MeterError(
        'auth',
        `${where} no longer accepts meter-sheets' token (${code ?? 'HTTP 401'}): it was removed in the app or the device was reset. Pair again: ${pairCommand(d.host)}`,
      ),
    );
  if (r.status === 403 && d.api === 1)
    return problem(
      'refused',
      new MeterError(
        'auth',
        `${where} has its local API switched off: turn on "Local API" for it in the HomeWizard Energy app`,
      ),
    );
  if (r.status === 404 && d.api === 2)
    return problem(
      'refused',
      new MeterError(
        'unsupported',
        `${where} has no API v2 for ${what} (HTTP 404); update its firmware, or pair it as an API v1 device (--api 1)`,
      ),
    );
  return problem(
    r.status >= 500 ? 'offline' : 'refused',
    new MeterError(
      r.status >= 500 ? 'unavailable' : 'provider',
      `${where} refused ${what} (HTTP ${r.status}${code ? `, ${code}` : ''})`,
    ),
  );
}

function parseBody(r: HttpResponse, d: DeviceAddress, what: string): unknown {
  try {
    return JSON.parse(r.body);
  } catch {
    throw new MeterError('provider', `the HomeWizard device at ${d.host} sent unreadable ${what}`);
  }
}

/** Reads a measurement answer (v1 or v2) into the common model. */
export function readMeasurementResponse(
  r: HttpResponse,
  d: DeviceAddress,
  ctx: ReadContext,
): Measurement {
  const e = deviceError(r, d, 'the measurement request');
  if (e) throw e;
  const json = parseBody(r, d, 'measurements');
  // Every field may be absent, but the answer itself is an object: anything else (an
  // array, a bare string from a proxy) is not a measurement and must not pass as one.
  if (asObject(json) === null)
    throw problem(
      'refused',
      new MeterError(
        'provider',
        `the HomeWizard device at ${d.host} answered the measurement request with something that is not a measurement`,
      ),
    );
  return d.api === 2 ? parseV2Measurement(json, ctx) : parseV1Data(json, ctx);
}

/** The latest measurement. `zone` is the zone of the meter's clock. */
export function* readMeasurement(
  d: DeviceAddress,
  zone: string,
  clock: () => number,
): Flow<Measurement> {
  const r = yield* fetchOne(measurementRequest(d));
  return readMeasurementResponse(r, d, { zone, receivedAt: clock() });
}

export function* readDeviceInfo(d: DeviceAddress): Flow<DeviceInfo> {
  const r = yield* fetchOne(deviceInfoRequest(d));
  const e = deviceError(r, d, 'the device information request');
  if (e) throw e;
  return parseDeviceInfo(parseBody(r, d, 'device information'));
}

export type PairAttempt = { kind: 'token'; token: string } | { kind: 'press-button' };

/** One `POST /api/user` answer: a token, or "press the button first". */
export function readCreateUser(r: HttpResponse, host: string): PairAttempt {
  const d: DeviceAddress = { host, api: 2 };
  if (r.status === 200) {
    const token = parseUserToken(parseBody(r, d, 'the pairing answer'));
    if (!token)
      throw new MeterError(
        'provider',
        `the HomeWizard device at ${host} answered the pairing request without a token`,
      );
    return { kind: 'token', token };
  }
  // 403 user:creation-not-enabled: the button has not been pressed (in the last 30 s).
  if (r.status === 403) return { kind: 'press-button' };
  throw (
    deviceError(r, d, 'the pairing request') ??
    new MeterError(
      'provider',
      `the HomeWizard device at ${host} answered pairing with HTTP ${r.status}`,
    )
  );
}

export interface PairOptions {
  name?: string;
  clock(): number;
  /** Give up after this long without a button press. */
  timeoutMs: number;
  /** Pause between attempts (the device allows 30 s after the press). */
  retryMs: number;
  /** Called once, when the device first asks for the button. */
  onPressButton?(): void;
}

/**
 * Pairs with a v2 device: asks for a token until the user presses the device's button
 * (the device answers 403 `user:creation-not-enabled` until then, and hands out a token
 * for 30 s after the press), then returns the token.
 */
export function* pair(host: string, o: PairOptions): Flow<string> {
  const deadline = o.clock() + o.timeoutMs;
  let asked = false;
  for (;;) {
    const r = yield* fetchOne(createUserRequest(host, o.name));
    const attempt = readCreateUser(r, host);
    if (attempt.kind === 'token') return attempt.token;
    if (!asked) o.onPressButton?.();
    asked = true;
    if (o.clock() + o.retryMs > deadline)
      throw new MeterError(
        'unavailable',
        `the button on the HomeWizard device at ${host} was not pressed within ${Math.round(o.timeoutMs / 1000)} s; run the command again and press it when asked`,
      );
    yield* sleep(o.retryMs);
  }
}
