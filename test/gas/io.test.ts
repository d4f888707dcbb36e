// The Apps Script driver's time budget, unit by unit: no round trip starts after the
// deadline, including the one-by-one fetches it falls back to when fetchAll throws for a
// whole batch (each can take as long as the batch did).
import { afterEach, describe, expect, it } from 'vitest';
import type { ChunkedCache } from '../../gas/cache';
import { type Budget, sheetsIO } from '../../gas/io';
import type { HttpRequest } from '../../shared/http';

const g = globalThis as Record<string, unknown>;
afterEach(() => {
  delete g.UrlFetchApp;
});

function response(status: number) {
  return {
    getResponseCode: () => status,
    getAllHeaders: () => ({}),
    getContentText: () => '{}',
  };
}

/** UrlFetchApp whose fetchAll throws (one request got no answer) after `batchMs`. */
function unreliableFetch(clock: { t: number }, batchMs: number, eachMs: number) {
  const sent: string[] = [];
  g.UrlFetchApp = {
    fetchAll(params: { url: string }[]) {
      clock.t += batchMs;
      sent.push(`batch of ${params.length}`);
      throw new Error('Exception: Timeout: https://api.example.com/');
    },
    fetch(url: string) {
      clock.t += eachMs;
      sent.push(url);
      return response(200);
    },
  };
  return sent;
}

const budget = (startedAt: number): Budget => ({
  label: 'METER_USAGE',
  startedAt,
  workMs: 20_000,
  limit: '30 seconds Google Sheets gives a custom function',
  hint: 'Ask for a shorter range.',
});

function io(clock: { t: number }) {
  return sheetsIO({
    cache: {} as ChunkedCache,
    budget: budget(0),
    whitelist: ['https://api.example.com/'],
    now: () => clock.t,
  });
}

const requests: HttpRequest[] = [1, 2, 3].map((i) => ({
  method: 'GET',
  url: `https://api.example.com/usage?page=${i}`,
}));

describe('the Sheets time budget', () => {
  it('refuses a batch that would start after the deadline', () => {
    const clock = { t: 20_000 };
    const sent = unreliableFetch(clock, 1000, 1000);
    expect(() => io(clock).fetchAll(requests)).toThrow(/cannot finish within the 30 seconds/);
    expect(sent).toEqual([]);
  });

  it('refuses every one-by-one retry after the deadline when fetchAll throws', () => {
    const clock = { t: 0 };
    // The batch fails after 12 s; the first retry takes 9 s, past the 20 s of work.
    const sent = unreliableFetch(clock, 12_000, 9_000);
    let error: unknown;
    try {
      io(clock).fetchAll(requests);
    } catch (e) {
      error = e;
    }
    expect(String((error as Error)?.message)).toMatch(
      /^METER_USAGE cannot finish within the 30 seconds .*Ask for a shorter range\.$/,
    );
    expect(sent).toEqual(['batch of 3', requests[0].url]);
    expect(clock.t).toBe(21_000);
  });

  it('still answers each request on its own when the retries fit in time', () => {
    const clock = { t: 0 };
    const sent = unreliableFetch(clock, 1000, 1000);
    const responses = io(clock).fetchAll(requests);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(sent).toHaveLength(4);
  });
});
