// A year of half-hourly Kraken usage (17,568 half-hours) from the mock served on 127.0.0.1
// with 100 ms added to every answer: the provider's sharded fetch (page-sized sub-ranges,
// one parallel batch) against paging one cursor in sequence, in the same run, through the
// real fetch driver. Target: sharded in at most 2 round trips and at least 9× faster.
//
// A real Kraken runs on other machines, so the mock runs in a child process (this same
// bundle, started with --serve): its CPU is not the client's. It builds each page of
// measurements in JavaScript (tens of ms a page), where a real Kraken answers parallel
// requests on many servers, so a warm-up pass fills a cache of the mock's answers (by
// request body) before anything is timed; every timed request still crosses HTTP with its
// 100 ms of latency, and the client still parses every byte.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MemoryCache } from '../drivers/memory-cache';
import { fetchIO } from '../drivers/fetch';
import { resolveSpan } from '../shared/aggregate';
import { type Flow, runAsync } from '../shared/flow';
import type { Meter } from '../shared/model';
import { krakenProvider } from '../shared/providers/kraken';
import {
  PAGE_SIZE,
  measurementsOperation,
  parseMeasurementPage,
} from '../shared/providers/kraken/measurements';
import { openSession, runOperations } from '../shared/providers/kraken/session';
import { daysFromCivil } from '../shared/time/civil';
import { MOCK_ACCOUNT, MOCK_API_KEY, createMock } from '../test/providers/kraken/mock';
import type { HttpResponse } from '../shared/http';
import { type MockHandler, serveMock } from '../test/mocks/mock-http';
import { flush, report } from './_harness';

const LATENCY_MS = 100;
const RUNS = Number(process.env.KRAKEN_BENCH_RUNS ?? 3);
const TARGET_RATIO = 9;
const TARGET_ROUND_TRIPS = 2;

/** Answers a measurements request it has answered before from memory. */
function answeredOnce(handler: MockHandler): MockHandler {
  const memo = new Map<string, HttpResponse>();
  return async (req) => {
    if (!req.body.includes('"krakenMeasurements"')) return handler(req);
    const hit = memo.get(req.body);
    if (hit) return hit;
    const r = await handler(req);
    if (r.status === 200 && !r.body.includes('"errors"')) memo.set(req.body, r);
    return r;
  };
}

if (process.argv[2] === '--serve') {
  const mock = createMock();
  const server = await serveMock(answeredOnce(mock.handler), { latencyMs: LATENCY_MS });
  process.stdout.write(server.origin + mock.basePath + '\n');
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0)); // the parent is done
  await new Promise(() => undefined);
}

const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const baseUrl = await new Promise<string>((resolve, reject) => {
  child.stdout.setEncoding('utf8').once('data', (line: string) => resolve(line.trim()));
  child.once('exit', (code) => reject(new Error(`the mock Kraken exited (${code})`)));
});
const server = { close: async () => void child.stdin.end() };
const config = { account: MOCK_ACCOUNT, apiKey: MOCK_API_KEY, baseUrl };
const ctx = { config, clock: Date.now, runtime: 'node' as const };
const span = resolveSpan('Europe/London', daysFromCivil(2024, 1, 1), daysFromCivil(2024, 12, 31));

let roundTrips = 0;
let bytes = 0;
const io = (cache: MemoryCache) => {
  const inner = fetchIO({ cache, onBatch: () => roundTrips++ });
  return {
    ...inner,
    async fetchAll(requests: Parameters<typeof inner.fetchAll>[0]) {
      const responses = await inner.fetchAll(requests);
      for (const r of responses) bytes += r.body.length;
      return responses;
    },
  };
};

const warm = new MemoryCache();
const meters = await runAsync(krakenProvider.listMeters(ctx), io(warm));
const meter = meters.find((m) => m.fuel === 'electricity' && m.direction === 'import') as Meter;

function* sharded(): Flow<number> {
  const s = yield* krakenProvider.usage(ctx, { meter, span, aggregate: 'none' });
  return s.intervals.length;
}

/** What a client that follows `pageInfo.endCursor` does: one page per round trip. */
function* oneCursor(): Flow<number> {
  const session = yield* openSession(ctx);
  let after: string | undefined;
  let count = 0;
  do {
    const [data] = yield* runOperations(session, [
      measurementsOperation(MOCK_ACCOUNT, meter, {
        from: span.from,
        to: span.to,
        zone: span.zone,
        after,
        first: PAGE_SIZE,
      }),
    ]);
    const page = parseMeasurementPage(data, meter, 40);
    count += page.intervals.length;
    after = page.hasNextPage && page.endCursor ? page.endCursor : undefined;
  } while (after);
  return count;
}

async function measure(flow: () => Flow<number>, cache: () => MemoryCache) {
  const samples: { ms: number; cpuMs: number; trips: number; count: number; mb: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    roundTrips = 0;
    bytes = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const count = await runAsync(flow(), io(cache()));
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    samples.push({
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      trips: roundTrips,
      count,
      mb: bytes / 1e6,
    });
  }
  samples.sort((a, b) => a.ms - b.ms);
  return samples[Math.floor(samples.length / 2)];
}

// Warm-up (untimed): JIT, connections, and the mock's answers.
await runAsync(sharded(), io(warm));
await runAsync(oneCursor(), io(warm));

const results = {
  warm: {
    sharded: await measure(sharded, () => warm),
    sequential: await measure(oneCursor, () => warm),
  },
  // With no token cached yet: a sign-in round trip first, for both.
  cold: {
    sharded: await measure(sharded, () => new MemoryCache()),
    sequential: await measure(oneCursor, () => new MemoryCache()),
  },
};
await server.close();

const { sharded: s, sequential: q } = results.warm;
if (s.count !== q.count)
  throw new Error(`sharded got ${s.count} half-hours, sequential ${q.count}`);
console.log(`${s.count} half-hours of 2024, ${LATENCY_MS} ms per answer, median of ${RUNS} runs`);
// The sharded time is latency plus CPU (parsing ~6 MB of JSON); a busy machine shows in it.
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
// Why the ratio has a ceiling: sharding removes round trips, not the client's CPU. Parsing
// the year's JSON costs the same either way, so the ratio is at most
// (18 × latency + CPU) / (latency + CPU).
report('kraken.year.payload_mb', s.mb, 'MB', '(JSON for a year of half-hours with costs)');
for (const [name, r] of Object.entries(results)) {
  const ratio = r.sequential.ms / r.sharded.ms;
  report(
    `kraken.year.${name}.sharded_ms`,
    r.sharded.ms,
    'ms',
    `(${r.sharded.trips} round trips; ${r.sharded.cpuMs.toFixed(0)} ms of it the client's CPU)`,
  );
  report(
    `kraken.year.${name}.sequential_ms`,
    r.sequential.ms,
    'ms',
    `(${r.sequential.trips} round trips)`,
  );
  report(`kraken.year.${name}.sharded_round_trips`, r.sharded.trips, 'round trips');
  report(`kraken.year.${name}.sequential_round_trips`, r.sequential.trips, 'round trips');
  report(
    `kraken.year.${name}.speedup`,
    ratio,
    '×',
    `(${(ratio / TARGET_RATIO).toFixed(2)}× the ${TARGET_RATIO}× target; sharded ${r.sharded.trips <= TARGET_ROUND_TRIPS ? 'within' : 'OVER'} ${TARGET_ROUND_TRIPS} round trips)`,
  );
}
flush();
