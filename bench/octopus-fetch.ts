// Fetching from the Octopus and PowerShaper mocks served on 127.0.0.1 with 100 ms of latency
// per request, through the real fetch driver. Targets: a year of Octopus half-hours in ONE
// request; when a server pages below 25,000, every further page in one more round trip (vs
// following `next` links one by one); a year of PowerShaper half-hours in one round trip.
import { fetchIO } from '../drivers/fetch';
import { resolveSpan } from '../shared/aggregate';
import { runAsync } from '../shared/flow';
import type { Meter } from '../shared/model';
import { octopusProvider } from '../shared/providers/octopus';
import { powershaperProvider } from '../shared/providers/powershaper';
import type { Provider, ProviderContext } from '../shared/providers/provider';
import { daysFromCivil } from '../shared/time/civil';
import { serveMock } from '../test/mocks/mock-http';
import * as octopus from '../test/providers/octopus/mock';
import * as powershaper from '../test/providers/powershaper/mock';
import { flush, report } from './_harness';

const LATENCY_MS = 100;
const NOW = Date.UTC(2025, 0, 10, 12);
const YEAR = resolveSpan('Europe/London', daysFromCivil(2024, 1, 1), daysFromCivil(2024, 12, 31));

interface Fetched {
  intervals: number;
  requests: number;
  roundTrips: number;
  ms: number;
}

async function fetchYear(
  provider: Provider,
  config: ProviderContext['config'],
  meterId: string,
): Promise<Fetched> {
  const ctx: ProviderContext = { config, clock: () => NOW, runtime: 'node' };
  const meters = await runAsync(provider.listMeters(ctx), fetchIO());
  const meter = meters.find((m) => m.id === meterId) as Meter;
  let requests = 0;
  let roundTrips = 0;
  const io = fetchIO({
    onBatch: (r) => {
      requests += r.length;
      roundTrips++;
    },
  });
  const t0 = performance.now();
  const series = await runAsync(provider.usage(ctx, { meter, span: YEAR, aggregate: 'none' }), io);
  return { intervals: series.intervals.length, requests, roundTrips, ms: performance.now() - t0 };
}

/** What a client that follows `next` links one at a time would spend. */
async function followNext(
  origin: string,
  mock: ReturnType<typeof octopus.createMock>,
): Promise<Fetched> {
  const auth = 'Basic ' + Buffer.from(mock.apiKey + ':').toString('base64');
  let url: string | null =
    `${origin}/v1/electricity-meter-points/${octopus.IMPORT_MPAN}/meters/${octopus.SMART_SERIAL}/consumption/` +
    `?period_from=2024-01-01T00:00:00Z&period_to=2025-01-01T00:00:00Z&page_size=25000&order_by=period`;
  let requests = 0;
  let intervals = 0;
  const t0 = performance.now();
  while (url) {
    const page = (await (await fetch(url, { headers: { Authorization: auth } })).json()) as {
      next: string | null;
      results: unknown[];
    };
    requests++;
    intervals += page.results.length;
    url = page.next;
  }
  return { intervals, requests, roundTrips: requests, ms: performance.now() - t0 };
}

const octo = octopus.createMock({ now: () => NOW });
const octoServer = await serveMock(octo.handler, { latencyMs: LATENCY_MS });
const importMeter = `octopus:${octopus.IMPORT_MPAN}:${octopus.SMART_SERIAL}`;
const octoConfig = { apiKey: octo.apiKey, account: octo.account, baseUrl: octoServer.origin };
const year = await fetchYear(octopusProvider, octoConfig, importMeter);
report('octopus_rest.year.requests', year.requests, 'requests', '(target: 1)');
report(
  'octopus_rest.year.wall_ms',
  year.ms,
  'ms',
  `(${year.intervals} half-hours, ${LATENCY_MS} ms latency)`,
);
await octoServer.close();

const capped = octopus.createMock({ now: () => NOW, maxPageSize: 1000 });
const cappedServer = await serveMock(capped.handler, { latencyMs: LATENCY_MS });
const parallel = await fetchYear(
  octopusProvider,
  { apiKey: capped.apiKey, account: capped.account, baseUrl: cappedServer.origin },
  importMeter,
);
const sequential = await followNext(cappedServer.origin, capped);
await cappedServer.close();
report(
  'octopus_rest.paged_1000.round_trips',
  parallel.roundTrips,
  'round trips',
  `(${parallel.requests} requests; target ≤ 2)`,
);
report('octopus_rest.paged_1000.wall_ms', parallel.ms, 'ms');
report(
  'octopus_rest.paged_1000.follow_next_wall_ms',
  sequential.ms,
  'ms',
  `(${sequential.requests} sequential requests)`,
);
report(
  'octopus_rest.paged_1000.speedup',
  sequential.ms / parallel.ms,
  '×',
  'parallel pages vs following next',
);

const ps = powershaper.createMock({ now: () => NOW });
const psServer = await serveMock(ps.handler, { latencyMs: LATENCY_MS });
const psYear = await fetchYear(
  powershaperProvider,
  { token: ps.token, baseUrl: psServer.origin + ps.basePath },
  `powershaper:${powershaper.HOME_CONSENT}:electricity`,
);
await psServer.close();
report(
  'powershaper.year.round_trips',
  psYear.roundTrips,
  'round trips',
  `(${psYear.requests} quarter shards; target 1)`,
);
report(
  'powershaper.year.wall_ms',
  psYear.ms,
  'ms',
  `(${psYear.intervals} half-hours, ${LATENCY_MS} ms latency)`,
);
flush();
