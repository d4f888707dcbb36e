// Kraken answers HTTP 200 even when a query fails: the failure is in `errors[]`, with a code
// in `extensions.errorCode` (KT-<country>-<number>). This module turns those codes into
// errors a user can act on. Server messages are never echoed verbatim: Kraken puts user
// input (API keys, tokens) into validation errors, so only the code and a short, scrubbed
// summary reach a cell.
import { type ErrorKind, MeterError } from '../../errors';

/** A Kraken error with its code, so callers can react to one (e.g. the telemetry budget). */
export class KrakenError extends MeterError {
  readonly code: string;
  /**
   * What a validation error says this Kraken's schema lacks: a field (of a type) or a type.
   * Instances differ (older releases, other suppliers' Krakens lag Octopus's): a caller
   * that asked for something optional can ask again without it.
   */
  readonly missing?: SchemaGap;
  constructor(kind: ErrorKind, code: string, message: string, missing?: SchemaGap) {
    super(kind, message);
    this.code = code;
    if (missing) this.missing = missing;
  }
}

export type SchemaGap = { field: string; type: string } | { type: string; field?: undefined };

/** The gap a GraphQL validation message names (graphql-core and graphql-js word it alike). */
export function schemaGapOf(message: unknown): SchemaGap | null {
  if (typeof message !== 'string') return null;
  const field = /^Cannot query field ["'](\w+)["'] on type ["'](\w+)["']/.exec(message);
  if (field) return { field: field[1], type: field[2] };
  const type = /^Unknown type ["'](\w+)["']/.exec(message);
  if (type) return { type: type[1] };
  return null;
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

/** A GraphQL type or field name (ElectricityMeterPointType): long, but never a secret. */
const SCHEMA_NAME = /^[A-Z]?[a-z]+(?:[A-Z][a-z]+)+$/;

/**
 * Anything that looks like a credential or token is cut out of a server message. A long
 * message is shortened at a sentence end, else at a word, never inside a word.
 */
export function scrub(text: unknown, max = 160): string {
  if (typeof text !== 'string') return '';
  const cleaned = text
    .replace(/[A-Za-z0-9_\-+/=.]{20,}/g, (w) => (SCHEMA_NAME.test(w) ? w : '…'))
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= max) return cleaned;
  const head = cleaned.slice(0, max);
  const sentence = head.lastIndexOf('. ');
  if (sentence > max / 3) return head.slice(0, sentence + 1);
  const word = head.lastIndexOf(' ');
  return (word > 0 ? head.slice(0, word) : head).replace(/[,;:]$/, '') + ' …';
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
  const gap = code ? null : schemaGapOf(entry?.message);
  if (gap) {
    const where = gap.field
      ? `the field "${gap.field}" on type "${gap.type}"`
      : `the type "${gap.type}"`;
    return new KrakenError(
      'unsupported',
      code,
      `Kraken does not know ${where} (its schema is older or different from the one this add-on was written for), asked for ${what}`,
      gap,
    );
  }
  const summary = scrub(entry?.message) || 'an error';
  return new KrakenError(
    'provider',
    code,
    `Kraken answered ${what} with ${code ? `error ${code}: ` : 'an error: '}${summary}`,
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
