// Aggregation throughput on 10 meter-years of half-hours: the demo household's import and
// export meters over 2020–2024, with their real gaps. Target: ≥ 5 million intervals per
// second for profile and day, in Node.
import { type Aggregate, aggregate, completeSeries, resolveSpan } from '../shared/aggregate';
import { demoProvider } from '../shared/providers/demo';
import { runSync } from '../shared/flow';
import type { Meter, Series } from '../shared/model';
import { daysFromCivil } from '../shared/time/civil';
import { flush, report, timeIt } from './_harness';

const TARGET = 5e6;
const span = resolveSpan('Europe/London', daysFromCivil(2020, 1, 1), daysFromCivil(2024, 12, 31));
const ctx = { config: {}, clock: () => Date.UTC(2025, 0, 1), runtime: 'node' as const };
const meters = runSync(demoProvider.listMeters(ctx), { fetchAll: () => [] }).filter(
  (m: Meter) => m.fuel === 'electricity',
);
const series: Series[] = meters.map((meter) => {
  const s = runSync(demoProvider.usage(ctx, { meter, span, aggregate: 'none' }), {
    fetchAll: () => [],
  });
  return { ...s, intervals: completeSeries(s.intervals, span.from, span.to, meter.grid) };
});
const count = series.reduce((n, s) => n + s.intervals.length, 0);
console.log(`${count} half-hours (${meters.length} meters × 5 years)`);

for (const how of ['profile', 'day', 'week', 'month', 'hour', 'none'] as Aggregate[]) {
  const ms = timeIt(() => {
    for (const s of series) aggregate(s, span, how);
  });
  const rate = count / (ms / 1000);
  const targeted = how === 'profile' || how === 'day';
  report(
    `aggregation.${how}.intervals_per_s`,
    rate,
    'intervals/s',
    targeted ? `(${(rate / TARGET).toFixed(2)}× the 5M/s target)` : '',
  );
}
flush();
