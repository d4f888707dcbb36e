// The bridge's HTTP API, shared by the bridge (which serves it) and the `homewizard`
// provider (which reads it). Every request but /v1/health carries
// `Authorization: Bearer <bridge token>`.
//   GET /v1/health                         {"ok": true}
//   GET /v1/meters                         BridgeMeters
//   GET /v1/usage?meter=ID&from=MS&to=MS   BridgeUsage: half-hours starting in [from, to)
//   GET /v1/now?meter=ID                   BridgeNow
// Errors: HTTP 4xx/5xx with BridgeError.

export const BRIDGE_DEFAULT_PORT = 8765;
export const BRIDGE_DEFAULT_URL = `http://127.0.0.1:${BRIDGE_DEFAULT_PORT}`;

/**
 * The bridge's own token: 32 random bytes, base64url (43 characters), never starting with
 * `-` or `_` (so `--bridge-token <token>` cannot be read as another flag).
 */
export const BRIDGE_TOKEN_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{42}$';

/** The longest range one usage request may ask for; the provider splits longer ones. */
export const BRIDGE_MAX_RANGE_MS = 366 * 86_400_000;

export interface BridgeMeter {
  id: string;
  fuel: 'electricity' | 'gas' | 'heat';
  direction: 'import' | 'export';
  label: string;
  /** First and last local day (in the bridge's zone) with a complete half-hour, yyyy-mm-dd. */
  firstDay: string | null;
  lastDay: string | null;
}

export interface BridgeMeters {
  /** The zone the bridge reads the devices' clocks in. */
  zone: string;
  meters: BridgeMeter[];
}

export interface BridgeUsage {
  meter: string;
  /** Start of the first half-hour, UTC ms. */
  from: number;
  step: 1_800_000;
  /** kWh per half-hour from `from`; null where the bridge has no complete half-hour. */
  kwh: (number | null)[];
}

export interface BridgeNow {
  /** When the reading was taken, UTC ms. */
  time: number;
  demandW: number | null;
  counters: { label: string; value: number; unit: string }[];
  /** Seconds between the reading and the bridge's clock when it answered. */
  ageSeconds?: number;
  /** `ok`, or what is wrong: the device not answering, its clock disagreeing with the bridge's. */
  state?: string;
}

export type BridgeErrorCode =
  | 'unauthorized'
  | 'bad-request'
  | 'not-found'
  | 'device-offline'
  | 'device-unauthorized'
  | 'certificate-changed'
  | 'device-error';

export interface BridgeError {
  error: { code: BridgeErrorCode; message: string };
}
