// The HTTP peer behind test/helpers/fake-provider.ts (https://fake.test/api), following
// the mock convention: createMock() returns { handler, basePath, notes, state }. Like some
// real APIs it echoes a refused credential in its error body, so hosts' redaction is tested.
import { MS_PER_HALF_HOUR } from '../../shared/time/civil';
import { type MockHandler, json } from '../mocks/mock-http';
import { fakeKwh } from './fake-data';
import { FAKE_METER } from './fake-provider';

export const FAKE_TOKEN = 'fake-token-0123456789abcdef';

export function createMock(options: { token?: string } = {}) {
  const token = options.token ?? FAKE_TOKEN;
  const state = { requests: 0, usageRequests: 0 };
  const handler: MockHandler = (req) => {
    state.requests++;
    const auth = req.headers.authorization ?? '';
    if (auth !== `Token ${token}`)
      return json(401, { detail: `Invalid token "${auth.replace(/^Token /, '')}"` });
    const path = req.path.split('?')[0];
    if (path === '/api/meters') return json(200, [FAKE_METER]);
    if (path === '/api/usage') {
      state.usageRequests++;
      const from = Number(req.query.from);
      const to = Number(req.query.to);
      if (!Number.isFinite(from) || !Number.isFinite(to) || to < from)
        return json(400, { detail: 'from and to must be UTC ms, from <= to' });
      const values: number[] = [];
      for (let t = from; t < to; t += MS_PER_HALF_HOUR) values.push(fakeKwh(t));
      return json(200, values);
    }
    return json(404, { detail: 'Not found' });
  };
  return {
    handler,
    basePath: '/api',
    notes: `fake provider: send "Authorization: Token ${token}"`,
    state,
  };
}
