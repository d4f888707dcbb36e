// Kraken tokens. `obtainKrakenToken` signs in with an API key, an organisation secret key
// or email and password, and (with `refreshToken` as its only input) renews a token; OAuth
// applications use the auth server's /token/ endpoint instead. A token lasts 60 minutes:
// it is kept in the host's per-user cache under a fingerprint of the credentials (never
// the credentials) until two minutes before it expires, and the refresh token, which lasts
// days, is kept beside it so that renewing does not resend a password or key.
import { MeterError } from '../../errors';
import { type Flow, cacheGet, cachePut, cacheRemove } from '../../flow';
import { base64Decode, queryString } from '../../http';
import {
  type RetryPolicy,
  type Token,
  cachedToken,
  fetchWithRetry,
  renewedToken,
  responseError,
  tokenKey,
} from '../common';
import type { KrakenCredentials, KrakenSettings } from './config';
import { BAD_REFRESH_TOKEN_CODES, KrakenError } from './errors';
import { classify, graphqlRequest, type GraphqlOperation } from './wire';

const TOKEN_LIFETIME_MS = 60 * 60_000;
/** Apps Script's cache keeps nothing longer than six hours. */
const MAX_CACHE_SECONDS = 6 * 3600;

const OBTAIN_TOKEN = `mutation obtainKrakenToken($input: ObtainJSONWebTokenInput!) {
  obtainKrakenToken(input: $input) {
    token
    payload
    refreshToken
    refreshExpiresIn
  }
}`;

interface IssuedToken {
  token: string;
  expiresAt: number;
  refreshToken?: string;
  refreshExpiresAt?: number;
}

function credentialInput(c: KrakenCredentials): Record<string, string> {
  switch (c.kind) {
    case 'api-key':
      return { APIKey: c.apiKey };
    case 'organization':
      return { organizationSecretKey: c.organizationSecretKey };
    case 'password':
      return { email: c.email, password: c.password };
    case 'oauth':
      throw new Error('OAuth clients sign in at the auth server');
  }
}

/** `exp` (seconds) from the mutation's payload, else from the JWT itself. */
function expiryOf(token: string, payload: unknown): number | null {
  const fromPayload = (payload as { exp?: unknown } | null)?.exp;
  if (typeof fromPayload === 'number') return fromPayload * 1000;
  try {
    const claims = JSON.parse(base64Decode(token.split('.')[1] ?? '')) as { exp?: unknown };
    if (typeof claims.exp === 'number') return claims.exp * 1000;
  } catch {
    // not a JWT: fall back to the documented lifetime
  }
  return null;
}

function* obtainKrakenToken(
  s: KrakenSettings,
  input: Record<string, string>,
  clock: () => number,
  what: string,
  retry: RetryPolicy,
): Flow<IssuedToken> {
  const op: GraphqlOperation = {
    operationName: 'obtainKrakenToken',
    query: OBTAIN_TOKEN,
    variables: { input },
    what,
    // A mutation, but sending it twice only issues a second token: safe to retry.
    idempotent: true,
  };
  const [response] = yield* fetchWithRetry([graphqlRequest(s.graphqlUrl, op)], retry);
  const outcome = classify(response, what);
  if (outcome.kind !== 'data') throw outcome.error;
  const t = outcome.data.obtainKrakenToken as {
    token?: unknown;
    payload?: unknown;
    refreshToken?: unknown;
    refreshExpiresIn?: unknown;
  } | null;
  if (!t || typeof t.token !== 'string' || !t.token)
    throw new MeterError('provider', `Kraken answered ${what} without a token`);
  const issued: IssuedToken = {
    token: t.token,
    expiresAt: expiryOf(t.token, t.payload) ?? clock() + TOKEN_LIFETIME_MS,
  };
  if (typeof t.refreshToken === 'string' && typeof t.refreshExpiresIn === 'number') {
    issued.refreshToken = t.refreshToken;
    // Documented as a Unix timestamp despite its name; accept a duration too.
    issued.refreshExpiresAt =
      t.refreshExpiresIn > 1e9 ? t.refreshExpiresIn * 1000 : clock() + t.refreshExpiresIn * 1000;
  }
  return issued;
}

