// Kraken's rate limits, as the mock enforces them. Kraken publishes no numbers (its GraphQL
// IDE shows "what rate limits are in place" per query), so these are ASSUMPTIONS, stated in
// README ("Many cells at once"): per account, at most `signInsPerMinute` obtainKrakenToken
// calls and `requestsPerMinute` other requests in any rolling minute. Past either, Kraken's
// way of saying so: HTTP 200 with errors[] code KT-CT-1199 "Too many requests." and no data.

export interface ThrottleOptions {
  clock: () => number;
  signInsPerMinute: number;
  requestsPerMinute: number;
}

const MINUTE_MS = 60_000;

export function createThrottle(o: ThrottleOptions) {
  const signIns: number[] = [];
  const requests: number[] = [];
  const state = { refused: 0 };

  /** Whether one more call fits in the rolling minute (and counts it when it does). */
  function admit(log: number[], limit: number): boolean {
    const now = o.clock();
    while (log.length > 0 && log[0] <= now - MINUTE_MS) log.shift();
    if (log.length >= limit) {
      state.refused++;
      return false;
    }
    log.push(now);
    return true;
  }

  return {
    state,
    /** A sign-in (or refresh) with obtainKrakenToken. */
    admitSignIn: () => admit(signIns, o.signInsPerMinute),
    /** Any other GraphQL request. */
    admitRequest: () => admit(requests, o.requestsPerMinute),
    tooManyRequests: {
      data: null,
      errors: [
        {
          message: 'Too many requests.',
          extensions: {
            errorType: 'APPLICATION',
            errorCode: 'KT-CT-1199',
            errorDescription: 'Too many requests.',
          },
        },
      ],
    },
  };
}
