// Example Energy's API as it is on the wire (step 3 of docs/adding-a-provider.md): the
// requests, and the answers parsed into the core's model. No I/O here or anywhere in a
// provider: requests are data the host sends.
import {
  type HttpRequest,
  type HttpResponse,
  buildUrl,
  parseJsonBody,
} from '../../../../shared/http';
import type { Interval, Meter } from '../../../../shared/model';
import { MS_PER_HALF_HOUR } from '../../../../shared/time/civil';

export const EXAMPLE_ID = 'example';
export const EXAMPLE_LABEL = 'Example Energy';
export const EXAMPLE_DEFAULT_BASE = 'https://api.example-energy.test/v1';

/** GET /meters: `[{ "id": "E1", "fuel": "electricity" }]`. */
export interface WireMeter {
  id: string;
  fuel: 'electricity' | 'gas';
}

/** GET /meters/{id}/readings?from&to (UTC ms): `{ "readings": [{ "start": ms, "kwh": n }] }`. */
export interface WireReadings {
  readings: { start: number; kwh: number }[];
}

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export function meterListRequest(base: string, token: string): HttpRequest {
  return { method: 'GET', url: buildUrl(base, 'meters'), headers: auth(token) };
}

export function readingsRequest(
  base: string,
  token: string,
  meterId: string,
  from: number,
  to: number,
): HttpRequest {
  return {
    method: 'GET',
    url: buildUrl(base, `meters/${encodeURIComponent(meterId)}/readings`, { from, to }),
    headers: auth(token),
  };
}

export function parseMeters(r: HttpResponse): Meter[] {
  return parseJsonBody<WireMeter[]>(r, EXAMPLE_LABEL).map((m) => ({
    id: `${EXAMPLE_ID}:${m.id}`,
    provider: EXAMPLE_ID,
    fuel: m.fuel,
    direction: 'import',
    firstDay: null,
    lastDay: null,
    label: `${m.fuel === 'gas' ? 'Gas' : 'Electricity'} (${m.id})`,
    grid: { kind: 'fixed', stepMs: MS_PER_HALF_HOUR },
    ref: { meter: m.id },
  }));
}

export function parseReadings(r: HttpResponse): Interval[] {
  return parseJsonBody<WireReadings>(r, EXAMPLE_LABEL).readings.map((x) => ({
    start: x.start,
    end: x.start + MS_PER_HALF_HOUR,
    kwh: x.kwh,
  }));
}
