// What the cost functions share: the tariff context of a meter and range, the default
// tariff, and pricing a meter's series on a resolved tariff.
import type { Span } from '../aggregate';
import { MeterError } from '../errors';
import type { Flow } from '../flow';
import type { Meter, Series } from '../model';
import { type Priced, priceSeries } from '../tariffs/price';
import type { Tariff } from '../tariffs/model';
import { resolveTariff } from '../tariffs/resolve';
import type { TariffContext } from '../tariffs/sources';
import { DEMO_PROVIDER } from './context';
import { OCTOPUS_ID } from '../providers/octopus/wire';
import { ACCOUNT_TARIFF } from '../tariffs/sources/octopus-account';
import { KRAKEN_ID } from '../tariffs/sources/kraken-account';
import type { FunctionEnv } from './spec';

export function tariffContext(env: FunctionEnv, meter: Meter | null, span: Span): TariffContext {
  return {
    settings: env.settings,
    clock: env.clock,
    zone: span.zone,
    from: span.from,
    to: span.to,
    fuel: meter?.fuel ?? 'electricity',
    direction: meter?.direction ?? 'import',
    meter: meter ?? undefined,
    runtime: env.runtime ?? 'node',
    deadline: env.deadline,
  };
}

function demoDefault(meter: Meter): string {
  if (meter.fuel === 'gas') return 'demo-gas';
  return meter.direction === 'export' ? 'demo-export' : 'demo-flat';
}

/**
 * The tariff a formula naming none means: an Octopus or Kraken meter's account tariffs, else the
 * settings' default, else the demo's for a demo meter.
 */
export function defaultTariffText(meter: Meter, env: FunctionEnv): string {
  // An Octopus or Kraken meter: the tariffs on the account, as billed.
  if (meter.provider === OCTOPUS_ID || meter.provider === KRAKEN_ID) return ACCOUNT_TARIFF;
  const d = env.settings.tariffs?.default;
  if (d) return d;
  if (meter.provider === DEMO_PROVIDER) return demoDefault(meter);
  throw new MeterError(
    'config',
    'tariff: name a tariff (e.g. "AGILE-24-10-01" or "0.245 + 0.60/day") or set a default tariff in Settings',
  );
}

/** Resolves a tariff for a meter, refusing one for another fuel or direction. */
export function* tariffFor(text: string, meter: Meter, ctx: TariffContext): Flow<Tariff> {
  const tariff = yield* resolveTariff(text, ctx);
  if (tariff.fuel && tariff.fuel !== meter.fuel)
    throw new MeterError(
      'argument',
      `tariff: ${tariff.name} is a ${tariff.fuel} tariff; the meter ${meter.id} measures ${meter.fuel}`,
    );
  if (tariff.export !== undefined && tariff.export !== (meter.direction === 'export'))
    throw new MeterError(
      'argument',
      `tariff: ${tariff.name} is an ${tariff.export ? 'export' : 'import'} tariff; the meter ${meter.id} is ${meter.direction}`,
    );
  return tariff;
}

export function priceMeter(series: Series, tariff: Tariff, meter: Meter, span: Span): Priced {
  return priceSeries(
    series.intervals,
    tariff,
    span.zone,
    span.from,
    span.to,
    meter.direction === 'export',
  );
}

/** A result's cache life: the usage's, shortened while a tariff's rates are still coming. */
export function pricedTtl(usageTtl: number, tariffs: Tariff[]): number {
  let ttl = usageTtl;
  for (const t of tariffs) if (t.ttlSeconds !== undefined && t.ttlSeconds < ttl) ttl = t.ttlSeconds;
  return ttl;
}
