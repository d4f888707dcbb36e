// Bright tokens: POST /auth with the app's e-mail and password returns a JWT valid for
// about seven days (`exp`). It is kept in the host's per-user cache under a fingerprint of
// the API, application id and credentials (never the credentials themselves), until two
// minutes before it expires; signing in is an `exclusive` effect (common.ts cachedToken),
// so hosts let one formula at a time sign in while the others wait for its token.
import { MeterError } from '../../errors';
import type { Flow } from '../../flow';
import {
  type RetryPolicy,
  type Token,
  cachedToken,
  fetchWithRetry,
  renewedToken,
  responseError,
  tokenKey,
} from '../common';
import { BRIGHT_ID, BRIGHT_LABEL, type BrightSettings } from './config';
import { authRequest, parseAuth } from './wire';

export function brightTokenKey(s: BrightSettings): string {
  return tokenKey(BRIGHT_ID, {
    url: s.baseUrl,
    app: s.applicationId,
    username: s.username,
    password: s.password,
  });
}

function* signIn(s: BrightSettings, clock: () => number, retry: RetryPolicy): Flow<Token> {
  const [response] = yield* fetchWithRetry([authRequest(s)], retry);
  if (response.status === 401 || response.status === 403 || response.status === 400)
    throw new MeterError(
      'auth',
      `${BRIGHT_LABEL} refused the e-mail and password (HTTP ${response.status}); check them in Settings (the ones you sign in to the Bright app with)`,
    );
  const failed = responseError(response, BRIGHT_LABEL, 'signing in');
  if (failed) throw failed;
  const t = parseAuth(response, clock());
  return { value: t.token, expiresAt: t.expiresAt };
}

/** A usable token: cached, or from signing in. */
export function* brightToken(
  s: BrightSettings,
  clock: () => number,
  retry: RetryPolicy,
): Flow<string> {
  return yield* cachedToken(brightTokenKey(s), clock, () => signIn(s, clock, retry));
}

/** Drops the cached token (Bright answered 401) and signs in again. */
export function* renewBrightToken(
  s: BrightSettings,
  clock: () => number,
  retry: RetryPolicy,
): Flow<string> {
  return yield* renewedToken(brightTokenKey(s), clock, () => signIn(s, clock, retry));
}
