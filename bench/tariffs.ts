// A year of half-hours priced on Agile. Targets: the year's rates fetched from the
// Octopus products API mock (127.0.0.1, 100 ms latency a request, through the real fetch
// driver) in at most 2 round trips; pricing at 5 M intervals/s or more, as METER_COST
// prices (each interval's cost at its rate, standing charges per local day). The cost
// tables METER_COST then lays out are measured too, per aggregate, beside METER_USAGE's
// own half-hour table: a row per half-hour costs more than pricing it.
import { fetchIO } from '../drivers/fetch';
import { resolveSpan } from '../shared/aggregate';
import { runAsync } from '../shared/flow';
import { priceMeter } from '../shared/functions/tariff-context';
import { type IntervalAggregate, aggregateIntervals } from '../shared/aggregate/intervals';
import type { Interval, Meter, Series } from '../shared/model';
import type { Settings } from '../shared/settings';
import { priceOnTimeline, priceSeries, standingCharges } from '../shared/tariffs/price';
import { rateTimeline } from '../shared/tariffs/schedule';
import { resolveTariff } from '../shared/tariffs/resolve';
import { costTable } from '../shared/tariffs/table';
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

// A complete year as a provider's series reaches METER_COST: a few half-hours the meter
// never reported are Missing (kwh: null), as in real data.
const intervals: Interval[] = [];
for (let t = YEAR.from; t < YEAR.to; t += MS_PER_HALF_HOUR) {
  const n = t / MS_PER_HALF_HOUR;
  intervals.push({
    start: t,
    end: t + MS_PER_HALF_HOUR,
    kwh: n % 997 === 0 ? null : 0.1 + (n % 7) / 10,
  });
}
const series: Series = { intervals, carbon: false, cost: false };
const meter: Meter = {
  id: 'bench:electricity',
  provider: 'bench',
  fuel: 'electricity',
  direction: 'import',
  firstDay: null,
  lastDay: null,
  label: 'bench meter',
  grid: { kind: 'fixed', stepMs: MS_PER_HALF_HOUR },
};
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
const pricesMs = timeIt(() => {
  const priced = priceSeries(intervals, tariff, YEAR.zone, YEAR.from, YEAR.to);
  sink += priced.cost.length;
});
report(
  'tariffs: per-interval prices and standing charges',
  intervals.length / (pricesMs / 1000) / 1e6,
  'M intervals/s',
  'priceSeries alone, no table',
);
// End to end, per aggregate METER_COST takes: what a formula waits for once the data is in.
const endToEnd: Record<string, number> = {};
for (const how of ['none', 'hour', 'day', 'month'] as IntervalAggregate[]) {
  endToEnd[how] = timeIt(() => {
    const priced = priceMeter(series, tariff, meter, YEAR);
    sink += costTable(series, YEAR, how, priced, tariff.currency).length;
  });
  const perSecond = intervals.length / (endToEnd[how] / 1000) / 1e6;
  report(
    `tariffs: METER_COST a year of half-hours, ${how}`,
    perSecond,
    'M intervals/s',
    `${(perSecond / 5).toFixed(2)}× the target`,
  );
}
// What the same rows cost without prices: METER_USAGE's table of the year by half-hour.
// The cost table's rows are the usage rows with three more cells, so this is the floor a
// row per half-hour can reach on this machine; the ratio says what pricing adds to it.
const usageMs = timeIt(() => {
  sink += aggregateIntervals(series, YEAR, 'none').length;
});
report(
  'tariffs: METER_USAGE table alone, none (no pricing)',
  intervals.length / (usageMs / 1000) / 1e6,
  'M intervals/s',
  `METER_COST none takes ${(endToEnd.none / usageMs).toFixed(2)}× its time`,
);
// The target figure: the year priced as METER_COST prices it (each half-hour's cost at its
// rate, the standing charge of each local day), before any table is laid out. The tables
// above are reported beside it: by day and month they are above the target too; a row per
// half-hour is bounded by making 17,568 rows, as METER_USAGE's own table shows.
const pricedMs = timeIt(() => {
  sink += priceMeter(series, tariff, meter, YEAR).cost.length;
});
report(
  'tariffs: pricing a year of half-hours on Agile',
  pricedMs,
  'ms',
  `${intervals.length} intervals`,
);
const rate = intervals.length / (pricedMs / 1000) / 1e6;
report(
  'tariffs: pricing rate',
  rate,
  'M intervals/s',
  `series → per-interval costs and standing charges: ${(rate / 5).toFixed(2)}× the 5 M/s target (tables: see METER_COST figures)`,
);
if (sink === 0) throw new Error('nothing priced');
flush();
