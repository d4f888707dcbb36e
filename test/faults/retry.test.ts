// The retry rules the fault matrix relies on, one at a time: only what is safe to send
// twice is sent twice; the host's deadline bounds every wait; a Retry-After past it ends
// the retries at once; cut-off answers and Kraken's "Too many requests" count as failures;
// unreadable answers are described, never parsed aloud. And Excel coalesces idempotent
// POSTs (GraphQL queries) but never other POSTs.
import { describe, expect, it } from 'vitest';
import { coalescing } from '../../excel-addin/functions/coalesce';
import { runSync } from '../../shared/flow';
import type { HttpRequest, HttpResponse } from '../../shared/http';
import { endsMidway, parseJsonBody, unreadableMessage } from '../../shared/http';
import { fetchWithRetry, retryPolicy } from '../../shared/providers/common';
import type { ProviderContext } from '../../shared/providers/provider';
import { isRetryableAnswer } from '../../shared/providers/kraken/wire';

const ok = (body = '{}'): HttpResponse => ({ status: 200, headers: {}, body });
const status = (s: number, headers: Record<string, string> = {}): HttpResponse => ({
  status: s,
  headers,
  body: '',
});

/** Runs fetchWithRetry against scripted answers on a virtual clock. */
function attempt(
  requests: HttpRequest[],
  answers: HttpResponse[][],
  ctx?: Partial<ProviderContext>,
) {
  let now = 0;
  const sent: string[][] = [];
  const slept: number[] = [];
  const policy = retryPolicy({
    config: {},
    clock: () => now,
    runtime: 'sheets',
    ...ctx,
  });
  const out = runSync(fetchWithRetry(requests, policy), {
    fetchAll: (rs) => {
      sent.push(rs.map((r) => `${r.method} ${r.url}`));
      now += 200;
      return answers[sent.length - 1] ?? rs.map(() => ok());
    },
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
    },
  });
  return { out, sent, slept, elapsed: () => now };
}

describe('retries', () => {
  it('never sends a plain POST twice; retries GETs and POSTs marked idempotent', () => {
    const { out, sent } = attempt(
      [
        { method: 'POST', url: 'register' },
        { method: 'POST', url: 'token', idempotent: true },
        { method: 'GET', url: 'usage' },
      ],
      [[status(503), status(503), status(503)]],
    );
    expect(sent).toEqual([
      ['POST register', 'POST token', 'GET usage'],
      ['POST token', 'GET usage'],
    ]);
    expect(out.map((r) => r.status)).toEqual([503, 200, 200]);
  });

  it('keeps to the function deadline the host gave, not a fresh budget per request', () => {
    const busy = [status(503)];
    const { out, sent, elapsed } = attempt(
      [{ method: 'GET', url: 'usage' }],
      [busy, busy, busy, busy],
      { deadline: 1_000 },
    );
    expect(sent).toHaveLength(2); // 200 ms + 500 ms backoff fit; the next 1 s does not
    expect(out[0].status).toBe(503);
    expect(elapsed()).toBeLessThan(1_000);
  });

  it('gives up at once when Retry-After asks for longer than is left', () => {
    const { out, sent, slept } = attempt(
      [{ method: 'GET', url: 'usage' }],
      [[status(429, { 'retry-after': '25' })]],
    );
    expect(sent).toHaveLength(1);
    expect(slept).toEqual([]);
    expect(out[0].status).toBe(429);
  });

  it('honours a Retry-After that fits, and a Sheets formula still ends inside 20 s', () => {
    const busy = [status(429, { 'retry-after': '5' })];
    const { slept, elapsed } = attempt([{ method: 'GET', url: 'usage' }], [busy, busy, busy, busy]);
    expect(slept).toEqual([5_000, 5_000, 5_000]);
    expect(elapsed()).toBeLessThan(20_000);
  });

  it('treats an answer cut off part-way as a failure worth another try', () => {
    expect(endsMidway(ok('{"results": [{"a": 1}, {"a"'))).toBe(true);
    expect(endsMidway(ok('  {"results": []}\n'))).toBe(false);
    expect(endsMidway(ok('<html>'))).toBe(false);
    const { out, sent } = attempt([{ method: 'GET', url: 'usage' }], [[ok('[1, 2, ')]]);
    expect(sent).toHaveLength(2);
    expect(out[0].body).toBe('{}');
  });

  it("retries Kraken's Too many requests and internal errors, not its other errors", () => {
    const graphqlError = (code: string) =>
      ok(
        JSON.stringify({ data: null, errors: [{ message: 'x', extensions: { errorCode: code } }] }),
      );
    expect(isRetryableAnswer(graphqlError('KT-CT-1199'))).toBe(true);
    expect(isRetryableAnswer(graphqlError('KT-CT-7899'))).toBe(true);
    expect(isRetryableAnswer(graphqlError('KT-CT-1139'))).toBe(false);
    expect(isRetryableAnswer(ok('{"data": {"note": "KT-CT-1199"}}'))).toBe(false);
  });
});

describe('unreadable answers', () => {
  it('say what came instead of data, in words, without the body or the parser', () => {
    const said = (body: string, s = 200) =>
      unreadableMessage({ status: s, headers: {}, body }, 'P');
    expect(said('')).toBe('P sent an empty answer (HTTP 200); try again');
    expect(said('<!doctype html><title>Login</title>')).toMatch(
      /^P sent a web page instead of data/,
    );
    expect(said('{"results": [{"kwh": 0.1')).toBe(
      'P sent an incomplete answer (HTTP 200, cut off part-way); try again',
    );
    expect(said('{"a": 1,}')).toBe(
      'P sent an answer that is not readable data (HTTP 200); try again later',
    );
    expect(() =>
      parseJsonBody({ status: 200, headers: {}, body: '{"token": "SECRET' }, 'P'),
    ).toThrow(/^P sent an incomplete answer/);
    expect(said('{"token": "SECRET')).not.toContain('SECRET');
  });
});

describe('coalescing in Excel', () => {
  it('merges identical idempotent POSTs in flight, never other POSTs', async () => {
    const sent: string[] = [];
    const fetchAll = coalescing(async (requests) => {
      sent.push(...requests.map((r) => `${r.method} ${r.body}`));
      return requests.map(() => ok());
    });
    const query = {
      method: 'POST' as const,
      url: 'https://k/graphql',
      body: 'q1',
      idempotent: true,
    };
    await Promise.all([
      fetchAll([query, query]),
      fetchAll([query, { ...query, body: 'q2' }]),
      fetchAll([{ method: 'POST', url: 'https://k/graphql', body: 'm' }]),
      fetchAll([{ method: 'POST', url: 'https://k/graphql', body: 'm' }]),
    ]);
    expect(sent).toEqual(['POST q1', 'POST q2', 'POST m', 'POST m']);
  });
});
