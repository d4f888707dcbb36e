// The fake provider (test/helpers/fake-provider.ts) as a real HTTP peer on 127.0.0.1, and a
// fetch that sends its fixed https://fake.test origin there: the Excel host's requests go
// over real HTTP, through the same driver they use in Excel.
import { FAKE_BASE, FAKE_METER } from '../helpers/fake-provider';
import { type MockHandler, type RunningMock, json, serveMock } from '../mocks/mock-http';
import { MS_PER_HALF_HOUR } from '../../shared/time/civil';

export const FAKE_TOKEN = 'tok_fake_PLANTED_SECRET_5e6f7a8b';
export const FAKE_KWH = 0.25;

export const fakeHandler: MockHandler = (req) => {
  const auth = req.headers.authorization ?? '';
  if (auth !== `Token ${FAKE_TOKEN}`)
    // Like many real APIs, the error echoes the credential it refused.
    return json(401, { detail: `invalid token ${auth.replace(/^Token /, '')}` });
  if (req.path.startsWith('/api/meters')) return json(200, [FAKE_METER]);
  if (req.path.startsWith('/api/usage')) {
    const from = Number(req.query.from);
    const to = Number(req.query.to);
    return json(
      200,
      new Array(Math.max(0, Math.round((to - from) / MS_PER_HALF_HOUR))).fill(FAKE_KWH),
    );
  }
  return json(404, { detail: 'not found' });
};

export async function serveFake(): Promise<RunningMock> {
  return serveMock(fakeHandler);
}

/** fetch that rewrites request origins (e.g. https://fake.test → http://127.0.0.1:PORT). */
export function routedFetch(
  routes: Record<string, string>,
): (url: string, init?: RequestInit) => Promise<Response> {
  return (url, init) => {
    for (const [from, to] of Object.entries(routes))
      if (url.startsWith(from)) return fetch(to + url.slice(from.length), init);
    return fetch(url, init);
  };
}

export const FAKE_ORIGIN = new URL(FAKE_BASE).origin;
