// One function call's conversation with Bright: a token, and batches of requests sent
// together. When Bright answers 401 (the token expired or was revoked before its `exp`),
// the session signs in again ONCE and re-sends only the requests that were refused,
// together; a second refusal is an auth error, never a loop.
import { MeterError } from '../../errors';
import type { Flow } from '../../flow';
import type { HttpRequest, HttpResponse } from '../../http';
import { type RetryPolicy, fetchWithRetry, retryPolicy } from '../common';
import type { ProviderContext } from '../provider';
import { brightToken, renewBrightToken } from './auth';
import { BRIGHT_LABEL, type BrightSettings, brightSettings } from './config';

export interface BrightSession {
  settings: BrightSettings;
  clock: () => number;
  retry: RetryPolicy;
  token: string;
  renewed: boolean;
}

export function* openSession(ctx: ProviderContext): Flow<BrightSession> {
  const settings = brightSettings(ctx.config);
  const retry = retryPolicy(ctx);
  const token = yield* brightToken(settings, ctx.clock, retry);
  return { settings, clock: ctx.clock, retry, token, renewed: false };
}

/** A request made with the session's current token. */
export type Ask = (s: BrightSettings, token: string) => HttpRequest;

/** Sends the requests as one batch (retrying what is safe); their answers, in order. */
export function* send(session: BrightSession, asks: Ask[]): Flow<HttpResponse[]> {
  if (asks.length === 0) return [];
  const build = () => asks.map((a) => a(session.settings, session.token));
  const responses = yield* fetchWithRetry(build(), session.retry);
  const refused = responses.map((r, i) => (r.status === 401 ? i : -1)).filter((i) => i >= 0);
  if (refused.length === 0) return responses;
  if (session.renewed)
    throw new MeterError(
      'auth',
      `${BRIGHT_LABEL} refused a token it had just issued (HTTP 401); check the clock of this computer and try again`,
    );
  session.renewed = true;
  session.token = yield* renewBrightToken(session.settings, session.clock, session.retry);
  const again = yield* fetchWithRetry(
    refused.map((i) => asks[i](session.settings, session.token)),
    session.retry,
  );
  refused.forEach((i, k) => (responses[i] = again[k]));
  if (again.some((r) => r.status === 401))
    throw new MeterError(
      'auth',
      `${BRIGHT_LABEL} refused a token it had just issued (HTTP 401); check the clock of this computer and try again`,
    );
  return responses;
}
