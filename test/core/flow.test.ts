import { describe, expect, it } from 'vitest';
import {
  type Flow,
  all,
  cacheGet,
  cachePut,
  exclusive,
  fetchBatch,
  fetchOne,
  runAsync,
  runSync,
  sleep,
} from '../../shared/flow';
import type { HttpRequest, HttpResponse } from '../../shared/http';

const get = (url: string): HttpRequest => ({ method: 'GET', url });
const ok = (r: HttpRequest): HttpResponse => ({ status: 200, headers: {}, body: r.url });

function* twoSteps(name: string): Flow<string> {
  const a = yield* fetchOne(get(`${name}/1`));
  const [b, c] = yield* fetchBatch([get(`${name}/2`), get(`${name}/3`)]);
  return [a.body, b.body, c.body].join(' ');
}

describe('flows', () => {
  it('all() sends the independent requests of parallel flows as one batch per round trip', () => {
    const batches: string[][] = [];
    const result = runSync(all([twoSteps('a'), twoSteps('b'), twoSteps('c')]), {
      fetchAll: (reqs) => {
        batches.push(reqs.map((r) => r.url));
        return reqs.map(ok);
      },
    });
    expect(result).toEqual(['a/1 a/2 a/3', 'b/1 b/2 b/3', 'c/1 c/2 c/3']);
    expect(batches).toEqual([
      ['a/1', 'b/1', 'c/1'],
      ['a/2', 'a/3', 'b/2', 'b/3', 'c/2', 'c/3'],
    ]);
  });

  it('all() passes cache and sleep effects through and still merges the fetches', () => {
    function* cached(key: string): Flow<string> {
      const [hit] = yield* cacheGet([key]);
      if (hit) return hit;
      yield* sleep(5);
      const r = yield* fetchOne(get(key));
      yield* cachePut([{ key, value: r.body, ttlSeconds: 60 }]);
      return r.body;
    }
    const store = new Map<string, string>([['x', 'from-cache']]);
    const slept: number[] = [];
    const batches: number[] = [];
    const io = {
      fetchAll: (reqs: HttpRequest[]) => (batches.push(reqs.length), reqs.map(ok)),
      cacheGet: (keys: string[]) => keys.map((k) => store.get(k) ?? null),
      cachePut: (entries: { key: string; value: string }[]) =>
        entries.forEach((e) => store.set(e.key, e.value)),
      sleep: (ms: number) => void slept.push(ms),
    };
    expect(runSync(all([cached('x'), cached('y'), cached('z')]), io)).toEqual([
      'from-cache',
      'y',
      'z',
    ]);
    expect(batches).toEqual([2]);
    expect(slept).toEqual([5, 5]);
    expect(store.get('z')).toBe('z');
  });

  it('runs the same flow synchronously and asynchronously with the same result', async () => {
    const sync = runSync(twoSteps('s'), { fetchAll: (reqs) => reqs.map(ok) });
    const async_ = await runAsync(twoSteps('s'), { fetchAll: async (reqs) => reqs.map(ok) });
    expect(async_).toBe(sync);
  });

  it('a failing flow aborts all()', () => {
    function* boom(): Flow<string> {
      yield* fetchOne(get('x'));
      throw new Error('boom');
    }
    expect(() =>
      runSync(all([twoSteps('a'), boom()]), { fetchAll: (reqs) => reqs.map(ok) }),
    ).toThrow('boom');
  });

  it('exclusive: the host hears the turn begin and end, with the failure that ended it', () => {
    const heard: string[] = [];
    const io = {
      fetchAll: (reqs: HttpRequest[]) => reqs.map(ok),
      exclusive: (key: string) => void heard.push(`take ${key}`),
      exclusiveEnd: (key: string, failure?: unknown) =>
        void heard.push(`end ${key}${failure ? ` (${(failure as Error).message})` : ''}`),
    };
    expect(runSync(exclusive('mint:a', () => twoSteps('x')), io)).toBe('x/1 x/2 x/3');
    // eslint-disable-next-line require-yield
    const refused = function* (): Flow<string> {
      throw new Error('refused');
    };
    expect(() => runSync(exclusive('mint:b', refused), io)).toThrow('refused');
    expect(heard).toEqual(['take mint:a', 'end mint:a', 'take mint:b', 'end mint:b (refused)']);
  });
});
