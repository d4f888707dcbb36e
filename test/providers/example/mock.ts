// Example Energy's HTTP peer (step 5 of docs/adding-a-provider.md): the API as its docs
// describe it, answering from the fixtures (fixtures/*.json): bearer token or 401, the
// meter list, and half-hourly readings up to "now" for any range asked.
import { type MockHandler, json } from '../../mocks/mock-http';
import meters from './fixtures/meters.json';
import profile from './fixtures/profile.json';

const HALF_HOUR = 30 * 60_000;
export const DEFAULT_TOKEN = 'example-token-0123456789';

export interface ExampleMockOptions {
  token?: string;
  now?: () => number;
}

export function createMock(options: ExampleMockOptions = {}) {
  const token = options.token ?? DEFAULT_TOKEN;
  const now = options.now ?? Date.now;
  const basePath = '/v1';
  const handler: MockHandler = (req) => {
    if (req.headers.authorization !== `Bearer ${token}`)
      return json(401, { error: 'invalid token' });
    const path = req.path.split('?')[0];
    if (req.method === 'GET' && path === `${basePath}/meters`) return json(200, meters);
    const m = new RegExp(`^${basePath}/meters/([^/]+)/readings$`).exec(path);
    if (req.method !== 'GET' || !m) return json(404, { error: 'not found' });
    if (!meters.some((x) => x.id === decodeURIComponent(m[1])))
      return json(404, { error: 'no such meter' });
    const from = Math.ceil(Number(req.query.from) / HALF_HOUR) * HALF_HOUR;
    const to = Math.min(Number(req.query.to), now());
    if (!Number.isFinite(from) || !Number.isFinite(to)) return json(400, { error: 'from, to' });
    const readings = [];
    for (let t = from; t + HALF_HOUR <= to; t += HALF_HOUR)
      readings.push({ start: t, kwh: profile.halfHourKwh[(t / HALF_HOUR) % 48] });
    return json(200, { readings });
  };
  return { handler, basePath };
}
