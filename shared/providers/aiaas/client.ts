// Talking to the aiaas API: OAuth2 client credentials at the token endpoint (a Keycloak
// realm named "aiaas" behind it, judging by the tokens' issuer), the bearer token cached
// per user until shortly before it expires, one fresh token and one retry when the API
// says 401, and answers unwrapped from their {status, data} envelope.
import { MeterError } from '../../errors';
import type { Flow } from '../../flow';
import {
  type HttpRequest,
  type HttpResponse,
  buildUrl,
  parseJsonBody,
  queryString,
} from '../../http';
import type { NamedPeriod } from '../../time/named-periods';
import {
  type RetryPolicy,
  type Token,
  cachedToken,
  fetchWithRetry,
  forgetToken,
  responseError,
  retryPolicy,
  tokenKey,
} from '../common';
import type { ProviderContext } from '../provider';
import { AIAAS_FIELDS } from './config';
import { PROVIDER_NAME } from './wire';
import { type Endpoint, type EndpointName, endpointTable } from './paths';

export interface AiaasConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  account: string;
  endpoints: Record<EndpointName, Endpoint>;
}

export function aiaasConfig(ctx: ProviderContext): AiaasConfig {
  const c = ctx.config;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const cfg = {
    baseUrl: text(c.baseUrl),
    clientId: text(c.clientId),
    clientSecret: typeof c.clientSecret === 'string' ? c.clientSecret : '',
    account: text(c.accountNumber),
    endpoints: endpointTable(c.paths),
  };
  const missing = AIAAS_FIELDS.filter((f) => f.required && !c[f.key]);
  if (missing.length > 0)
    throw new MeterError(
      'config',
      `${PROVIDER_NAME} is not set up: fill in ${missing.map((f) => f.label).join(', ')} in Settings`,
    );
  return cfg;
}

/** An endpoint's URL, with `{account_number}` and `{period}` filled in. */
export function endpointUrl(cfg: AiaasConfig, name: EndpointName, period?: NamedPeriod): string {
  const e = cfg.endpoints[name];
  let path = e.path.split('{account_number}').join(encodeURIComponent(cfg.account));
  let query: Record<string, string> | undefined;
  if (period) {
    if (path.includes('{period}')) path = path.split('{period}').join(period);
    else query = { period };
  }
  return /^https?:\/\//i.test(path)
    ? buildUrl(path, '', query)
    : buildUrl(cfg.baseUrl, path, query);
}

function tokenError(r: HttpResponse): MeterError {
  // Keycloak answers {error, error_description}; only the error code (a fixed word) is
  // shown: a description is the peer's text, and peers have been known to echo secrets.
  let code = '';
  try {
    const e = (JSON.parse(r.body) as { error?: unknown }).error;
    if (typeof e === 'string' && /^[a-z_]{1,40}$/.test(e)) code = `, ${e}`;
  } catch {
    /* not JSON: the status says enough */
  }
  if (r.status === 400 || r.status === 401 || r.status === 403)
    return new MeterError(
      'auth',
      `${PROVIDER_NAME} refused the client credentials (HTTP ${r.status}${code}); check the client ID and secret in Settings`,
    );
  return responseError(r, PROVIDER_NAME, 'an access token') as MeterError;
}

function* obtainToken(cfg: AiaasConfig, clock: () => number, retry: RetryPolicy): Flow<Token> {
  const [r] = yield* fetchWithRetry(
    [
      {
        method: 'POST',
        url: endpointUrl(cfg, 'token'),
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        // RFC 6749 §4.4: a form body, with the credentials as client_id and client_secret.
        body: queryString({
          client_id: cfg.clientId,
          client_secret: cfg.clientSecret,
          grant_type: 'client_credentials',
        }),
        // Client credentials: a second token spoils nothing, so a lost answer is retried.
        idempotent: true,
      },
    ],
    retry,
  );
  if (r.status < 200 || r.status >= 300) throw tokenError(r);
  const body = parseJsonBody<{
    access_token?: unknown;
    expires_in?: unknown;
    token_type?: unknown;
  }>(r, PROVIDER_NAME);
  if (typeof body.access_token !== 'string' || body.access_token === '')
    throw new MeterError('provider', `${PROVIDER_NAME} answered the token request without a token`);
  const seconds =
    typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 300;
  const type =
    typeof body.token_type === 'string' && !/^bearer$/i.test(body.token_type)
      ? body.token_type
      : 'Bearer';
  // "token_type access_token", as the reference asks, is what goes in Authorization.
  return { value: `${type} ${body.access_token}`, expiresAt: clock() + seconds * 1000 };
}

