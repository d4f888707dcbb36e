// Excel recalculates many cells at once: twenty formulas on one meter would each ask for
// its meter list before any answer is cached. Identical idempotent requests (GETs, and
// POSTs marked idempotent such as GraphQL queries) in flight at the same moment share one
// request. The key is a fingerprint, so no credential is kept in it.
import { fingerprint, isIdempotent } from '../../shared/http';
import type { HttpRequest, HttpResponse } from '../../shared/http';

export type FetchAll = (requests: HttpRequest[]) => Promise<HttpResponse[]>;

function keyOf(r: HttpRequest): string | null {
  if (!isIdempotent(r)) return null;
  const headers = Object.entries(r.headers ?? {})
    .map(([k, v]) => [k.toLowerCase(), v])
    .sort();
  return fingerprint(JSON.stringify([r.method, r.url, headers, r.body ?? '']));
}

export function coalescing(inner: FetchAll): FetchAll {
  const inflight = new Map<string, Promise<HttpResponse>>();
  return (requests) => {
    const out: Promise<HttpResponse>[] = new Array(requests.length);
    const fresh: { index: number; request: HttpRequest; key: string | null }[] = [];
    const batchKeys = new Map<string, number>();
    requests.forEach((request, index) => {
      const key = keyOf(request);
      const pending = key === null ? undefined : inflight.get(key);
      if (pending) out[index] = pending;
      else if (key !== null && batchKeys.has(key))
        return; // joins the first, below
      else {
        fresh.push({ index, request, key });
        if (key !== null) batchKeys.set(key, index);
      }
    });
    if (fresh.length > 0) {
      const sent = inner(fresh.map((f) => f.request));
      fresh.forEach((f, j) => {
        const one = sent.then((responses) => responses[j]);
        out[f.index] = one;
        if (f.key !== null) {
          const key = f.key;
          inflight.set(key, one);
          const forget = () => {
            if (inflight.get(key) === one) inflight.delete(key);
          };
          one.then(forget, forget);
        }
      });
    }
    // Later duplicates in the same batch point at the first one's promise.
    requests.forEach((request, index) => {
      if (out[index] === undefined) {
        const key = keyOf(request) as string;
        out[index] = out[batchKeys.get(key) as number];
      }
    });
    return Promise.all(out);
  };
}
