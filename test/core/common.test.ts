import { describe, expect, it } from 'vitest';
import { runSync } from '../../shared/flow';
import type { HttpRequest, HttpResponse } from '../../shared/http';
import {
  cachedToken,
  fetchWithRetry,
  responseError,
  shardRange,
} from '../../shared/providers/common';

const req = (url: string): HttpRequest => ({ method: 'GET', url });

describe('provider commons', () => {
  it('maps HTTP failures to clear errors without echoing the body', () => {
    const r = (status: number, body = 'secret-token-echo'): HttpResponse => ({
      status,
      headers: {},
      body,
    });
    expect(responseError(r(200), 'P', 'meters')).toBeNull();
    expect(responseError(r(401), 'P', 'meters')?.kind).toBe('auth');
    expect(responseError(r(429), 'P', 'meters')?.kind).toBe('rate-limit');
    expect(responseError(r(503), 'P', 'meters')?.kind).toBe('unavailable');
    expect(
      responseError({ status: 0, headers: {}, body: '', error: 'ECONNREFUSED' }, 'P', 'meters')
        ?.message,
    ).toBe('P could not be reached for meters (ECONNREFUSED)');
    for (const s of [400, 401, 404, 429, 500])
      expect(responseError(r(s), 'P', 'x')?.message).not.toContain('secret');
  });

  it('retries only the failed requests, together, honouring Retry-After', () => {
    const sent: string[][] = [];
    const slept: number[] = [];
    let round = 0;
    const out = runSync(
      fetchWithRetry([req('a'), req('b'), req('c')], {
        retries: 2,
        baseDelayMs: 100,
        maxDelayMs: 5000,
        clock: () => 0,
      }),
      {
        fetchAll: (reqs) => {
          sent.push(reqs.map((r) => r.url));
          round++;
          return reqs.map((r): HttpResponse =>
            round === 1 && r.url === 'b'
              ? { status: 429, headers: { 'retry-after': '2' }, body: '' }
              : round === 1 && r.url === 'c'
                ? { status: 503, headers: {}, body: '' }
                : { status: 200, headers: {}, body: r.url },
          );
        },
        sleep: (ms) => void slept.push(ms),
      },
    );
    expect(out.map((r) => r.body)).toEqual(['a', 'b', 'c']);
    expect(sent).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c'],
    ]);
    expect(slept).toEqual([2000]);
  });

  it('gives up rather than overrun the deadline', () => {
    let calls = 0;
    const out = runSync(
      fetchWithRetry([req('a')], {
        retries: 3,
        baseDelayMs: 1000,
        maxDelayMs: 5000,
        deadline: 500,
        clock: () => 0,
      }),
      {
        fetchAll: (reqs) => (calls++, reqs.map(() => ({ status: 502, headers: {}, body: '' }))),
      },
    );
    expect(calls).toBe(1);
    expect(out[0].status).toBe(502);
  });

  it('caches a token until shortly before it expires', () => {
    const cache = new Map<string, string>();
    let now = 0;
    let obtained = 0;
    const io = {
      fetchAll: () => [],
      cacheGet: (keys: string[]) => keys.map((k) => cache.get(k) ?? null),
      cachePut: (e: { key: string; value: string }[]) =>
        e.forEach((x) => cache.set(x.key, x.value)),
    };
    // eslint-disable-next-line require-yield
    const obtain = function* () {
      obtained++;
      return { value: `t${obtained}`, expiresAt: now + 3_600_000 };
    };
    expect(
      runSync(
        cachedToken('k', () => now, obtain),
        io,
      ),
    ).toBe('t1');
    now = 3_000_000;
    expect(
      runSync(
        cachedToken('k', () => now, obtain),
        io,
      ),
    ).toBe('t1');
    now = 3_500_000; // within two minutes of expiry
    expect(
      runSync(
        cachedToken('k', () => now, obtain),
        io,
      ),
    ).toBe('t2');
  });

  it('shards a range into aligned pieces that tile it', () => {
    const day = 86_400_000;
    expect(shardRange(0, 10 * day, 4 * day, day)).toEqual([
      [0, 4 * day],
      [4 * day, 8 * day],
      [8 * day, 10 * day],
    ]);
    expect(shardRange(5, 5, 10)).toEqual([]);
  });
});
