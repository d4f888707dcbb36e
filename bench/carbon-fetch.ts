// A year of regional carbon intensity from the Carbon Intensity API mock served on
// 127.0.0.1 with 100 ms of latency per request, through the real fetch driver. The API
// answers at most 14 days a request; target: the 27 windows in ONE round trip.
import { fetchIO } from '../drivers/fetch';
import { resolveSpan } from '../shared/aggregate';
import { carbonIntensitySource } from '../shared/carbon/carbon-intensity';
import { runAsync } from '../shared/flow';
import { daysFromCivil } from '../shared/time/civil';
import * as ci from '../test/mocks/carbon-intensity';
import { serveMock } from '../test/mocks/mock-http';
import { flush, report } from './_harness';

const LATENCY_MS = 100;
const NOW = Date.UTC(2025, 0, 10, 12);
const YEAR = resolveSpan('Europe/London', daysFromCivil(2024, 1, 1), daysFromCivil(2024, 12, 31));

const server = await serveMock(ci.createMock({ now: () => NOW }).handler, {
  latencyMs: LATENCY_MS,
});
let requests = 0;
let roundTrips = 0;
const io = fetchIO({
  onBatch: (r) => {
    requests += r.length;
    roundTrips++;
  },
});
const ctx = { config: { baseUrl: server.origin }, clock: () => NOW, runtime: 'node' as const };
const t0 = performance.now();
const points = await runAsync(
  carbonIntensitySource.intensity(ctx, {
    kind: 'range',
    area: { kind: 'region', id: 13 },
    from: YEAR.from,
    to: YEAR.to,
    mix: true,
  }),
  io,
);
const ms = performance.now() - t0;
await server.close();
report(
  'carbon_intensity.year_regional.round_trips',
  roundTrips,
  'round trips',
  `(${requests} 14-day windows; target 1)`,
);
report(
  'carbon_intensity.year_regional.wall_ms',
  ms,
  'ms',
  `(${points.length} half-hours, ${LATENCY_MS} ms latency)`,
);
flush();
