// The HTTP peer of the token fake provider (https://token.fake.test/v1), following the
// mock convention: createMock() returns { handler, basePath, notes, state }.
import { MS_PER_HALF_HOUR } from '../../shared/time/civil';
import { type MockHandler, json } from '../mocks/mock-http';
import { FAKE_CLIENT_ID, fakeKwh } from './fake-data';

/** The peer: issues 1-hour tokens for one client, then serves meters, usage and now. */
export function createMock(options: { clientSecret?: string; now?: () => number } = {}) {
  const secret = options.clientSecret ?? 'fake-client-secret-0123456789';
  const state = {
    tokensIssued: 0,
    requests: 0,
    usageFaults: [] as { status: number; retryAfter?: string }[],
  };
  const issued = new Set<string>();
  const handler: MockHandler = (req) => {
    state.requests++;
    const path = req.path.split('?')[0].replace(/^\/v1/, '');
    if (path === '/oauth/token') {
      const form = Object.fromEntries(new URLSearchParams(req.body));
      if (req.method !== 'POST' || form.grant_type !== 'client_credentials')
        return json(400, { error: 'unsupported_grant_type' });
      if (form.client_id !== FAKE_CLIENT_ID || form.client_secret !== secret)
        // Echoes the credential, as careless APIs do: hosts must never show this body.
        return json(401, {
          error: 'invalid_client',
          error_description: `bad secret ${form.client_secret}`,
        });
      state.tokensIssued++;
      const t = `tok-${state.tokensIssued}-${issued.size}`;
      issued.add(t);
      return json(200, { access_token: t, token_type: 'Bearer', expires_in: 3600 });
    }
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!issued.has(bearer)) return json(401, { error: 'invalid_token' });
    if (path === '/meters') return json(200, [{ id: 'main' }]);
    if (path === '/usage') {
      const fault = state.usageFaults.shift();
      if (fault)
        return json(
          fault.status,
          { error: 'slow down' },
          fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
        );
      const from = Number(req.query.from);
      const to = Number(req.query.to);
      const rows: { start: number; kwh: number }[] = [];
      for (let t = from; t < to; t += MS_PER_HALF_HOUR) rows.push({ start: t, kwh: fakeKwh(t) });
      return json(200, rows);
    }
    if (path === '/now') {
      const at = options.now ? options.now() : Date.UTC(2025, 0, 10, 12);
      return json(200, { time: at - (at % 10_000), watts: 1234, total: 4321.5 });
    }
    return json(404, { error: 'not_found' });
  };
  return {
    handler,
    basePath: '/v1',
    notes: `client id ${FAKE_CLIENT_ID}`,
    state,
    clientSecret: secret,
  };
}
