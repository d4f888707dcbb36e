// Kraken, the platform behind Octopus Energy and other suppliers (EDF, E.ON Next, Octopus
// in other countries…), through its GraphQL API: meters from the account's agreements,
// half-hourly usage and costs from `measurements`, live readings from a Home Mini.
import type { Flow } from '../../flow';
import type { Meter, NowReading, Series } from '../../model';
import type { Provider, ProviderContext, UsageQuery } from '../provider';
import { KRAKEN_FIELDS } from './config';
import { krakenUsage } from './measurements';
import { listKrakenMeters } from './meters';
import { TELEMETRY_REFRESH_MS, telemetryNow } from './telemetry';

export const krakenProvider: Provider = {
  id: 'kraken',
  label: 'Kraken',
  fields: KRAKEN_FIELDS,
  docsUrl: 'https://developer.octopus.energy/',
  // Other Krakens are reached through the base URL (and auth URL) settings.
  hosts: ['api.octopus.energy', 'auth.octopus.energy'],
  nowRefreshMs: TELEMETRY_REFRESH_MS,
  listMeters(ctx: ProviderContext): Flow<Meter[]> {
    return listKrakenMeters(ctx);
  },
  usage(ctx: ProviderContext, q: UsageQuery): Flow<Series> {
    return krakenUsage(ctx, q);
  },
  now(ctx: ProviderContext, meter: Meter): Flow<NowReading> {
    return telemetryNow(ctx, meter);
  },
};
