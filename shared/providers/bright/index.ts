// Bright, Hildebrand's free app on its Glowmarkt platform: any British smart meter's
// half-hourly electricity and gas (SMETS2, and the SMETS1 meters the DCC has adopted),
// with costs where Bright knows the tariff, whatever the supplier.
import type { Flow } from '../../flow';
import type { Meter, NowReading, Series } from '../../model';
import type { Provider, ProviderContext, UsageQuery } from '../provider';
import { BRIGHT_FIELDS, BRIGHT_ID, BRIGHT_LABEL } from './config';
import { listBrightMeters } from './meters';
import { NOW_REFRESH_MS, brightNow } from './now';
import { brightUsage } from './usage';

export const brightProvider: Provider = {
  id: BRIGHT_ID,
  label: BRIGHT_LABEL,
  fields: BRIGHT_FIELDS,
  hosts: ['api.glowmarkt.com'],
  nowRefreshMs: NOW_REFRESH_MS,
  listMeters(ctx: ProviderContext): Flow<Meter[]> {
    return listBrightMeters(ctx);
  },
  usage(ctx: ProviderContext, q: UsageQuery): Flow<Series> {
    return brightUsage(ctx, q);
  },
  now(ctx: ProviderContext, meter: Meter): Flow<NowReading> {
    return brightNow(ctx, meter);
  },
};