export interface ApiCall {
  endpoint: EndpointName;
  period?: NamedPeriod;
  /** A JSON body (POST endpoints). */
  body?: unknown;
}

function requestFor(cfg: AiaasConfig, call: ApiCall, authorization: string): HttpRequest {
  const e = cfg.endpoints[call.endpoint];
  const headers: Record<string, string> = {
    Authorization: authorization,
    Accept: 'application/json',
  };
  if (call.body !== undefined) headers['Content-Type'] = 'application/json';
  return {
    method: e.method,
    url: endpointUrl(cfg, call.endpoint, call.period),
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  };
}

function unwrap(r: HttpResponse, cfg: AiaasConfig, call: ApiCall): unknown {
  const endpoint = cfg.endpoints[call.endpoint];
  const what = endpoint.what + (call.period ? ` for ${call.period}` : '');
  if (r.status === 404 && endpoint.account)
    throw new MeterError(
      'not-found',
      `${PROVIDER_NAME} has no ${what} for account ${cfg.account} (HTTP 404); check the account number in Settings, or the endpoint paths`,
    );
  const failed = responseError(r, PROVIDER_NAME, what);
  if (failed) throw failed;
  const body = parseJsonBody<{ status?: unknown; data?: unknown }>(r, PROVIDER_NAME);
  // The envelope repeats the status; trust it too, should a gateway say 200 regardless.
  if (typeof body?.status === 'number' && body.status >= 400) {
    const e = responseError({ ...r, status: body.status }, PROVIDER_NAME, what);
    if (e) throw e;
  }
  if (typeof body !== 'object' || body === null || !('data' in body))
    throw new MeterError('provider', `${PROVIDER_NAME} answered ${what} without its data envelope`);
  return body.data;
}

/**
 * Sends the calls together with one bearer token and returns each answer's `data`. A 401
 * means the token died early (revoked, server restarted): forget it, get one fresh token,
 * and resend just those calls, once.
 */
function accessTokenKey(cfg: AiaasConfig): string {
  return tokenKey(PROVIDER_NAME, {
    token: endpointUrl(cfg, 'token'),
    id: cfg.clientId,
    secret: cfg.clientSecret,
  });
}

/**
 * A valid access token (cached until shortly before it expires). Listing meters asks for
 * one too, so that wrong client credentials show up in METER_METERS, not later.
 */
export function* accessToken(ctx: ProviderContext): Flow<string> {
  const cfg = aiaasConfig(ctx);
  return yield* cachedToken(accessTokenKey(cfg), ctx.clock, () =>
    obtainToken(cfg, ctx.clock, retryPolicy(ctx)),
  );
}

export function* callApi(ctx: ProviderContext, calls: ApiCall[]): Flow<unknown[]> {
  const cfg = aiaasConfig(ctx);
  const key = accessTokenKey(cfg);
  const token = () => accessToken(ctx);
  // Only reads (GETs) are retried on 5xx and silence: a registration must not be sent twice.
  const send = (requests: HttpRequest[]) => fetchWithRetry(requests, retryPolicy(ctx));
  let auth = yield* token();
  const responses = yield* send(calls.map((c) => requestFor(cfg, c, auth)));
  const refused = responses.map((r, i) => (r.status === 401 ? i : -1)).filter((i) => i >= 0);
  if (refused.length > 0) {
    yield* forgetToken(key);
    auth = yield* token();
    const again = yield* send(refused.map((i) => requestFor(cfg, calls[i], auth)));
    refused.forEach((i, k) => (responses[i] = again[k]));
    const still = refused.find((i) => responses[i].status === 401);
    if (still !== undefined) {
      yield* forgetToken(key);
      throw new MeterError(
        'auth',
        `${PROVIDER_NAME} refused a fresh access token for ${cfg.endpoints[calls[still].endpoint].what} (HTTP 401); check the client's permissions and the account number in Settings`,
      );
    }
  }
  return responses.map((r, i) => unwrap(r, cfg, calls[i]));
}
