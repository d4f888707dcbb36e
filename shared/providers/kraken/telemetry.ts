// METER_NOW from an Octopus Home Mini: `smartMeterTelemetry(deviceId)` without a range
// returns the latest reading: `demand` (W) and `consumption` (the import register,
// cumulative Wh), both as decimal strings. Kraken allows about 100 telemetry calls an hour
// per device, shared with the Octopus app, so a reading is kept per device for the refresh
// interval (every cell and every recalculation shares it), and once Kraken says the budget
// is spent (KT-GB-4042) no call is made for a cool-down period.
import { MeterError } from '../../errors';
import { type Flow, cacheGet, cachePut } from '../../flow';
import { fingerprint } from '../../http';
import type { Meter, NowReading } from '../../model';
import type { ProviderContext } from '../provider';
import { krakenSettings } from './config';
import { KrakenError, TELEMETRY_BUDGET, TOO_MANY_REQUESTS } from './errors';
import type { GraphqlOperation } from './wire';
import { openSession, runOperations } from './session';
import { parseInstant } from './time';

/** 40 calls an hour at most: well under the budget, leaving most of it to the app. */
export const TELEMETRY_REFRESH_MS = 90_000;
export const TELEMETRY_COOLDOWN_MS = 10 * 60_000;

const TELEMETRY_QUERY = `query krakenTelemetry($deviceId: String!) {
  smartMeterTelemetry(deviceId: $deviceId) {
    readAt
    consumption
    demand
  }
}`;

export function telemetryOperation(deviceId: string): GraphqlOperation {
  return {
    operationName: 'krakenTelemetry',
    query: TELEMETRY_QUERY,
    variables: { deviceId },
    what: 'the live reading',
  };
}

function decimal(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** The latest of the readings returned, or null when there is none. */
export function parseTelemetry(data: Record<string, unknown>): NowReading | null {
  const list = data.smartMeterTelemetry;
  if (!Array.isArray(list)) return null;
  let best: NowReading | null = null;
  for (const r of list as { readAt?: unknown; consumption?: unknown; demand?: unknown }[]) {
    const time = parseInstant(r?.readAt);
    if (time === null || (best && best.time >= time)) continue;
    const wh = decimal(r.consumption);
    best = {
      time,
      demandW: decimal(r.demand),
      counters: wh === null ? [] : [{ label: 'Import', value: wh / 1000, unit: 'kWh' }],
    };
  }
  return best;
}

interface CachedReading {
  reading: NowReading;
  at: number;
}

export function* telemetryNow(ctx: ProviderContext, meter: Meter): Flow<NowReading> {
  const settings = krakenSettings(ctx.config);
  if (meter.fuel !== 'electricity')
    throw new MeterError(
      'unsupported',
      `${meter.id} is gas: the Home Mini's live readings (METER_NOW) are for the electricity meter`,
    );
  const deviceId = meter.ref?.deviceId;
  if (!deviceId)
    throw new MeterError(
      'unsupported',
      `${meter.id} has no smart meter device Kraken can read live; METER_NOW needs an Octopus Home Mini`,
    );
  const id = fingerprint(settings.graphqlUrl + '|' + deviceId);
  const readingKey = `kraken:now:${id}`;
  const cooldownKey = `kraken:now-budget:${id}`;
  const now = ctx.clock();
  const [cached, cooling] = yield* cacheGet([readingKey, cooldownKey]);
  if (cooling && Number(cooling) > now)
    throw new MeterError(
      'rate-limit',
      `Kraken has used up the live-reading budget of this Home Mini (about 100 readings an hour, shared with the Octopus app); METER_NOW tries again in ${Math.ceil((Number(cooling) - now) / 60_000)} min`,
    );
  if (cached) {
    const c = JSON.parse(cached) as CachedReading;
    if (now - c.at < TELEMETRY_REFRESH_MS && now >= c.at) return c.reading;
  }
  const session = yield* openSession(ctx);
  let data: Record<string, unknown>;
  try {
    [data] = yield* runOperations(session, [telemetryOperation(deviceId)]);
  } catch (e) {
    if (e instanceof KrakenError && (e.code === TELEMETRY_BUDGET || e.code === TOO_MANY_REQUESTS)) {
      const until = now + TELEMETRY_COOLDOWN_MS;
      yield* cachePut([
        { key: cooldownKey, value: String(until), ttlSeconds: TELEMETRY_COOLDOWN_MS / 1000 },
      ]);
    }
    throw e;
  }
  const reading = parseTelemetry(data);
  if (!reading)
    throw new MeterError(
      'no-data',
      `Kraken has no live reading for ${meter.id}; METER_NOW needs an Octopus Home Mini paired with this meter`,
    );
  const entry: CachedReading = { reading, at: now };
  yield* cachePut([
    { key: readingKey, value: JSON.stringify(entry), ttlSeconds: TELEMETRY_REFRESH_MS / 1000 },
  ]);
  return reading;
}
