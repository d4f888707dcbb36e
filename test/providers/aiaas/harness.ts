// Runs the functions against the aiaas mock in-process, with a clock the test controls.
import { expect } from 'vitest';
import { type Flow, runSync } from '../../../shared/flow';
import type { FunctionEnv } from '../../../shared/functions/spec';
import type { HttpRequest } from '../../../shared/http';
import type { ProviderConfig } from '../../../shared/settings';
import { type AiaasMockOptions, createMock } from './mock';
import { type MockHandler, json, syncMockIO } from '../../mocks/mock-http';
import { functionCalls } from '../function-calls';

export const ORIGIN = 'https://aiaas.test';
/** Tuesday 22 July 2025, 12:30 in Rome: the days of the reference's examples. */
export const NOW = Date.UTC(2025, 6, 22, 10, 30);

export function harness(
  options: AiaasMockOptions & {
    config?: ProviderConfig;
    timezone?: string;
    defaultMeter?: string;
    wrap?: (h: MockHandler) => MockHandler;
  } = {},
) {
  const clock = { now: options.clock ? options.clock() : NOW };
  const mock = createMock({ ...options, clock: () => clock.now });
  const handler = options.wrap ? options.wrap(mock.handler) : mock.handler;
  const io = syncMockIO({ [ORIGIN]: handler });
  const config: ProviderConfig = {
    baseUrl: `${ORIGIN}${mock.basePath}`,
    clientId: mock.clientId,
    clientSecret: mock.clientSecret,
    accountNumber: mock.account,
    ...options.config,
  };
  const env: FunctionEnv = {
    settings: {
      providers: { aiaas: config },
      timezone: options.timezone ?? 'Europe/Rome',
      ...(options.defaultMeter ? { defaultMeter: options.defaultMeter } : {}),
    },
    clock: () => clock.now,
  };
  const run = <T>(flow: Flow<T>): T => runSync(flow, io);
  const { call, fail } = functionCalls(env, run);
  const sent = (): HttpRequest[] => io.record.requests;
  const tokenRequests = () => sent().filter((r) => r.url.endsWith('/auth/token'));
  const apiRequests = () => sent().filter((r) => !r.url.endsWith('/auth/token'));
  /** The mock's own answer to a GET, with a token of its own: what the tables must show. */
  const raw = (path: string): Record<string, unknown> => {
    const form = new URLSearchParams({
      client_id: mock.clientId,
      client_secret: mock.clientSecret,
      grant_type: 'client_credentials',
    }).toString();
    const t = mock.handler({
      method: 'POST',
      path: `${mock.basePath}/auth/token`,
      query: {},
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    }) as { body: string };
    const token = JSON.parse(t.body).access_token as string;
    const q = path.indexOf('?');
    const r = mock.handler({
      method: 'GET',
      path: mock.basePath + path,
      query: q < 0 ? {} : Object.fromEntries(new URLSearchParams(path.slice(q + 1))),
      headers: { authorization: `Bearer ${token}` },
      body: '',
    }) as { status: number; body: string };
    expect(r.status).toBe(200);
    return JSON.parse(r.body).data;
  };
  return { mock, io, env, clock, config, run, call, fail, sent, tokenRequests, apiRequests, raw };
}

/** A handler that answers the first `n` requests matching `when` with `status` (and a body). */
export function refuse(
  n: number,
  when: (path: string) => boolean,
  status = 401,
  body: unknown = { status: 401, detail: 'Invalid or expired token' },
) {
  return (h: MockHandler): MockHandler => {
    let left = n;
    return (req) => {
      if (left > 0 && when(req.path)) {
        left--;
        return json(status, body, { 'www-authenticate': 'Bearer' });
      }
      return h(req);
    };
  };
}
