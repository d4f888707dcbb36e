// A year of half-hours priced on Agile. Targets: the year's rates fetched from the
// Octopus products API mock (127.0.0.1, 100 ms latency a request, through the real fetch
// driver) in at most 2 round trips; pricing at 5 M intervals/s or more.
import { fetchIO } from '../drivers/fetch';
import { resolveSpan } from '../shared/aggregate';
import { runAsync } from '../shared/flow';
import type { Interval } from '../shared/model';
import type { Settings } from '../shared/settings';
import { priceOnTimeline, priceSeries, standingCharges } from '../shared/tariffs/price';
import { rateTimeline } from '../shared/tariffs/schedule';
import { resolveTariff } from '../shared/tariffs/resolve';
import { MS_PER_HALF_HOUR, daysFromCivil } from '../shared/time/civil';
import { serveMock } from '../test/mocks/mock-http';
import { createOctopusTariffsMock } from '../test/mocks/octopus-tariffs';
import { flush, report, timeIt } from './_harness';

const NOW = Date.UTC(2025, 0, 10, 12);
const YEAR = resolveSpan('Europe/London', daysFromCivil(2024, 1, 1), daysFromCivil(2024, 12, 31));

const server = await serveMock(createOctopusTariffsMock({ now: () => NOW }).handler, {
  latencyMs: 100,
});
const settings: Settings = { providers: {}, tariffs: { octopusBaseUrl: server.origin } };
let roundTrips = 0;
let requests = 0;
const io = fetchIO({
  onBatch: (r) => {
    roundTrips++;
    requests += r.length;
  },
});
const t0 = performance.now();
const tariff = await runAsync(
  resolveTariff('E-1R-AGILE-24-10-01-C', {
    settings,
    clock: () => NOW,
    zone: YEAR.zone,
    from: YEAR.from,
    to: YEAR.to,
    fuel: 'electricity',
    direction: 'import',
    runtime: 'node',
  }),
  io,
);
const fetchMs = performance.now() - t0;
await server.close();
report(
  'tariffs: Agile year rates round trips',
  roundTrips,
  'round trips',
  `${requests} requests, target ≤ 2`,
);
report('tariffs: Agile year rates fetch', fetchMs, 'ms', '100 ms latency a request');

const intervals: Interval[] = [];
for (let t = YEAR.from; t < YEAR.to; t += MS_PER_HALF_HOUR)
  intervals.push({
    start: t,
    end: t + MS_PER_HALF_HOUR,
    kwh: 0.1 + ((t / MS_PER_HALF_HOUR) % 7) / 10,
  });
let sink = 0;
const line = rateTimeline(tariff.unit, YEAR.zone, YEAR.from, YEAR.to);
const engineMs = timeIt(() => {
  sink += priceOnTimeline(intervals, line, 1).length;
});
report(
  'tariffs: pricing engine alone (rates laid out)',
  intervals.length / (engineMs / 1000) / 1e6,
  'M intervals/s',
);
const layMs = timeIt(() => {
  sink += rateTimeline(tariff.unit, YEAR.zone, YEAR.from, YEAR.to).length;
});
report('tariffs: laying out a year of Agile rates', layMs, 'ms');
const standingMs = timeIt(() => {
  sink += standingCharges(tariff.standing, YEAR.zone, YEAR.from, YEAR.to).length;
});
report('tariffs: a year of standing charges', standingMs, 'ms');
const ms = timeIt(() => {
  const priced = priceSeries(intervals, tariff, YEAR.zone, YEAR.from, YEAR.to);
  sink += priced.cost.length;
});
report('tariffs: pricing a year of half-hours on Agile', ms, 'ms', `${intervals.length} intervals`);
report(
  'tariffs: pricing rate',
  intervals.length / (ms / 1000) / 1e6,
  'M intervals/s',
  'target ≥ 5',
);
if (sink === 0) throw new Error('nothing priced');
flush();
