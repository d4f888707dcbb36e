// Kraken tokens and errors against the mock: every sign-in, the token cache and refresh,
// expiry in the middle of a batch, the other auth codes, partial data, and secrets.
import { describe, expect, it } from 'vitest';
import { isMeterError } from '../../../shared/errors';
import {
  MOCK_ACCOUNT,
  MOCK_API_KEY,
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_EMAIL,
  MOCK_ORG_KEY,
  MOCK_PASSWORD,
  MOCK_POINTS,
} from './mock';
import { json } from '../../mocks/mock-http';
import { AUTH, krakenHarness } from './harness';

const IMPORT = `kraken:${MOCK_POINTS.import.mpan}`;
const NO_KEY = { apiKey: undefined };

function obtainInputs(h: ReturnType<typeof krakenHarness>) {
  return h.mock
    .callsTo('obtainKrakenToken')
    .map((c) => Object.keys((c.variables.input ?? {}) as object));
}

describe('signing in to Kraken', () => {
  it('obtains a token with the API key once, and sends it bare in Authorization', () => {
    const h = krakenHarness();
    h.call('METERS');
    h.call('USAGE', '2024-06-03', '2024-06-04', 'day', IMPORT);
    h.call('USAGE', '2024-06-05', '2024-06-05', 'day', IMPORT);
    expect(obtainInputs(h)).toEqual([['APIKey']]);
    const queries = h.graphqlSent().filter((s) => s.body.operationName !== 'obtainKrakenToken');
    expect(queries.length).toBeGreaterThanOrEqual(3);
    const tokens = new Set(queries.map((s) => s.request.headers?.Authorization));
    expect(tokens.size).toBe(1);
    const [token] = [...tokens];
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/); // a bare JWT: no "Bearer" or "JWT" prefix
    // The sign-in itself carries no token.
    const signIn = h.graphqlSent().find((s) => s.body.operationName === 'obtainKrakenToken');
    expect(signIn?.request.headers?.Authorization).toBeUndefined();
  });

  it('renews a token shortly before its hour is up with the refresh token, not the API key', () => {
    const h = krakenHarness();
    h.call('METERS');
    h.advance(57 * 60_000);
    h.call('USAGE', '2024-06-03', '2024-06-03', 'day', IMPORT);
    expect(obtainInputs(h)).toEqual([['APIKey']]);
    h.advance(2 * 60_000); // 59 minutes: inside the two-minute margin
    h.call('USAGE', '2024-06-04', '2024-06-04', 'day', IMPORT);
    expect(obtainInputs(h)).toEqual([['APIKey'], ['refreshToken']]);
    expect(h.mock.state.tokensIssued).toMatchObject({ APIKey: 1, refresh: 1 });
  });

  it('signs in again with the API key when the refresh token is no longer accepted', () => {
    const h = krakenHarness();
    h.call('METERS');
    h.mock.revokeRefreshTokens();
    h.advance(61 * 60_000);
    h.call('USAGE', '2024-06-03', '2024-06-03', 'day', IMPORT);
    expect(obtainInputs(h)).toEqual([['APIKey'], ['refreshToken'], ['APIKey']]);
  });

  it('signs in with email and password, an organisation key, or OAuth client credentials', () => {
    const withPassword = krakenHarness({
      config: { ...NO_KEY, email: MOCK_EMAIL, password: MOCK_PASSWORD },
    });
    expect(withPassword.meters()).toHaveLength(3);
    expect(obtainInputs(withPassword)).toEqual([['email', 'password']]);

    const org = krakenHarness({ config: { ...NO_KEY, organizationSecretKey: MOCK_ORG_KEY } });
    expect(org.meters()).toHaveLength(3);
    expect(obtainInputs(org)).toEqual([['organizationSecretKey']]);

    const oauth = krakenHarness({
      config: { ...NO_KEY, clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET },
    });
    expect(oauth.meters()).toHaveLength(3);
    expect(oauth.mock.callsTo('obtainKrakenToken')).toHaveLength(0);
    const tokenRequests = oauth.record.requests.filter((r) => r.url.startsWith(AUTH));
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]).toMatchObject({
      method: 'POST',
      url: 'https://auth.octopus.energy/token/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(new URLSearchParams(tokenRequests[0].body).get('grant_type')).toBe('client_credentials');
    oauth.call('USAGE', '2024-06-03', '2024-06-03', 'day', IMPORT);
    expect(oauth.record.requests.filter((r) => r.url.startsWith(AUTH))).toHaveLength(1);
  });

  it('says what is missing when no way to sign in is set up', () => {
    const h = krakenHarness({ config: NO_KEY });
    expect(h.fail('METERS')).toEqual({
      kind: 'config',
      message:
        'Kraken is not set up: fill in an API key (or email and password, an organisation secret key, or an OAuth client id and secret) in Settings',
    });
    const noAccount = krakenHarness({ config: { account: undefined } });
    expect(noAccount.fail('USAGE', '2024-01-01', '', '', 'kraken')).toEqual({
      kind: 'config',
      message: 'Kraken is not set up: fill in Account number in Settings',
    });
  });
});

