// The mock Kraken's tokens: `obtainKrakenToken` (API key, email and password, organisation
// secret key, refresh token), the auth server's OAuth client credentials at /token/, and
// who a request's bare `Authorization: <token>` header says the viewer is.
import { base64Decode } from '../../../../shared/http';
import { type MockRequest, json } from '../../../mocks/mock-http';
import {
  MOCK_ACCOUNT,
  MOCK_API_KEY,
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_EMAIL,
  MOCK_ORG_KEY,
  MOCK_PASSWORD,
} from './customer';
import { b64url, kerr } from './wire';

export interface Viewer {
  kind: 'account-user' | 'organization' | 'oauth';
  accounts: string[] | 'all';
}

export function canRead(viewer: Viewer, account: string): boolean {
  return viewer.accounts === 'all' || viewer.accounts.includes(account);
}

export interface TokenOptions {
  clock: () => number;
  tokenLifetimeMs: number;
  refreshLifetimeMs: number;
  /** What an expired token gets: KT-CT-1120 (documented) or KT-CT-1124 (seen in the wild). */
  expiredCode: string;
}

export function createTokens(o: TokenOptions) {
  const tokens = new Map<string, { viewer: Viewer; expiresAt: number }>();
  const refreshTokens = new Map<string, { viewer: Viewer; expiresAt: number }>();
  const issuedBy = { APIKey: 0, password: 0, organization: 0, refresh: 0, oauth: 0 };
  let serial = 0;

  function issue(viewer: Viewer, gty: string, email?: string) {
    serial++;
    const now = o.clock();
    const exp = Math.floor((now + o.tokenLifetimeMs) / 1000);
    const payload = {
      sub: `kraken|account-user:${100000 + serial}`,
      gty,
      ...(email ? { email } : {}),
      tokenUse: 'access',
      iss: 'https://api.octopus.energy/v1/graphql/',
      iat: Math.floor(now / 1000),
      exp,
      origIat: Math.floor(now / 1000),
    };
    const token = [
      b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'mock' })),
      b64url(JSON.stringify(payload)),
      b64url(`mock-signature-${serial}-${now}`),
    ].join('.');
    tokens.set(token, { viewer, expiresAt: exp * 1000 });
    const refreshToken = `rt${serial.toString(16).padStart(6, '0')}${(now % 1e9).toString(16)}mock`;
    const refreshExpiresIn = Math.floor((now + o.refreshLifetimeMs) / 1000);
    refreshTokens.set(refreshToken, { viewer, expiresAt: refreshExpiresIn * 1000 });
    return {
      __typename: 'ObtainKrakenJSONWebToken',
      token,
      payload, // GenericScalar: the JSON object itself
      refreshToken,
      refreshExpiresIn,
    };
  }

  const bare = (authorization: string) => authorization.replace(/^JWT\s+/i, '').trim();

  /** The viewer a request's Authorization header stands for, or the error Kraken gives. */
  function viewerOf(authorization: string | undefined): Viewer {
    if (!authorization)
      throw kerr('KT-CT-1112', "'Authorization' header not provided.", 'AUTHORIZATION');
    const t = tokens.get(bare(authorization));
    if (!t) throw kerr('KT-CT-1111', 'Unauthorized.', 'AUTHORIZATION');
    if (t.expiresAt <= o.clock())
      throw kerr(o.expiredCode, 'The Kraken Token has expired.', 'APPLICATION');
    return t.viewer;
  }

  /** The `obtainKrakenToken(input)` mutation: exactly one way to sign in. */
  function obtainKrakenToken(args: Record<string, unknown>) {
    const input = (args.input ?? {}) as Record<string, unknown>;
    const given = [
      'APIKey',
      'email',
      'password',
      'organizationSecretKey',
      'refreshToken',
      'preSignedKey',
    ].filter((k) => input[k] !== undefined && input[k] !== null && input[k] !== '');
    const refused = (code: string, description: string) =>
      kerr(code, 'Invalid data.', 'VALIDATION', description);
    const only = (k: string) => given.length === 1 && given[0] === k;
    const user: Viewer = { kind: 'account-user', accounts: [MOCK_ACCOUNT] };
    if (only('APIKey')) {
      if (input.APIKey !== MOCK_API_KEY) throw refused('KT-CT-1139', 'Authentication failed.');
      issuedBy.APIKey++;
      return issue(user, 'API-KEY', MOCK_EMAIL);
    }
    if (given.length === 2 && given.includes('email') && given.includes('password')) {
      if (input.email !== MOCK_EMAIL || input.password !== MOCK_PASSWORD)
        throw refused('KT-CT-1138', 'Please make sure the credentials are correct.');
      issuedBy.password++;
      return issue(user, 'EMAIL-AND-PASSWORD', MOCK_EMAIL);
    }
    if (only('organizationSecretKey')) {
      if (input.organizationSecretKey !== MOCK_ORG_KEY)
        throw refused('KT-CT-1139', 'Authentication failed.');
      issuedBy.organization++;
      return issue({ kind: 'organization', accounts: 'all' }, 'ORGANIZATION');
    }
    if (only('refreshToken')) {
      const r = refreshTokens.get(String(input.refreshToken));
      if (!r) throw refused('KT-CT-1135', 'Please make sure the refresh token is correct.');
      if (r.expiresAt <= o.clock()) throw refused('KT-CT-1134', 'The refresh token has expired.');
      issuedBy.refresh++;
      return issue(r.viewer, 'REFRESH-TOKEN');
    }
    throw refused('KT-CT-1139', 'Authentication failed.');
  }

  /** The auth server's POST /token/: OAuth 2 client credentials, form-encoded. */
  function oauthToken(req: MockRequest) {
    if (req.method !== 'POST') return json(405, { error: 'invalid_request' });
    const form = new URLSearchParams(req.body);
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const [u, p] = base64Decode(basic[1]).split(':');
      clientId = decodeURIComponent(u);
      clientSecret = decodeURIComponent(p ?? '');
    }
    if (form.get('grant_type') !== 'client_credentials')
      return json(400, { error: 'unsupported_grant_type' });
    if (clientId !== MOCK_CLIENT_ID || clientSecret !== MOCK_CLIENT_SECRET)
      return json(401, { error: 'invalid_client' });
    issuedBy.oauth++;
    const t = issue({ kind: 'oauth', accounts: [MOCK_ACCOUNT] }, 'CLIENT-CREDENTIALS');
    return json(200, {
      access_token: t.token,
      token_type: 'Bearer',
      expires_in: Math.floor(o.tokenLifetimeMs / 1000),
      scope: 'read',
    });
  }

  return {
    issuedBy,
    viewerOf,
    obtainKrakenToken,
    oauthToken,
    /** Whether a header carries a token that is known and not yet expired. */
    isLive(authorization: string | undefined): boolean {
      const t = authorization ? tokens.get(bare(authorization)) : undefined;
      return !!t && t.expiresAt > o.clock();
    },
    expireAll() {
      for (const t of tokens.values()) t.expiresAt = Math.min(t.expiresAt, o.clock());
    },
    revokeRefreshTokens() {
      refreshTokens.clear();
    },
  };
}