/** OAuth 2 client credentials at the auth server (form-encoded, as RFC 6749 has it). */
function* oauthToken(
  s: KrakenSettings,
  c: { clientId: string; clientSecret: string },
  clock: () => number,
  retry: RetryPolicy,
): Flow<IssuedToken> {
  const [response] = yield* fetchWithRetry(
    [
      {
        method: 'POST',
        url: s.authUrl,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: queryString({
          grant_type: 'client_credentials',
          client_id: c.clientId,
          client_secret: c.clientSecret,
        }),
        idempotent: true, // client credentials: a second token spoils nothing
      },
    ],
    retry,
  );
  if (response.status === 400 || response.status === 401) {
    let reason = '';
    try {
      const e = (JSON.parse(response.body) as { error?: unknown }).error;
      if (typeof e === 'string' && /^[a-z_]{1,40}$/.test(e)) reason = ` (${e})`;
    } catch {
      // no JSON: the status says enough
    }
    throw new MeterError(
      'auth',
      `Kraken's auth server refused the OAuth client id and secret${reason}; check them in Settings`,
    );
  }
  const failed = responseError(response, "Kraken's auth server", 'a token');
  if (failed) throw failed;
  let body: { access_token?: unknown; expires_in?: unknown } = {};
  try {
    body = JSON.parse(response.body);
  } catch {
    body = {};
  }
  if (typeof body.access_token !== 'string' || !body.access_token)
    throw new MeterError('provider', "Kraken's auth server answered without an access token");
  const lifetime = typeof body.expires_in === 'number' ? body.expires_in * 1000 : TOKEN_LIFETIME_MS;
  return { token: body.access_token, expiresAt: clock() + lifetime };
}

function cacheIdentity(s: KrakenSettings): unknown {
  return {
    url: s.graphqlUrl,
    auth: s.credentials.kind === 'oauth' ? s.authUrl : undefined,
    credentials: s.credentials,
  };
}

export function accessTokenKey(s: KrakenSettings): string {
  return tokenKey('kraken', cacheIdentity(s));
}

function refreshTokenKey(s: KrakenSettings): string {
  return tokenKey('kraken-refresh', cacheIdentity(s));
}

function* rememberRefreshToken(s: KrakenSettings, t: IssuedToken, now: number): Flow<void> {
  if (!t.refreshToken || !t.refreshExpiresAt) return;
  const ttlSeconds = Math.min(MAX_CACHE_SECONDS, Math.floor((t.refreshExpiresAt - now) / 1000));
  if (ttlSeconds <= 60) return;
  const value: Token = { value: t.refreshToken, expiresAt: t.refreshExpiresAt };
  yield* cachePut([{ key: refreshTokenKey(s), value: JSON.stringify(value), ttlSeconds }]);
}

/** A new token: by refresh token when one is cached and still good, else by signing in. */
function* freshToken(s: KrakenSettings, clock: () => number, retry: RetryPolicy): Flow<Token> {
  const c = s.credentials;
  if (c.kind === 'oauth') {
    const t = yield* oauthToken(s, c, clock, retry);
    return { value: t.token, expiresAt: t.expiresAt };
  }
  const key = refreshTokenKey(s);
  const [saved] = yield* cacheGet([key]);
  if (saved) {
    const refresh = JSON.parse(saved) as Token;
    if (refresh.expiresAt - 60_000 > clock()) {
      try {
        const t = yield* obtainKrakenToken(
          s,
          { refreshToken: refresh.value },
          clock,
          'refreshing the token',
          retry,
        );
        yield* rememberRefreshToken(s, t, clock());
        return { value: t.token, expiresAt: t.expiresAt };
      } catch (e) {
        // An expired or revoked refresh token is routine: sign in again below.
        if (!(e instanceof KrakenError && BAD_REFRESH_TOKEN_CODES.includes(e.code))) throw e;
      }
    }
    yield* cacheRemove([key]);
  }
  const t = yield* obtainKrakenToken(s, credentialInput(c), clock, 'signing in', retry);
  yield* rememberRefreshToken(s, t, clock());
  return { value: t.token, expiresAt: t.expiresAt };
}

/** A usable token for these settings: cached, refreshed or newly obtained. */
export function* krakenToken(
  s: KrakenSettings,
  clock: () => number,
  retry: RetryPolicy,
): Flow<string> {
  return yield* cachedToken(accessTokenKey(s), clock, () => freshToken(s, clock, retry));
}

/** Drops the cached token (Kraken said it expired) and gets another. */
export function* renewKrakenToken(
  s: KrakenSettings,
  clock: () => number,
  retry: RetryPolicy,
): Flow<string> {
  return yield* renewedToken(accessTokenKey(s), clock, () => freshToken(s, clock, retry));
}