describe('an expired token', () => {
  it('in the middle of a batch: renews once and re-sends only the failed requests, together', () => {
    const h = krakenHarness();
    h.call('METERS');
    const firstToken = h.graphqlSent().at(-1)?.request.headers?.Authorization;
    h.mock.expireTokensAfter(4);
    const batches = h.record.batches.length;
    const before = h.graphqlSent().length;
    const rows = h.call('USAGE', '2024-01-01', '2024-06-30', 'month', IMPORT);
    const shards = Math.ceil((182 * 48) / 960);
    expect(h.record.batches.slice(batches)).toEqual([shards, 1, shards - 4]);
    const sent = h.graphqlSent(before);
    expect(sent[shards].body.operationName).toBe('obtainKrakenToken');
    expect(Object.keys(sent[shards].body.variables.input)).toEqual(['refreshToken']);
    const resent = sent.slice(shards + 1);
    expect(resent.every((s) => s.request.headers?.Authorization !== firstToken)).toBe(true);
    expect(resent.map((s) => s.body.variables.startAt)).toEqual(
      sent.slice(4, shards).map((s) => s.body.variables.startAt),
    );
    expect(rows).toHaveLength(7);
    expect(rows.slice(1).every((r) => (r[2] as number) > 100)).toBe(true);
  });

  it('is recognised by KT-CT-1124 too', () => {
    const h = krakenHarness({ mock: { expiredCode: 'KT-CT-1124' } });
    h.call('METERS');
    h.mock.expireAllTokens();
    expect(h.call('USAGE', '2024-06-03', '2024-06-03', 'day', IMPORT)).toHaveLength(2);
    expect(obtainInputs(h)).toEqual([['APIKey'], ['refreshToken']]);
  });

  it('twice in a row is an auth error, not a loop', () => {
    const h = krakenHarness({ mock: { tokenLifetimeMs: 0 } });
    expect(h.fail('METERS')).toEqual({
      kind: 'auth',
      message:
        'Kraken refused a token it had just issued (it says it has expired); check the clock of this computer and try again',
    });
    expect(h.mock.callsTo('obtainKrakenToken')).toHaveLength(2);
  });
});

