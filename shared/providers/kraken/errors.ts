// Kraken answers HTTP 200 even when a query fails: the failure is in `errors[]`, with a code
// in `extensions.errorCode` (KT-<country>-<number>). This module turns those codes into
// errors a user can act on. Server messages are never echoed verbatim: Kraken puts user
// input (API keys, tokens) into validation errors, so only the code and a short, scrubbed
// summary reach a cell.
import { type ErrorKind, MeterError } from '../../errors';

/** A Kraken error with its code, so callers can react to one (e.g. the telemetry budget). */
export class KrakenError extends MeterError {
  readonly code: string;
  constructor(kind: ErrorKind, code: string, message: string) {
    super(kind, message);
    this.code = code;
  }
}

export interface GraphqlErrorEntry {
  message?: unknown;
  path?: unknown;
  extensions?: { errorCode?: unknown; errorType?: unknown; errorDescription?: unknown };
}

/** The token has expired: get a new one and send the request again (once). */
export const EXPIRED_TOKEN_CODES = ['KT-CT-1120', 'KT-CT-1124'];
/** The refresh token is expired or unknown: fall back to the original credentials. */
export const BAD_REFRESH_TOKEN_CODES = ['KT-CT-1134', 'KT-CT-1135'];
/** Kraken's own rate limit (any query) and the Home Mini telemetry budget. */
export const TOO_MANY_REQUESTS = 'KT-CT-1199';
export const TELEMETRY_BUDGET = 'KT-GB-4042';

export function errorCodeOf(e: GraphqlErrorEntry): string {
  const code = e?.extensions?.errorCode;
  return typeof code === 'string' ? code : '';
}

/** Anything that looks like a credential or token is cut out of a server message. */
export function scrub(text: unknown, max = 120): string {
  if (typeof text !== 'string') return '';
  const cleaned = text
    .replace(/[A-Za-z0-9_\-+/=.]{20,}/g, '…')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > max ? cleaned.slice(0, max - 1) + '…' : cleaned;
}

const KNOWN: Record<string, { kind: ErrorKind; text: string }> = {
  'KT-CT-1111': {
    kind: 'auth',
    text: 'refused access (Unauthorized); check that the account number belongs to these credentials',
  },
  'KT-CT-1112': { kind: 'auth', text: 'received no token (Authorization header not provided)' },
  'KT-CT-1113': {
    kind: 'unsupported',
    text: 'has disabled a field this add-on needs on this instance',
  },
  'KT-CT-1128': {
    kind: 'auth',
    text: 'does not let these credentials read this (Unauthorized); check their permissions',
  },
  'KT-CT-1134': { kind: 'auth', text: 'says the refresh token has expired; sign in again' },
  'KT-CT-1135': { kind: 'auth', text: 'did not recognise the refresh token; sign in again' },
  'KT-CT-1138': {
    kind: 'auth',
    text: 'refused the email and password; check them in Settings',
  },
  'KT-CT-1139': {
    kind: 'auth',
    text: 'refused the credentials (Authentication failed); check the API key or secret key in Settings',
  },
  'KT-CT-1120': { kind: 'auth', text: 'says the token has expired' },
  'KT-CT-1124': { kind: 'auth', text: 'says the token has expired' },
  'KT-CT-1199': {
    kind: 'rate-limit',
    text: 'is rate-limiting requests (Too many requests); try again later',
  },
  'KT-CT-7899': { kind: 'unavailable', text: 'had an internal error; try again later' },
  'KT-GB-4039': {
    kind: 'unavailable',
    text: 'could not read the smart meter telemetry; try again later',
  },
  'KT-GB-4042': {
    kind: 'rate-limit',
    text: 'has used up the live-reading budget of this Home Mini (about 100 readings an hour, shared with the Octopus app); try again in a few minutes',
  },
  'KT-GB-4043': {
    kind: 'unavailable',
    text: 'had a network error reading the Home Mini; try again',
  },
  'KT-GB-4050': { kind: 'not-found', text: 'has no smart meter with this device id' },
  'KT-GB-4056': {
    kind: 'not-found',
    text: 'has no Home Mini (HAN) record for this meter, so there are no live readings',
  },
};

/** The error to show for one `errors[]` entry, `what` saying what we were fetching. */
export function krakenError(entry: GraphqlErrorEntry, what: string): KrakenError {
  const code = errorCodeOf(entry);
  const known = KNOWN[code];
  if (known) return new KrakenError(known.kind, code, `Kraken ${known.text} (${code}, ${what})`);
  const summary = scrub(entry?.message) || 'an error';
  return new KrakenError(
    'provider',
    code,
    `Kraken answered ${what} with ${code ? `error ${code}: ` : ''}${summary}`,
  );
}

/** Picks the error that explains most: expired and auth problems first, then the rest. */
export function mainError(entries: GraphqlErrorEntry[]): GraphqlErrorEntry {
  const rank = (e: GraphqlErrorEntry): number => {
    const code = errorCodeOf(e);
    if (EXPIRED_TOKEN_CODES.includes(code)) return 0;
    const kind = KNOWN[code]?.kind;
    if (kind === 'auth') return 1;
    if (kind === 'rate-limit') return 2;
    return code ? 3 : 4;
  };
  return entries.slice().sort((a, b) => rank(a) - rank(b))[0];
}
