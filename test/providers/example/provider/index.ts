// Example Energy: the provider object (step 4 of docs/adding-a-provider.md). It describes
// requests as effects (getWithRetry yields them) and turns answers into meters and
// intervals; ranges longer than a week go out as parallel shards in one batch.
import type { Flow } from '../../../../shared/flow';
import type { Meter, Series } from '../../../../shared/model';
import { shardRange } from '../../../../shared/providers/common';
import type { Provider, ProviderContext, UsageQuery } from '../../../../shared/providers/provider';
import { baseUrlOf, expectOk, getWithRetry } from '../../../../shared/providers/rest';
import { MS_PER_DAY } from '../../../../shared/time/civil';
import { EXAMPLE_FIELDS } from './config';
import {
  EXAMPLE_DEFAULT_BASE,
  EXAMPLE_ID,
  EXAMPLE_LABEL,
  meterListRequest,
  parseMeters,
  parseReadings,
  readingsRequest,
} from './wire';

const SHARD_MS = 7 * MS_PER_DAY;
const wording = (what: string) => ({
  provider: EXAMPLE_LABEL,
  what,
  authHint: 'copy the API token again from your Example Energy account page',
});

function* listMeters(ctx: ProviderContext): Flow<Meter[]> {
  const base = baseUrlOf(ctx, EXAMPLE_DEFAULT_BASE);
  const [r] = yield* getWithRetry(ctx, [meterListRequest(base, String(ctx.config.token))]);
  return parseMeters(expectOk(r, wording('the meter list')));
}

function* usage(ctx: ProviderContext, q: UsageQuery): Flow<Series> {
  const base = baseUrlOf(ctx, EXAMPLE_DEFAULT_BASE);
  const meter = q.meter.ref?.meter ?? q.meter.id;
  const requests = shardRange(q.span.from, q.span.to, SHARD_MS, MS_PER_DAY).map(([a, b]) =>
    readingsRequest(base, String(ctx.config.token), meter, a, b),
  );
  const responses = yield* getWithRetry(ctx, requests);
  const intervals = responses.flatMap((r) => parseReadings(expectOk(r, wording('readings'))));
  return { intervals, carbon: false, cost: false };
}

export const exampleProvider: Provider = {
  id: EXAMPLE_ID,
  label: EXAMPLE_LABEL,
  fields: EXAMPLE_FIELDS,
  hosts: ['api.example-energy.test'],
  listMeters,
  usage,
};
