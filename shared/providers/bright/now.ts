// METER_NOW: GET /resource/{id}/current gives the live demand (W) where a Glow display
// (CAD) sends it; a DCC-only household has no live data, and says so.
import { MeterError } from '../../errors';
import type { Flow } from '../../flow';
import type { Meter, NowReading } from '../../model';
import type { ProviderContext } from '../provider';
import { BRIGHT_LABEL } from './config';
import { openSession, send } from './session';
import { currentRequest, parseCurrent } from './wire';

/** A Glow display sends a reading about every 10 s; a cell need not refresh faster. */
export const NOW_REFRESH_MS = 30_000;

const NO_DISPLAY = (meter: Meter) =>
  new MeterError(
    'no-data',
    `${BRIGHT_LABEL} has no live reading for ${meter.id}; METER_NOW needs a Glow display (CAD) linked to the Bright account`,
  );

export function* brightNow(ctx: ProviderContext, meter: Meter): Flow<NowReading> {
  const resource = meter.ref?.resource ?? meter.id.slice(meter.id.indexOf(':') + 1);
  const session = yield* openSession(ctx);
  const [response] = yield* send(session, [(s, t) => currentRequest(s, t, resource)]);
  if (response.status === 404) throw NO_DISPLAY(meter);
  if (response.status < 200 || response.status >= 300)
    throw new MeterError(
      response.status === 429 ? 'rate-limit' : response.status >= 500 ? 'unavailable' : 'provider',
      `${BRIGHT_LABEL} did not give the live reading of ${meter.id} (HTTP ${response.status}); try again later`,
    );
  const current = parseCurrent(response);
  if (!current) throw NO_DISPLAY(meter);
  return { time: current.time, demandW: current.watts, counters: [] };
}
