// What the aiaas-only functions (METER_APPLIANCES, METER_INSIGHT) share: the meter they
// mean (an aiaas one, and a clear error for any other) and the API's named periods.
import { resolveSpan } from '../aggregate';
import { MeterError, argumentError } from '../errors';
import type { Flow } from '../flow';
import type { Meter } from '../model';
import { type Provider, type ProviderContext, findProvider } from '../providers';
import type { StampWindow } from '../providers/aiaas/stamps';
import {
  NAMED_PERIODS,
  type NamedPeriod,
  asNamedPeriod,
  namedPeriodDays,
} from '../time/named-periods';
import { civilDayAt } from '../time/zone';
import { parseOptionalText, single, isBlank } from './args';
import { providerContext, providersOf, resolveMeter } from './context';
import type { FunctionEnv } from './spec';
import { TTL_TODAY, TTL_YESTERDAY, secondsUntilTomorrow } from './ttl';

export const AIAAS = 'aiaas';

export const AIAAS_METER_DOC =
  'An aiaas meter id from METER_METERS(), or "aiaas". Default: the default meter in Settings when it is an aiaas one, else the aiaas account in Settings.';

export interface AiaasTarget {
  meter: Meter;
  provider: Provider;
  ctx: ProviderContext;
}

/** The aiaas meter a formula means; any other provider's meter is a clear error. */
export function* aiaasTarget(meterArg: unknown, env: FunctionEnv, fn: string): Flow<AiaasTarget> {
  const given = parseOptionalText(meterArg, 'meter', 'an aiaas meter id or "aiaas"');
  const fallback = env.settings.defaultMeter ?? '';
  const isAiaas = (t: string) => t.toLowerCase().split(':')[0] === AIAAS;
  const meter = yield* resolveMeter(given ?? (isAiaas(fallback) ? fallback : AIAAS), env);
  const provider = findProvider(meter.provider, providersOf(env));
  if (meter.provider !== AIAAS || !provider)
    throw new MeterError(
      'unsupported',
      `meter: ${fn} needs a meter of the Italian appliance API (aiaas); ${meter.id} is from ${provider?.label ?? meter.provider}`,
    );
  return { meter, provider, ctx: providerContext(provider, env) };
}

const PERIOD_EXPECTED = `one of ${NAMED_PERIODS.join(', ')}`;

/** One of the API's named periods, or null when blank. */
export function parseApiPeriod(value: unknown): NamedPeriod | null {
  const v = single(value);
  if (isBlank(v)) return null;
  const name = typeof v === 'string' ? asNamedPeriod(v) : null;
  if (!name) throw argumentError('period', PERIOD_EXPECTED, v);
  return name;
}

export function requireApiPeriod(value: unknown, what: string): NamedPeriod {
  const p = parseApiPeriod(value);
  if (!p)
    throw argumentError('period', `${PERIOD_EXPECTED} (${what} is per period)`, single(value));
  return p;
}

/** The instants a named period covers in the zone, as of now. */
export function periodWindow(period: NamedPeriod, zone: string, now: number): StampWindow {
  const d = namedPeriodDays(period, civilDayAt(zone, now));
  const span = resolveSpan(zone, d.first, d.last);
  return { from: span.from, to: span.to };
}

/**
 * How long a period's answer may be reused: a few minutes while it includes today, half
 * an hour once past, and never beyond midnight, when "yesterday" means another day.
 */
export function periodTtl(
  period: NamedPeriod | null,
  zone: string,
  now: number,
  otherwise: number,
): number {
  const ttl = period === null ? otherwise : period.startsWith('this-') ? TTL_TODAY : TTL_YESTERDAY;
  return Math.min(ttl, secondsUntilTomorrow(zone, now));
}
