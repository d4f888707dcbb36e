// A minimal HTTP-speaking provider for testing the core's mechanics (caching, batching,
// redaction, settings) independently of any real provider.
import { MeterError } from '../../shared/errors';
import { type Flow, fetchOne } from '../../shared/flow';
import { buildUrl, parseJsonBody } from '../../shared/http';
import type { Meter, Series } from '../../shared/model';
import type { Provider } from '../../shared/providers';
import { demoProvider } from '../../shared/providers/demo';
import { MS_PER_HALF_HOUR } from '../../shared/time/civil';

export const FAKE_BASE = 'https://fake.test/api';

function* listMeters(ctx: { config: Record<string, unknown> }): Flow<Meter[]> {
  const r = yield* fetchOne({
    method: 'GET',
    url: buildUrl(FAKE_BASE, 'meters'),
    headers: { Authorization: `Token ${ctx.config.token}` },
  });
  if (r.status === 401)
    throw new MeterError('auth', `Fake refused the token ${String(ctx.config.token)}`);
  return parseJsonBody<Meter[]>(r, 'Fake');
}

function* usage(
  ctx: { config: Record<string, unknown> },
  q: { meter: Meter; span: { from: number; to: number } },
): Flow<Series> {
  const r = yield* fetchOne({
    method: 'GET',
    url: buildUrl(FAKE_BASE, 'usage', { meter: q.meter.id, from: q.span.from, to: q.span.to }),
    headers: { Authorization: `Token ${ctx.config.token}` },
  });
  const values = parseJsonBody<number[]>(r, 'Fake');
  return {
    intervals: values.map((kwh, i) => ({
      start: q.span.from + i * MS_PER_HALF_HOUR,
      end: q.span.from + (i + 1) * MS_PER_HALF_HOUR,
      kwh,
    })),
    carbon: false,
    cost: false,
  };
}

export const fakeProvider: Provider = {
  id: 'fake',
  label: 'Fake',
  fields: [{ key: 'token', label: 'Token', kind: 'secret', required: true, cli: 'token' }],
  hosts: ['fake.test'],
  listMeters: listMeters as Provider['listMeters'],
  usage: usage as unknown as Provider['usage'],
};

export const FAKE_METER: Meter = {
  id: 'fake:m1',
  provider: 'fake',
  fuel: 'electricity',
  direction: 'import',
  firstDay: null,
  lastDay: null,
  label: 'Fake meter',
  grid: { kind: 'fixed', stepMs: MS_PER_HALF_HOUR },
};

export const TEST_PROVIDERS: Provider[] = [demoProvider, fakeProvider];