describe('other Kraken errors', () => {
  it('names the refused credential without repeating it', () => {
    const key = krakenHarness({ config: { apiKey: 'sk_live_WRONGwrongWRONG123456' } });
    const e = key.fail('METERS');
    expect(e).toEqual({
      kind: 'auth',
      message:
        'Kraken refused the credentials (Authentication failed); check the API key or secret key in Settings (KT-CT-1139, signing in)',
    });
    const pw = krakenHarness({
      config: { ...NO_KEY, email: MOCK_EMAIL, password: 'nope-nope-nope' },
    });
    expect(pw.fail('METERS').message).toBe(
      'Kraken refused the email and password; check them in Settings (KT-CT-1138, signing in)',
    );
    const oauth = krakenHarness({
      config: { ...NO_KEY, clientId: MOCK_CLIENT_ID, clientSecret: 'not-the-secret-at-all' },
    });
    expect(oauth.fail('METERS')).toEqual({
      kind: 'auth',
      message:
        "Kraken's auth server refused the OAuth client id and secret (invalid_client); check them in Settings",
    });
  });

  it('refuses an account the credentials cannot read (KT-CT-1111) and a forbidden field (KT-CT-1128)', () => {
    const other = krakenHarness({ config: { account: 'A-00FF00FF' } });
    expect(other.fail('METERS')).toEqual({
      kind: 'auth',
      message:
        'Kraken refused access (Unauthorized); check that the account number belongs to these credentials (KT-CT-1111, the meters of account A-00FF00FF)',
    });
    const h = krakenHarness();
    h.mock.failField('account', 'KT-CT-1128', 'Unauthorized.', 'AUTHORIZATION');
    expect(h.fail('METERS').message).toBe(
      `Kraken does not let these credentials read this (Unauthorized); check their permissions (KT-CT-1128, the meters of account ${MOCK_ACCOUNT})`,
    );
  });

  it('never takes partial data next to errors[] as the answer', () => {
    const h = krakenHarness();
    // An internal error is retried (three more tries); one that persists is the answer.
    for (let i = 0; i < 4; i++)
      h.mock.failField('gasAgreements', 'KT-CT-7899', 'An internal error occurred.');
    // The mock answers the electricity meters and a null gasAgreements, with an error.
    expect(h.fail('METERS')).toEqual({
      kind: 'unavailable',
      message: `Kraken had an internal error; try again later (KT-CT-7899, the meters of account ${MOCK_ACCOUNT})`,
    });
    // The failure was not cached as a shorter meter list.
    expect(h.meters()).toHaveLength(3);
    expect(h.call('METERS').filter((r) => r[1] === 'kraken')).toHaveLength(3);
  });

  it('keeps credentials and tokens out of messages, even when Kraken echoes them', () => {
    const echo = krakenHarness({
      wrap: (inner) => (req) => {
        const body = JSON.parse(req.body || '{}');
        if (body.operationName !== 'obtainKrakenToken') return inner(req);
        return json(200, {
          data: { obtainKrakenToken: null },
          errors: [
            {
              message: `Invalid key ${body.variables.input.APIKey} for token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl`,
              extensions: { errorCode: 'KT-CT-1140', errorType: 'VALIDATION' },
            },
          ],
        });
      },
    });
    let thrown: unknown;
    try {
      echo.meters();
    } catch (e) {
      thrown = e;
    }
    expect(isMeterError(thrown)).toBe(true);
    const message = (thrown as Error).message;
    expect(message).toBe(
      'Kraken answered signing in with error KT-CT-1140: Invalid key … for token …',
    );
    expect(message).not.toContain(MOCK_API_KEY);

    const h = krakenHarness();
    h.call('METERS');
    h.call('USAGE', '2024-06-03', '2024-06-03', 'day', IMPORT);
    h.call('NOW', 'kraken');
    const tokens = h
      .graphqlSent()
      .map((s) => s.request.headers?.Authorization)
      .filter(Boolean);
    expect(tokens.length).toBeGreaterThan(0);
    const keys = [...(h.cache as unknown as { entries: Map<string, unknown> }).entries.keys()];
    expect(keys.length).toBeGreaterThan(3);
    for (const k of keys) {
      expect(k).not.toContain(MOCK_API_KEY);
      for (const t of tokens) expect(k).not.toContain(t as string);
      expect(k.length).toBeLessThan(250);
    }
  });
});
