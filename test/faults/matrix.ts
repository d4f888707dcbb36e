// Runs one cell of the fault matrix through the core as a Google Sheets formula would run:
// runSync with a mock IO on a virtual clock (requests take 200 ms, pauses move the clock,
// a slow answer is given up on when the 30 s a custom function has are over), and judges
// the outcome against the fault-free answer. "wrong number" (a different table presented
// as the answer) and "unclear error" must never appear.
import { isMeterError } from '../../shared/errors';
import { type CacheEntry, type SyncIO, runSync } from '../../shared/flow';
import { runFunction, userError } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import type { HttpResponse } from '../../shared/http';
import { type FaultPlan, type MockHandler, fromHttpRequest, withFaults } from '../mocks/mock-http';
import { type FaultSpec, MATRIX_NOW, type ProviderScenario, VirtualClock } from './scenarios';

/** What a formula may run for in Google Sheets, and when the core must stop starting work. */
export const HOST_LIMIT_MS = 30_000;
export const WORK_MS = 20_000;
const LATENCY_MS = 200;

export type Verdict = 'recovered' | 'clear error' | 'n/a' | 'wrong number' | 'unclear error';

export interface CellResult {
  verdict: Verdict;
  /** The error a user would see, or the way the table differed. */
  detail: string;
  /** Virtual time the formula took. */
  elapsedMs: number;
  /** Requests sent. */
  requests: number;
}

class HostStopped extends Error {}

/** A Sheets-like host on a virtual clock: parallel batches, a 30 s hard limit. */
function sheetsLikeIO(
  routes: Record<string, MockHandler>,
  clock: VirtualClock,
  startedAt: number,
): SyncIO & { requests: number } {
  const cache = new Map<string, string>();
  const io = {
    requests: 0,
    fetchAll(requests: Parameters<SyncIO['fetchAll']>[0]): HttpResponse[] {
      if (clock.now() > startedAt + HOST_LIMIT_MS) throw new HostStopped('past 30 s');
      const sentAt = clock.now();
      let longest = 0;
      const responses = requests.map((r): HttpResponse => {
        io.requests++;
        const handler = routes[new URL(r.url).origin];
        clock.set(sentAt);
        const res = handler
          ? handler(fromHttpRequest(r))
          : { status: 0, headers: {}, body: '', error: 'ENOTFOUND' };
        if (res instanceof Promise) throw new Error('test: asynchronous mock handler');
        const took = clock.now() - sentAt;
        // The host stops waiting when its time is up: the request got no answer.
        const limit = startedAt + HOST_LIMIT_MS - sentAt;
        if (took > limit) {
          longest = Math.max(longest, limit);
          return { status: 0, headers: {}, body: '', error: 'no answer in time' };
        }
        longest = Math.max(longest, took);
        return res;
      });
      clock.set(sentAt + Math.max(longest, LATENCY_MS));
      return responses;
    },
    cacheGet: (keys: string[]) => keys.map((k) => cache.get(k) ?? null),
    cachePut: (entries: CacheEntry[]) => entries.forEach((e) => cache.set(e.key, e.value)),
    cacheRemove: (keys: string[]) => keys.forEach((k) => cache.delete(k)),
    sleep(ms: number) {
      clock.advance(ms);
      if (clock.now() > startedAt + HOST_LIMIT_MS) throw new HostStopped('slept past 30 s');
    },
  };
  return io;
}

type Outcome = { table: unknown[][] } | { error: unknown };

export interface Run {
  outcome: Outcome;
  env: FunctionEnv;
  elapsedMs: number;
  requests: number;
  /** Whether the fault was served at all (a test that injects nothing proves nothing). */
  faulted: boolean;
}

/** METER_USAGE against the scenario's mock, with `fault` injected (or none). */
export function runScenario(
  scenario: ProviderScenario,
  fault?: { spec: FaultSpec; persisting: boolean },
): Run {
  const clock = new VirtualClock(MATRIX_NOW);
  const world = scenario.world(clock);
  const planned = fault?.spec.fault(scenario.provider) ?? null;
  const routes: Record<string, MockHandler> = {};
  const plans: FaultPlan[] = [];
  let nativeUsed = false;
  for (const [origin, handler] of Object.entries(world.routes)) {
    let h = handler;
    if (planned === 'native') {
      const native = world.native?.[fault!.spec.id];
      if (!native) throw new Error(`test: ${scenario.provider} has no native ${fault!.spec.id}`);
      h = native(handler, fault!.persisting);
      nativeUsed = true;
    } else if (planned) {
      const plan: FaultPlan = {
        queue: Array.from({ length: fault!.persisting ? 50 : 1 }, () => planned),
        when: fault!.spec.target === 'token' ? world.isToken : world.isUsage,
        skip: fault!.spec.target === 'token' ? 0 : scenario.skip,
        clock,
      };
      plans.push(plan);
      h = withFaults(handler, plan);
    }
    routes[origin] = h;
  }
  const startedAt = clock.now();
  const env: FunctionEnv = {
    settings: { providers: { [scenario.provider]: world.config } },
    clock: clock.now,
    runtime: 'sheets',
    deadline: startedAt + WORK_MS,
    cellZone: 'Europe/London',
  };
  const io = sheetsLikeIO(routes, clock, startedAt);
  let outcome: Outcome;
  try {
    outcome = { table: runSync(runFunction('USAGE', scenario.usageArgs, env), io) };
  } catch (error) {
    outcome = { error };
  }
  return {
    outcome,
    env,
    elapsedMs: clock.now() - startedAt,
    requests: io.requests,
    faulted: nativeUsed || plans.some((p) => (p.served ?? 0) > 0),
  };
}

/** Words that mean a user is looking at a program's insides, not an explanation. */
const UNCLEAR =
  /Unexpected (token|end)|SyntaxError|JSON at position|is not valid JSON|TypeError|Cannot read|undefined|\[object |unexpected error|\n\s+at /;

/** Judges a run against the fault-free table. */
export function judge(
  scenario: ProviderScenario,
  run: Run,
  baseline: unknown[][],
  names: RegExp,
): CellResult {
  const base = { elapsedMs: run.elapsedMs, requests: run.requests };
  if (!run.faulted) throw new Error(`test: the fault never reached ${scenario.provider}`);
  if (run.elapsedMs > HOST_LIMIT_MS)
    return { ...base, verdict: 'unclear error', detail: `ran ${run.elapsedMs} ms, past the 30 s` };
  if ('table' in run.outcome) {
    const same = JSON.stringify(run.outcome.table) === JSON.stringify(baseline);
    return same
      ? { ...base, verdict: 'recovered', detail: '' }
      : {
          ...base,
          verdict: 'wrong number',
          detail: JSON.stringify(run.outcome.table).slice(0, 300),
        };
  }
  const e = run.outcome.error;
  if (e instanceof HostStopped)
    return { ...base, verdict: 'unclear error', detail: 'Google stopped the formula at 30 s' };
  const { message } = userError(e, run.env);
  const clear = isMeterError(e) && names.test(message) && !UNCLEAR.test(message);
  return { ...base, verdict: clear ? 'clear error' : 'unclear error', detail: message };
}

/** The words that name each provider in its messages. */
export const PROVIDER_NAMES: Record<string, RegExp> = {
  powershaper: /PowerShaper/,
  octopus: /Octopus/,
  kraken: /Kraken/,
  aiaas: /aiaas/,
  homewizard: /HomeWizard/,
  bright: /Bright/,
};
