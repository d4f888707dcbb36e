// The PowerShaper Monitor API on the wire: the two endpoints' requests and the parsing of
// their answers into the core's model. Pure functions, no effects.
//   GET {base}/meters/                         → [{consent_uuid, type, mpan, status, range, links}]
//   GET {base}/meter/{consent_uuid}/{type}?start=&end=&aggregate=&tz=
//                                              → [{time, energy_kwh, carbon_kg, error_count}]
import { MeterError } from '../../errors';
import { type HttpRequest, type HttpResponse, buildUrl, parseJsonBody } from '../../http';
import type { Fuel, Interval, Meter } from '../../model';
import { type CivilDay, MS_PER_HALF_HOUR, formatDay } from '../../time/civil';
import { parseInstant } from '../../time/iso';
import { civilDayAt } from '../../time/zone';

export const POWERSHAPER_ID = 'powershaper';
export const POWERSHAPER_LABEL = 'PowerShaper Monitor';
export const POWERSHAPER_DEFAULT_BASE = 'https://app.powershaper.io/meters/api/v1';
/** PowerShaper meters are in Great Britain; their first and last days are UK days. */
const UK_ZONE = 'Europe/London';
/** The zone we ask for: UTC days have no DST, so every record's time is unambiguous. */
export const REQUEST_TZ = 'Etc/UTC';

export type PowerShaperFuel = 'electricity' | 'gas';

/** One entry of the meter list, as the API sends it. */
export interface MeterWire {
  consent_uuid: string;
  type: string;
  /** Last four digits of the MPAN (electricity) — the API never sends the whole number. */
  mpan?: string | null;
  status?: string | null;
  range?: { earliest?: string | null; latest?: string | null } | null;
  links?: { records?: string | null } | null;
}

/** One usage record. With aggregate=none, one per half-hour starting at `time`. */
export interface RecordWire {
  time: string;
  energy_kwh: number | null;
  carbon_kg?: number | null;
  /** Half-hours missing from this row: 1 means the half-hour's figures are not real data. */
  error_count?: number | null;
}

export function authHeaders(token: string): Record<string, string> {
  return { Authorization: `Token ${token}`, Accept: 'application/json' };
}

export function meterListRequest(base: string, token: string): HttpRequest {
  // The trailing slash matters: the API is Django, which redirects /meters to /meters/.
  return { method: 'GET', url: base + '/meters/', headers: authHeaders(token) };
}

/** Native half-hours for the UTC days firstDay..lastDay (both inclusive, as the API takes them). */
export function recordsRequest(
  base: string,
  token: string,
  consent: string,
  fuel: PowerShaperFuel,
  firstDay: CivilDay,
  lastDay: CivilDay,
): HttpRequest {
  return {
    method: 'GET',
    url: buildUrl(base, `meter/${encodeURIComponent(consent)}/${fuel}`, {
      start: formatDay(firstDay),
      end: formatDay(lastDay),
      aggregate: 'none',
      tz: REQUEST_TZ,
    }),
    headers: authHeaders(token),
  };
}

function unreadable(what: string): MeterError {
  return new MeterError('provider', `${POWERSHAPER_LABEL} sent ${what} that could not be read`);
}

function dayOf(text: string | null | undefined): CivilDay | null {
  const t = parseInstant(text);
  return t === null ? null : civilDayAt(UK_ZONE, t);
}

function describe(m: MeterWire, fuel: PowerShaperFuel): string {
  const what = fuel === 'electricity' ? 'Electricity' : 'Gas';
  const mpan = fuel === 'electricity' && m.mpan ? ` (MPAN …${String(m.mpan).slice(-4)})` : '';
  const status = m.status && m.status.toLowerCase() !== 'active' ? `, ${m.status}` : '';
  return `${what}${mpan}, consent ${m.consent_uuid.slice(0, 8)}…${status}`;
}

/** The meter list as the core's meters; entries of other types are skipped. */
export function parseMeterList(response: HttpResponse): Meter[] {
  const body = parseJsonBody<unknown>(response, POWERSHAPER_LABEL);
  if (!Array.isArray(body)) throw unreadable('a meter list');
  const meters: Meter[] = [];
  for (const raw of body as MeterWire[]) {
    if (!raw || typeof raw.consent_uuid !== 'string' || !raw.consent_uuid)
      throw unreadable('a meter without a consent_uuid');
    const fuel = String(raw.type).toLowerCase();
    if (fuel !== 'electricity' && fuel !== 'gas') continue;
    const earliest = parseInstant(raw.range?.earliest ?? null);
    meters.push({
      id: `${POWERSHAPER_ID}:${raw.consent_uuid}:${fuel}`,
      provider: POWERSHAPER_ID,
      fuel: fuel as Fuel,
      direction: 'import',
      firstDay: dayOf(raw.range?.earliest),
      lastDay: dayOf(raw.range?.latest),
      label: describe(raw, fuel),
      grid: { kind: 'fixed', stepMs: MS_PER_HALF_HOUR },
      homeZone: UK_ZONE,
      ref: {
        consent: raw.consent_uuid,
        fuel,
        ...(earliest === null ? {} : { earliest: String(earliest) }),
      },
    });
  }
  return meters;
}

/**
 * Usage records as half-hour intervals. A record with a non-zero error_count is a half-hour
 * the meter data never arrived for: it is Missing (kwh null), whatever energy_kwh says.
 */
export function parseRecords(response: HttpResponse): Interval[] {
  const body = parseJsonBody<unknown>(response, POWERSHAPER_LABEL);
  if (!Array.isArray(body)) throw unreadable('usage records');
  const out: Interval[] = [];
  for (const r of body as RecordWire[]) {
    const start = parseInstant(r?.time);
    if (start === null) throw unreadable('a usage record time');
    const missing = typeof r.error_count === 'number' && r.error_count > 0;
    const kwh = !missing && typeof r.energy_kwh === 'number' ? r.energy_kwh : null;
    out.push({
      start,
      end: start + MS_PER_HALF_HOUR,
      kwh,
      carbonKg: kwh !== null && typeof r.carbon_kg === 'number' ? r.carbon_kg : null,
    });
  }
  return out;
}
