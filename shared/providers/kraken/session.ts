// One function call's conversation with a Kraken: a token, and batches of GraphQL
// operations sent together. When Kraken says the token has expired (KT-CT-1120, also
// seen as KT-CT-1124), the session gets a new token ONCE and re-sends only the operations
// that failed, together; a second expiry is an auth error, never a loop.
import { MeterError } from '../../errors';
import type { Flow } from '../../flow';
import { type RetryPolicy, fetchWithRetry, retryPolicy } from '../common';
import type { ProviderContext } from '../provider';
import { krakenToken, renewKrakenToken } from './auth';
import { type KrakenSettings, krakenSettings } from './config';
import {
  type GraphqlOperation,
  type Outcome,
  classify,
  graphqlRequest,
  isRetryableAnswer,
} from './wire';

export interface KrakenSession {
  settings: KrakenSettings;
  clock: () => number;
  /** Bounded retries within the host's deadline, for queries and token requests alike. */
  retry: RetryPolicy;
  token: string;
  renewed: boolean;
}

export function* openSession(ctx: ProviderContext): Flow<KrakenSession> {
  const settings = krakenSettings(ctx.config);
  const retry = retryPolicy(ctx, (r) => isRetryableAnswer(r) || undefined);
  const token = yield* krakenToken(settings, ctx.clock, retry);
  return { settings, clock: ctx.clock, retry, token, renewed: false };
}

function* send(session: KrakenSession, ops: GraphqlOperation[]): Flow<Outcome[]> {
  const requests = ops.map((op) => graphqlRequest(session.settings.graphqlUrl, op, session.token));
  // Queries are idempotent: dropped connections, 429, 5xx and Kraken's "Too many requests"
  // (KT-CT-1199, in an HTTP 200) are retried, bounded by the host's deadline.
  const responses = yield* fetchWithRetry(requests, session.retry);
  return responses.map((r, i) => classify(r, ops[i].what));
}

/** Sends the operations as one batch; their `data`, in order, or the most telling error. */
export function* runOperations(
  session: KrakenSession,
  ops: GraphqlOperation[],
): Flow<Record<string, unknown>[]> {
  if (ops.length === 0) return [];
  const outcomes = yield* send(session, ops);
  const expired = outcomes.map((o, i) => (o.kind === 'expired' ? i : -1)).filter((i) => i >= 0);
  if (expired.length > 0) {
    if (session.renewed)
      throw new MeterError(
        'auth',
        'Kraken says the token has expired again right after a new one was issued; check the clock of this computer and try again',
      );
    session.renewed = true;
    session.token = yield* renewKrakenToken(session.settings, session.clock, session.retry);
    const again = yield* send(
      session,
      expired.map((i) => ops[i]),
    );
    expired.forEach((i, k) => (outcomes[i] = again[k]));
    const still = again.find((o) => o.kind === 'expired');
    if (still)
      throw new MeterError(
        'auth',
        'Kraken refused a token it had just issued (it says it has expired); check the clock of this computer and try again',
      );
  }
  const failed = outcomes.find((o) => o.kind === 'error');
  if (failed && failed.kind === 'error') throw failed.error;
  return outcomes.map((o) => (o as { kind: 'data'; data: Record<string, unknown> }).data);
}
