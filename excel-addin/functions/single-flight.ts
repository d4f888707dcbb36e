// Excel runs every custom function in one JavaScript runtime: a hundred cells recalculating
// together would each find no token in the cache and each sign in (Kraken counts sign-ins;
// so do OAuth servers). The core marks obtaining a token as an exclusive turn (the flow's
// 'exclusive' effect, shared/flow.ts): the first call takes it, the others wait, then look
// in the cache again and find the token it obtained. The Apps Script host does the same
// with LockService (gas/io.ts).
import { isMeterError } from '../../shared/errors';
import type { AsyncIO } from '../../shared/flow';

/**
 * A refused sign-in is remembered this long, so that the cells queued behind it fail with
 * the same message instead of each trying (and failing) in turn: wrong credentials would
 * otherwise cost a hundred sign-ins, and trip the provider's limit on them.
 */
export const REFUSAL_MEMORY_MS = 60_000;

/** One holder per key at a time; the others queue, in order. */
export class KeyedTurns {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly refusals = new Map<string, { error: Error; until: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** The holder's sign-in was refused: those waiting for this key share the answer. */
  refused(key: string, error: Error): void {
    this.refusals.set(key, { error, until: this.clock() + REFUSAL_MEMORY_MS });
  }

  /** A recent refusal of this key's sign-in, if any. */
  refusal(key: string): Error | null {
    const r = this.refusals.get(key);
    if (r && r.until > this.clock()) return r.error;
    this.refusals.delete(key);
    return null;
  }

  /** Waits for the key's turn; resolves with the function that ends it. */
  async take(key: string): Promise<() => void> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let end!: () => void;
    const mine = new Promise<void>((resolve) => (end = resolve));
    const tail = before.then(() => mine);
    this.tails.set(key, tail);
    await before;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      end();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }

  /** Keys someone holds or waits for (tests). */
  get busy(): number {
    return this.tails.size;
  }
}

/**
 * The IO one function call runs with: `shared`'s, plus turns for what the flow marks
 * exclusive. A turn ends at the flow's 'exclusive-end', or when the call ends (`release`),
 * whichever is first.
 */
export function tokenTurnsIO(
  io: AsyncIO,
  turns: KeyedTurns,
): AsyncIO & { release(): void } {
  let held: { key: string; end: () => void } | null = null;
  /** Ends the turn; one that ended on refused credentials leaves that answer behind. */
  const release = (failure?: unknown) => {
    if (!held) return;
    if (isMeterError(failure) && failure.kind === 'auth') turns.refused(held.key, failure);
    held.end();
    held = null;
  };
  return {
    ...io,
    release,
    async exclusive(key) {
      if (held) return; // one turn per call: waiting on a second could wait on ourselves
      held = { key, end: await turns.take(key) };
      const refusal = turns.refusal(key);
      if (refusal) {
        release();
        throw refusal;
      }
    },
    async exclusiveEnd(key, failure) {
      if (held && held.key === key) release(failure);
    },
  };
}
