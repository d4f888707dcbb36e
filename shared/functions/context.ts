// What every function needs besides its arguments: providers, meters, series.
import { completeSeries } from '../aggregate';
import { applyIntensity, carbonChoice, intensityFor, type IntensityPoint } from '../carbon';
import type { Aggregate } from '../aggregate';
import type { Span } from '../aggregate/span';
import { MeterError, argumentError } from '../errors';
import { type Flow, all, cacheGet, cachePut } from '../flow';
import { fingerprint } from '../http';
import type { Meter, Series } from '../model';
import { PROVIDERS, type Provider, type ProviderContext, findProvider } from '../providers';
import { DEFAULT_TIMEZONE, isConfigured } from '../settings';
import { canonicalZone } from '../time/zone';
import { parseOptionalText, parseTimezone } from './args';
import type { FunctionEnv } from './spec';

export const DEMO_PROVIDER = 'demo';
const METER_LIST_TTL_SECONDS = 3600;

export function providersOf(env: FunctionEnv): Provider[] {
  return env.providers ?? PROVIDERS;
}

export function providerContext(provider: Provider, env: FunctionEnv): ProviderContext {
  return {
    config: env.settings.providers[provider.id] ?? {},
    clock: env.clock,
    runtime: env.runtime ?? 'node',
    deadline: env.deadline,
  };
}

/**
 * The zone a function works in: its argument, else the settings', else the meter's home
 * zone (a Dutch HomeWizard meter counts Dutch days), else Europe/London. Without a meter
 * (not resolved yet) the last step is skipped: call again once it is known.
 */
export function zoneOf(value: unknown, env: FunctionEnv, meter?: Meter | null): string {
  return parseTimezone(value, env.settings.timezone ?? homeZoneOf(meter) ?? DEFAULT_TIMEZONE);
}

/** A meter's home zone when it is one Intl knows (it came over the wire, from a cache). */
function homeZoneOf(meter: Meter | null | undefined): string | null {
  return typeof meter?.homeZone === 'string' ? canonicalZone(meter.homeZone) : null;
}

export function isUsable(provider: Provider, env: FunctionEnv): boolean {
  return (
    provider.id === DEMO_PROVIDER ||
    isConfigured(env.settings.providers[provider.id], provider.fields)
  );
}

function requireUsable(provider: Provider, env: FunctionEnv): void {
  if (isUsable(provider, env)) return;
  const missing = provider.fields.filter(
    (f) => f.required && !env.settings.providers[provider.id]?.[f.key],
  );
  throw new MeterError(
    'config',
    `${provider.label} is not set up: fill in ${missing.map((f) => f.label).join(', ')} in Settings`,
  );
}

/** A provider's meters, cached for an hour per provider and credentials. */
export function* metersOf(provider: Provider, env: FunctionEnv): Flow<Meter[]> {
  requireUsable(provider, env);
  const ctx = providerContext(provider, env);
  if (provider.id === DEMO_PROVIDER) return yield* provider.listMeters(ctx);
  const key = `meters:${provider.id}:${fingerprint(JSON.stringify(ctx.config))}`;
  const [hit] = yield* cacheGet([key]);
  if (hit) return JSON.parse(hit) as Meter[];
  const meters = yield* provider.listMeters(ctx);
  yield* cachePut([{ key, value: JSON.stringify(meters), ttlSeconds: METER_LIST_TTL_SECONDS }]);
  return meters;
}

const METER_EXPECTED = 'a meter id from METER_METERS() (like demo:electricity) or a provider name';

/**
 * The meter a formula means: an id (`provider:…`), a provider name (its default meter:
 * electricity import first), or nothing (the settings' default meter, else the demo).
 */
export function* resolveMeter(value: unknown, env: FunctionEnv): Flow<Meter> {
  const text =
    parseOptionalText(value, 'meter', METER_EXPECTED) ?? env.settings.defaultMeter ?? DEMO_PROVIDER;
  const colon = text.indexOf(':');
  const providerName = colon < 0 ? text : text.slice(0, colon);
  const provider = findProvider(providerName, providersOf(env));
  if (!provider) {
    const known = providersOf(env)
      .map((p) => p.id)
      .join(', ');
    throw argumentError('meter', `${METER_EXPECTED} (${known})`, text);
  }
  const meters = yield* metersOf(provider, env);
  if (colon < 0) {
    const preferred =
      meters.find((m) => m.fuel === 'electricity' && m.direction === 'import') ??
      (meters.length > 0 ? meters[0] : null);
    if (!preferred)
      throw new MeterError('not-found', `${provider.label} lists no meters for these credentials`);
    return preferred;
  }
  const wanted = text.toLowerCase();
  const meter = meters.find((m) => m.id.toLowerCase() === wanted);
  if (!meter)
    throw new MeterError(
      'not-found',
      `meter: no meter "${text}"; ${provider.label} has ${meters.map((m) => m.id).join(', ') || 'no meters'}`,
    );
  return meter;
}

/**
 * The meter's data over the span, gap-free: unreported intervals are explicit Missing.
 * When a grid carbon source applies to the meter (docs/carbon.md), its intensity is
 * fetched in the same batch as the usage and joined interval by interval.
 */
export function* seriesFor(
  env: FunctionEnv,
  meter: Meter,
  span: Span,
  aggregate: Aggregate,
): Flow<Series> {
  const provider = findProvider(meter.provider, providersOf(env)) as Provider;
  const usage = provider.usage(providerContext(provider, env), { meter, span, aggregate });
  const choice = carbonChoice(env.settings, meter, provider.reportsCarbon === true);
  let series: Series;
  let points: IntensityPoint[] | null = null;
  if (choice.kind === 'grid') {
    const query = {
      kind: 'range' as const,
      area: choice.area,
      from: span.from,
      to: span.to,
      mix: false,
    };
    const [s, p] = yield* all<Series | IntensityPoint[]>([usage, intensityFor(env, query, meter)]);
    series = s as Series;
    points = p as IntensityPoint[];
  } else series = yield* usage;
  series = {
    ...series,
    intervals: completeSeries(series.intervals, span.from, span.to, meter.grid),
  };
  if (points) return applyIntensity(series, points, meter.direction);
  if (choice.kind === 'none' && series.carbon)
    return {
      ...series,
      carbon: false,
      intervals: series.intervals.map((iv) => ({ ...iv, carbonKg: undefined })),
    };
  return series;
}
