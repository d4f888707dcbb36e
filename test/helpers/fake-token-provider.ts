// A second test provider, for what the fake one lacks: an OAuth client-credentials token
// (cached per user, obtained under a lock in Apps Script), retries that honour Retry-After,
// live readings, and a URL-valued setting. Its peer lives at https://token.fake.test.
import { MeterError } from '../../shared/errors';
import { type Flow, fetchOne } from '../../shared/flow';
import { buildUrl, parseJsonBody, queryString } from '../../shared/http';
import type { Meter, NowReading, Series } from '../../shared/model';
import type { Provider, ProviderContext } from '../../shared/providers';
import {
  DEFAULT_RETRY,
  cachedToken,
  checkResponse,
  fetchWithRetry,
  tokenKey,
} from '../../shared/providers/common';
import { MS_PER_HALF_HOUR } from '../../shared/time/civil';
export { FAKE_CLIENT_ID } from './fake-data';

export const TOKEN_FAKE_BASE = 'https://token.fake.test/v1';
const LABEL = 'Token fake';

function base(ctx: ProviderContext): string {
  return String(ctx.config.baseUrl ?? TOKEN_FAKE_BASE);
}

function* token(ctx: ProviderContext): Flow<string> {
  const creds = { id: ctx.config.clientId, secret: ctx.config.clientSecret, base: base(ctx) };
  return yield* cachedToken(tokenKey('faketoken', creds), ctx.clock, function* () {
    const r = yield* fetchOne({
      method: 'POST',
      url: buildUrl(base(ctx), 'oauth/token'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: queryString({
        grant_type: 'client_credentials',
        client_id: String(ctx.config.clientId),
        client_secret: String(ctx.config.clientSecret),
      }),
    });
    checkResponse(r, LABEL, 'a token');
    const t = parseJsonBody<{ access_token: string; expires_in: number }>(r, LABEL);
    return { value: t.access_token, expiresAt: ctx.clock() + t.expires_in * 1000 };
  });
}

const METER: Meter = {
  id: 'faketoken:main',
  provider: 'faketoken',
  fuel: 'electricity',
  direction: 'import',
  firstDay: null,
  lastDay: null,
  label: 'Token fake meter',
  grid: { kind: 'fixed', stepMs: MS_PER_HALF_HOUR },
};

export const fakeTokenProvider: Provider = {
  id: 'faketoken',
  label: LABEL,
  fields: [
    { key: 'clientId', label: 'Client id', kind: 'text', required: true, cli: 'client-id' },
    {
      key: 'clientSecret',
      label: 'Client secret',
      kind: 'secret',
      required: true,
      cli: 'client-secret',
      help: 'From the fake developer portal.',
    },
    {
      key: 'baseUrl',
      label: 'API base URL',
      kind: 'url',
      help: 'Default https://token.fake.test/v1',
    },
  ],
  hosts: ['token.fake.test'],
  nowRefreshMs: 30_000,
  *listMeters(ctx): Flow<Meter[]> {
    const bearer = yield* token(ctx);
    const r = yield* fetchOne({
      method: 'GET',
      url: buildUrl(base(ctx), 'meters'),
      headers: { Authorization: `Bearer ${bearer}` },
    });
    checkResponse(r, LABEL, 'the meter list');
    return parseJsonBody<{ id: string }[]>(r, LABEL).map((m) => ({
      ...METER,
      id: `faketoken:${m.id}`,
    }));
  },
  *usage(ctx, q): Flow<Series> {
    const bearer = yield* token(ctx);
    const [r] = yield* fetchWithRetry(
      [
        {
          method: 'GET',
          url: buildUrl(base(ctx), 'usage', { from: q.span.from, to: q.span.to }),
          headers: { Authorization: `Bearer ${bearer}` },
        },
      ],
      { ...DEFAULT_RETRY, clock: ctx.clock },
    );
    checkResponse(r, LABEL, 'usage');
    const rows = parseJsonBody<{ start: number; kwh: number }[]>(r, LABEL);
    return {
      intervals: rows.map((x) => ({ start: x.start, end: x.start + MS_PER_HALF_HOUR, kwh: x.kwh })),
      carbon: false,
      cost: false,
    };
  },
  *now(ctx): Flow<NowReading> {
    const bearer = yield* token(ctx);
    const r = yield* fetchOne({
      method: 'GET',
      url: buildUrl(base(ctx), 'now'),
      headers: { Authorization: `Bearer ${bearer}` },
    });
    checkResponse(r, LABEL, 'the latest reading');
    const x = parseJsonBody<{ time: number; watts: number; total: number }>(r, LABEL);
    if (typeof x.time !== 'number') throw new MeterError('provider', `${LABEL} sent no time`);
    return {
      time: x.time,
      demandW: x.watts,
      counters: [{ label: 'Import', value: x.total, unit: 'kWh' }],
    };
  },
};
