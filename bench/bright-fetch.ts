// A year of half-hourly Bright usage with its cost (2024: 17,568 half-hours) from the mock
// served on 127.0.0.1 with 100 ms added to every answer, through the real fetch driver.
// Glowmarkt takes at most 10 days of half-hours per request, so the year is 37 windows of
// kWh and 37 of cost: all 74 go out in ONE round trip once signed in (target: 1), against
// asking window after window (37 round trips), the way a client that loops does.
import { MemoryCache } from '../drivers/memory-cache';
import { fetchIO } from '../drivers/fetch';
import { resolveSpan } from '../shared/aggregate';
import { type Flow, runAsync } from '../shared/flow';
import type { Meter } from '../shared/model';
import { brightProvider } from '../shared/providers/bright';
import type { ProviderContext } from '../shared/providers/provider';
import { openSession, send } from '../shared/providers/bright/session';
import { readingWindows } from '../shared/providers/bright/usage';
import { parseReadings, readingsRequest } from '../shared/providers/bright/wire';
import { daysFromCivil } from '../shared/time/civil';
import { serveMock } from '../test/mocks/mock-http';
import { BRIGHT_PASSWORD, BRIGHT_USERNAME, createMock } from '../test/providers/bright/mock';
import { flush, report } from './_harness';

const LATENCY_MS = 100;
const TARGET_ROUND_TRIPS = 1;
const NOW = Date.UTC(2025, 0, 10, 12);
const YEAR = resolveSpan('Europe/London', daysFromCivil(2024, 1, 1), daysFromCivil(2024, 12, 31));

const mock = createMock({ clock: () => NOW });
const server = await serveMock(mock.handler, { latencyMs: LATENCY_MS });
const config = {
  username: BRIGHT_USERNAME,
  password: BRIGHT_PASSWORD,
  baseUrl: server.origin + mock.basePath,
};
const ctx: ProviderContext = { config, clock: () => NOW, runtime: 'node' };
const cache = new MemoryCache(() => NOW);
let requests = 0;
let roundTrips = 0;
const io = fetchIO({
  cache,
  onBatch: (r) => {
    requests += r.length;
    roundTrips++;
  },
});

// Signing in and listing the meters (untimed): the token is cached from here on.
const meters = await runAsync(brightProvider.listMeters(ctx), io);
const meter = meters.find((m) => m.fuel === 'electricity') as Meter;

async function measure(flow: () => Flow<number>) {
  requests = 0;
  roundTrips = 0;
  const t0 = performance.now();
  const count = await runAsync(flow(), io);
  return { count, ms: performance.now() - t0, requests, roundTrips };
}

function* batched(): Flow<number> {
  const series = yield* brightProvider.usage(ctx, { meter, span: YEAR, aggregate: 'none' });
  return series.intervals.length;
}

/** One window per round trip, kWh only: what a loop over the windows costs. */
function* oneByOne(): Flow<number> {
  const session = yield* openSession(ctx);
  let count = 0;
  for (const [a, b] of readingWindows(YEAR.from, YEAR.to)) {
    const [r] = yield* send(session, [
      (s, t) => readingsRequest(s, t, meter.ref?.resource as string, a, b, 'PT30M'),
    ]);
    count += parseReadings(r).data.length;
  }
  return count;
}

await measure(batched); // warm-up: JIT and connections
const b = await measure(batched);
const q = await measure(oneByOne);
await server.close();
if (b.count !== q.count)
  throw new Error(`batched got ${b.count} half-hours, one by one ${q.count}`);
console.log(`${b.count} half-hours of 2024 with cost, ${LATENCY_MS} ms per answer`);
report(
  'bright.year.round_trips',
  b.roundTrips,
  'round trips',
  `(${b.requests} requests after sign-in; target ${TARGET_ROUND_TRIPS}: ${b.roundTrips <= TARGET_ROUND_TRIPS ? 'met' : 'MISSED'})`,
);
report('bright.year.batched_ms', b.ms, 'ms');
report('bright.year.one_by_one_ms', q.ms, 'ms', `(${q.roundTrips} round trips, kWh only)`);
report('bright.year.speedup', q.ms / b.ms, '×');
flush();
