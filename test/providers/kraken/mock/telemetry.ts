// The mock Kraken's `smartMeterTelemetry`: what a Home Mini uploaded. Without a range, the
// latest reading; with `start`, `end` and `grouping` (all three, or KT-GB-4040), one reading
// per group. Values are decimal strings: `consumption` the import register in cumulative
// Wh, `demand` in W. Every call counts against a rolling hour's budget per device, which
// Kraken shares with the Octopus app; past it, KT-GB-4042.
import { MS_PER_DAY, MS_PER_HALF_HOUR, MS_PER_HOUR } from '../../../../shared/time/civil';
import { GraphqlFieldError } from './schema';
import { MOCK_ACCOUNT, MOCK_POINTS } from './customer';
import { demandAt, importKwhAt } from './household';
import { type Viewer, canRead } from './tokens';
import { iso, kerr, parseDateTime } from './wire';

const GROUPING_MS: Record<string, number> = {
  TEN_SECONDS: 10_000,
  ONE_MINUTE: 60_000,
  FIVE_MINUTES: 300_000,
  HALF_HOURLY: MS_PER_HALF_HOUR,
  HOURLY: MS_PER_HOUR,
};
const HISTORY_MS = 90 * MS_PER_DAY;

export interface TelemetryOptions {
  clock: () => number;
  firstMs: number;
  /** Calls allowed per device in any rolling hour. */
  budget: number;
  /** A Home Mini is paired: without one there are no readings. */
  homeMini: boolean;
}

export function createTelemetry(o: TelemetryOptions) {
  const calls: { device: string; at: number }[] = [];
  let register = { until: o.firstMs, kwh: 0 };

  /** The import register at t, in Wh, carried forward from the last answer. */
  function registerWh(t: number): number {
    if (t < register.until) register = { until: o.firstMs, kwh: 0 };
    while (register.until + MS_PER_HALF_HOUR <= t) {
      register.kwh += importKwhAt(register.until);
      register.until += MS_PER_HALF_HOUR;
    }
    const part = (t - register.until) / MS_PER_HALF_HOUR;
    return Math.round((register.kwh + importKwhAt(register.until) * part) * 1000);
  }

  function smartMeterTelemetry(args: Record<string, unknown>, viewer: Viewer) {
    const device = String(args.deviceId ?? '');
    const known = [MOCK_POINTS.import.deviceId, MOCK_POINTS.gas.deviceId];
    if (!known.includes(device) || !canRead(viewer, MOCK_ACCOUNT))
      throw kerr(
        'KT-GB-4050',
        'Smart meter not found.',
        'NOT_FOUND',
        'The smart meter could not be found in our database.',
      );
    const ranged = [args.start, args.end, args.grouping].filter(
      (x) => x !== undefined && x !== null,
    );
    if (ranged.length !== 0 && ranged.length !== 3)
      throw kerr(
        'KT-GB-4040',
        "'start', 'end', and 'grouping' must all be provided.",
        'VALIDATION',
      );
    const now = o.clock();
    const recent = calls.filter((c) => c.device === device && c.at > now - MS_PER_HOUR);
    if (recent.length >= o.budget)
      throw kerr(
        'KT-GB-4042',
        'Too many requests. Please wait before trying again.',
        'APPLICATION',
      );
    calls.push({ device, at: now });
    if (!o.homeMini) return [];
    const gas = device === MOCK_POINTS.gas.deviceId;
    const reading = (t: number, deltaWh: number | null, w: number | null) => ({
      __typename: 'SmartMeterTelemetryType',
      readAt: iso(t, 'UTC'),
      consumption: gas ? null : String(registerWh(t)),
      demand: gas || w === null ? null : String(w),
      consumptionDelta: deltaWh === null ? null : deltaWh.toFixed(4),
      costDelta: null,
    });
    if (ranged.length === 0) {
      // The Home Mini uploads every 10 seconds; the latest upload is a few seconds old.
      const t = Math.floor((now - 5_000) / 10_000) * 10_000;
      return [reading(t, null, gas ? null : demandAt(t))];
    }
    const start = parseDateTime(args.start, 'UTC', 'start');
    const end = parseDateTime(args.end, 'UTC', 'end');
    const step = GROUPING_MS[String(args.grouping)];
    if (!step)
      throw new GraphqlFieldError(
        `Expected value of type 'TelemetryGrouping', found ${String(args.grouping)}.`,
      );
    if (end <= start) throw kerr('KT-GB-4041', "'end' should be later than 'start'.", 'VALIDATION');
    if (start < now - HISTORY_MS)
      throw kerr('KT-GB-4051', 'The start of the range is too far in the past.', 'VALIDATION');
    const out = [];
    for (
      let t = Math.ceil(start / step) * step;
      t < Math.min(end, now) && out.length < 10_000;
      t += step
    ) {
      const wh = registerWh(Math.min(t + step, now)) - registerWh(t);
      out.push(reading(t, gas ? null : wh, gas ? null : demandAt(t)));
    }
    return out;
  }

  return { smartMeterTelemetry, calls };
}
