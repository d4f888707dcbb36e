// The Octopus Energy REST API on the wire (the same API every Kraken supplier serves):
// requests and the parsing of answers. Pure functions, no effects.
//   GET {base}/v1/accounts/{number}/  → properties[].electricity_meter_points[] / gas_meter_points[]
//   GET {base}/v1/{electricity|gas}-meter-points/{mpan|mprn}/meters/{serial}/consumption/
//       ?period_from&period_to&page_size&order_by → {count, next, previous, results[]}
import { MeterError } from '../../errors';
import {
  type HttpRequest,
  type HttpResponse,
  type QueryValue,
  basicAuth,
  buildUrl,
  parseJsonBody,
} from '../../http';
import type { Interval } from '../../model';
import { parseInstant } from '../../time/iso';

export const OCTOPUS_ID = 'octopus';
export const OCTOPUS_LABEL = 'Octopus Energy';
export const OCTOPUS_DEFAULT_BASE = 'https://api.octopus.energy';
/** The API's largest page: a year of half-hours (17,568) fits in one. */
export const MAX_PAGE_SIZE = 25_000;

export type OctopusKind = 'electricity' | 'gas';

interface MeterWire {
  serial_number?: string | null;
}
interface ElectricityPointWire {
  mpan?: string;
  is_export?: boolean;
  meters?: MeterWire[];
}
interface GasPointWire {
  mprn?: string;
  meters?: MeterWire[];
}
interface PropertyWire {
  moved_out_at?: string | null;
  electricity_meter_points?: ElectricityPointWire[];
  gas_meter_points?: GasPointWire[];
}
interface AccountWire {
  number?: string;
  properties?: PropertyWire[];
}
interface ConsumptionWire {
  consumption: number | null;
  interval_start: string;
  interval_end: string;
}
interface ConsumptionPageWire {
  count?: number;
  next?: string | null;
  results?: ConsumptionWire[];
}

/** A meter (one serial on one meter point) found on the account. */
export interface MeterCandidate {
  kind: OctopusKind;
  /** MPAN (electricity) or MPRN (gas). */
  point: string;
  serial: string;
  export: boolean;
  /** On a property the account holder has moved out of. */
  previousHome: boolean;
}

export interface ConsumptionPage {
  count: number | null;
  next: string | null;
  /** Raw consumption: kWh, or m³ for SMETS2 gas (converted by the caller). */
  intervals: Interval[];
}

function headers(apiKey: string): Record<string, string> {
  // HTTP Basic with the key as user name and an empty password.
  return { Authorization: basicAuth(apiKey, ''), Accept: 'application/json' };
}

export function accountRequest(base: string, apiKey: string, account: string): HttpRequest {
  return {
    method: 'GET',
    url: buildUrl(base, `v1/accounts/${encodeURIComponent(account)}/`),
    headers: headers(apiKey),
  };
}

export function consumptionRequest(
  base: string,
  apiKey: string,
  meter: { kind: OctopusKind; point: string; serial: string },
  params: Record<string, QueryValue>,
): HttpRequest {
  const path =
    `v1/${meter.kind}-meter-points/${encodeURIComponent(meter.point)}` +
    `/meters/${encodeURIComponent(meter.serial)}/consumption/`;
  return { method: 'GET', url: buildUrl(base, path, params), headers: headers(apiKey) };
}

function unreadable(what: string): MeterError {
  return new MeterError('provider', `${OCTOPUS_LABEL} sent ${what} that could not be read`);
}

/** Every meter serial on every meter point of every property on the account. */
export function parseAccount(response: HttpResponse): MeterCandidate[] {
  const body = parseJsonBody<AccountWire>(response, OCTOPUS_LABEL);
  if (!body || typeof body !== 'object' || !Array.isArray(body.properties))
    throw unreadable('account details');
  const out: MeterCandidate[] = [];
  const seen = new Set<string>();
  const add = (c: MeterCandidate) => {
    const key = `${c.kind}:${c.point}:${c.serial}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  for (const property of body.properties) {
    const previousHome = !!property.moved_out_at;
    for (const p of property.electricity_meter_points ?? []) {
      if (!p.mpan) continue;
      for (const m of p.meters ?? [])
        if (m.serial_number && m.serial_number.trim())
          add({
            kind: 'electricity',
            point: String(p.mpan),
            serial: m.serial_number.trim(),
            export: p.is_export === true,
            previousHome,
          });
    }
    for (const p of property.gas_meter_points ?? []) {
      if (!p.mprn) continue;
      for (const m of p.meters ?? [])
        if (m.serial_number && m.serial_number.trim())
          add({
            kind: 'gas',
            point: String(p.mprn),
            serial: m.serial_number.trim(),
            export: false,
            previousHome,
          });
    }
  }
  return out;
}

/** One page of consumption; times carry their own offsets (+01:00 in summer, Z in winter). */
export function parseConsumptionPage(response: HttpResponse): ConsumptionPage {
  const body = parseJsonBody<ConsumptionPageWire>(response, OCTOPUS_LABEL);
  if (!body || typeof body !== 'object' || !Array.isArray(body.results))
    throw unreadable('consumption');
  const intervals: Interval[] = [];
  for (const r of body.results) {
    const start = parseInstant(r?.interval_start);
    const end = parseInstant(r?.interval_end);
    if (start === null || end === null || !(end > start))
      throw unreadable('a consumption interval');
    intervals.push({
      start,
      end,
      kwh:
        typeof r.consumption === 'number' && Number.isFinite(r.consumption) ? r.consumption : null,
    });
  }
  return {
    count: typeof body.count === 'number' ? body.count : null,
    next: typeof body.next === 'string' && body.next ? body.next : null,
    intervals,
  };
}
