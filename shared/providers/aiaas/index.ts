// aiaas: an Italian household-energy API that splits a home's electricity use by appliance
// (fridge, washing machine, oven…) from its meter, and analyses it (habits, tariff-band
// trend, savings, when the grid is greenest). Its realm, and so its id here, is "aiaas".
// It answers for named periods only (yesterday, last-week…), never for arbitrary dates.
import { MeterError } from '../../errors';
import type { Flow } from '../../flow';
import type { Meter, NowReading, Series } from '../../model';
import { formatDay } from '../../time/civil';
import { NAMED_PERIODS, namedPeriodDays, namedPeriodOf } from '../../time/named-periods';
import { civilDayAt } from '../../time/zone';
import type { Provider, ProviderContext, UsageQuery } from '../provider';
import { accessToken, callApi } from './client';
import { PROVIDER_NAME } from './wire';
import { AIAAS_FIELDS } from './config';
import { SAMPLE_MS, powerSamples, samplesToIntervals } from './usage';

export const AIAAS_LABEL = 'aiaas (Italian appliance API)';
/** The zone the service counts its days in. */
export const ITALY_ZONE = 'Europe/Rome';

function meterOf(ctx: ProviderContext): Meter {
  // Only the account: a bad endpoint path must not take METER_METERS down with it.
  const account = String(ctx.config.accountNumber ?? '').trim();
  const today = civilDayAt(ITALY_ZONE, ctx.clock());
  return {
    id: `${PROVIDER_NAME}:${account}`,
    provider: PROVIDER_NAME,
    fuel: 'electricity',
    direction: 'import',
    // The longest way back the API goes: the first day of last month.
    firstDay: namedPeriodDays('last-month', today).first,
    lastDay: today,
    label: `Household electricity by appliance, account ${account} (named periods only: ${NAMED_PERIODS.join(', ')})`,
    grid: { kind: 'fixed', stepMs: SAMPLE_MS },
    homeZone: ITALY_ZONE,
    ref: { account },
  };
}

function* usage(ctx: ProviderContext, q: UsageQuery): Flow<Series> {
  const today = civilDayAt(q.span.zone, ctx.clock());
  const period = namedPeriodOf(q.span.firstDay, q.span.lastDay, today);
  if (!period) {
    const asked =
      q.span.firstDay === q.span.lastDay
        ? formatDay(q.span.firstDay)
        : `${formatDay(q.span.firstDay)}..${formatDay(q.span.lastDay)}`;
    throw new MeterError(
      'unsupported',
      `${AIAAS_LABEL} answers only for the periods ${NAMED_PERIODS.join(', ')} (today is ${formatDay(today)} in ${q.span.zone}); ${asked} is none of them: ask e.g. METER_USAGE("last-week")`,
    );
  }
  const window = { from: q.span.from, to: q.span.to };
  const [data] = yield* callApi(ctx, [{ endpoint: 'consumption', period }]);
  return {
    intervals: samplesToIntervals(powerSamples(data, window), window),
    carbon: false,
    cost: false,
  };
}

function* now(ctx: ProviderContext): Flow<NowReading> {
  const [data] = yield* callApi(ctx, [{ endpoint: 'realtime' }]);
  const w = (data as { realtime_consumption?: unknown } | null)?.realtime_consumption;
  if (typeof w !== 'number' || !Number.isFinite(w))
    throw new MeterError(
      'provider',
      `${PROVIDER_NAME} sent realtime consumption without a number of watts`,
    );
  // The answer carries no time of its own: it is the power as of the request.
  return { time: Math.floor(ctx.clock() / 1000) * 1000, demandW: w, counters: [] };
}

export const aiaasProvider: Provider = {
  id: PROVIDER_NAME,
  label: AIAAS_LABEL,
  fields: AIAAS_FIELDS,
  // The service publishes no public host: every instance is at the address its user was given.
  hosts: [],
  nowRefreshMs: 30_000,
  *listMeters(ctx) {
    yield* accessToken(ctx); // proves the client credentials before anything else is asked
    return [meterOf(ctx)];
  },
  usage,
  now: (ctx) => now(ctx),
};
