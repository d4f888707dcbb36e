// An Octopus Energy REST API peer (Django REST framework, as api.octopus.energy is):
// HTTP Basic with the API key as user name; GET /v1/accounts/{number}/ with properties and
// their electricity (import and export) and gas meter points; and per-meter consumption,
// page-number paginated ({count, next, previous, results}), page_size up to 25,000
// (larger values are capped, as DRF's max_page_size does), period_from inclusive,
// period_to exclusive, newest first unless order_by=period. Times are written in UK local
// time: +01:00 in summer, Z in winter. Intervals whose data never arrived are absent.
// SMETS2 gas is reported in m³ (SMETS1 in kWh: option gasUnit). group_by is not simulated.
import { base64Decode } from '../../../shared/http';
import { GAS_VOLUME_CORRECTION } from '../../../shared/providers/octopus/gas-units';
import { daysFromCivil } from '../../../shared/time/civil';
import { formatInstant, parseInstant } from '../../../shared/time/iso';
import { dayBoundaries, offsetAt } from '../../../shared/time/zone';
import { HH, ZONE, dataEnd, halfHourAt } from '../../mocks/household';
import { type MockHandler, type MockRequest, json, text } from '../../mocks/mock-http';

export const DEFAULT_API_KEY = 'sk_live_MockOctopusKey4f8a2c9e1b7d';
export const DEFAULT_ACCOUNT = 'A-1B2C3D4E';
export const IMPORT_MPAN = '1200012345678';
export const EXPORT_MPAN = '1250012345670';
export const GAS_MPRN = '8870012345';
/** The smart meter (import and export registers of one physical meter). */
export const SMART_SERIAL = '21L4381234';
/** The meter it replaced: still listed on the meter point, with no consumption. */
export const OLD_SERIAL = 'S81A012345';
export const GAS_SERIAL = 'E6S12345678961';

type Kind = 'electricity' | 'gas';

export interface OctopusMockOptions {
  apiKey?: string;
  account?: string;
  /** The mock's clock, UTC ms (default: the real one). */
  now?: () => number;
  /** DRF max_page_size (the real API: 25,000). Lower it to exercise paging. */
  maxPageSize?: number;
  /** SMETS2 gas meters report m³ (default); SMETS1 report kWh. */
  gasUnit?: 'm3' | 'kWh';
  /** The calorific value the "meter" burnt its gas at, MJ/m³. */
  calorificValue?: number;
  /** Origin written into next/previous links when the request has no Host header. */
  origin?: string;
  /**
   * When each half-hour's data reaches the API (UTC ms), for late data: a day that shows up
   * two days after the fact, a gap that fills in later. Default: as the household's data end.
   */
  arrives?: (start: number) => number;
}

interface MockMeter {
  kind: Kind;
  point: string;
  serial: string;
  flow: 'import' | 'export' | 'gas' | 'none';
}

const reportedCache = new Map<string, number[]>();

function firstAtOrAfter(sorted: number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createMock(options: OctopusMockOptions = {}) {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const account = options.account ?? DEFAULT_ACCOUNT;
  const now = options.now ?? Date.now;
  const maxPageSize = options.maxPageSize ?? 25_000;
  const gasUnit = options.gasUnit ?? 'm3';
  const cv = options.calorificValue ?? 40;
  const movedIn = dayBoundaries(ZONE, daysFromCivil(2021, 3, 12), daysFromCivil(2021, 3, 12))[0];
  const meters: MockMeter[] = [
    { kind: 'electricity', point: IMPORT_MPAN, serial: OLD_SERIAL, flow: 'none' },
    { kind: 'electricity', point: IMPORT_MPAN, serial: SMART_SERIAL, flow: 'import' },
    { kind: 'electricity', point: EXPORT_MPAN, serial: SMART_SERIAL, flow: 'export' },
    { kind: 'gas', point: GAS_MPRN, serial: GAS_SERIAL, flow: 'gas' },
  ];

  /** What the meter reported for the half-hour at t (m³ for SMETS2 gas), or null. */
  function consumptionAt(m: MockMeter, t: number): number | null {
    if (m.flow === 'none' || t < movedIn || t + HH > dataEnd(now())) return null;
    const h = halfHourAt(t);
    if (m.flow === 'gas') {
      if (h.gasGap) return null;
      const v = gasUnit === 'm3' ? (h.gasKwh * 3.6) / (GAS_VOLUME_CORRECTION * cv) : h.gasKwh;
      return Math.round(v * 1000) / 1000;
    }
    if (h.electricityGap) return null;
    return m.flow === 'import' ? h.importKwh : h.exportKwh;
  }

  // Every interval start the meter has reported, computed once per data horizon: paging
  // and counting are then slices, as fast as the real service's database answers.
  function reported(m: MockMeter): number[] {
    const until = dataEnd(now());
    const key = `${m.flow}:${movedIn}:${until}`; // gaps do not depend on units or options
    let starts = reportedCache.get(key);
    if (!starts) {
      starts = [];
      for (let t = movedIn; t + HH <= until; t += HH)
        if (consumptionAt(m, t) !== null) starts.push(t);
      reportedCache.set(key, starts);
    }
    const arrives = options.arrives;
    return arrives ? starts.filter((t) => arrives(t) <= now()) : starts;
  }

  const detail = (status: number, message: string, headers: Record<string, string> = {}) =>
    json(status, { detail: message }, headers);

  function authenticate(req: MockRequest) {
    const h = req.headers.authorization ?? '';
    const challenge = { 'www-authenticate': 'Basic realm="api"' };
    const m = /^Basic\s+(\S+)$/i.exec(h.trim());
    if (!m) return detail(401, 'Authentication credentials were not provided.', challenge);
    let user: string;
    try {
      user = base64Decode(m[1]).split(':')[0];
    } catch {
      return detail(
        401,
        'Invalid basic header. Credentials not correctly base64 encoded.',
        challenge,
      );
    }
    if (user !== apiKey) return detail(401, 'Invalid API key.', challenge);
    return null;
  }

  function accountBody() {
    const agreements = (code: string) => [
      { tariff_code: code, valid_from: formatInstant(movedIn), valid_to: null },
    ];
    // The import meter moved from Flexible to Agile at the start of 16 October 2024 (BST).
    const switched = formatInstant(Date.UTC(2024, 9, 15, 23));
    const importAgreements = [
      {
        tariff_code: 'E-1R-VAR-22-11-01-N',
        valid_from: formatInstant(movedIn),
        valid_to: switched,
      },
      { tariff_code: 'E-1R-AGILE-24-10-01-N', valid_from: switched, valid_to: null },
    ];
    return {
      number: account,
      properties: [
        {
          id: 4201337,
          moved_in_at: formatInstant(movedIn, offsetAt(ZONE, movedIn)),
          moved_out_at: null,
          address_line_1: '12 Acacia Avenue',
          address_line_2: '',
          address_line_3: '',
          town: 'STOCKPORT',
          county: '',
          postcode: 'SK4 1AA',
          electricity_meter_points: [
            {
              mpan: IMPORT_MPAN,
              profile_class: 1,
              consumption_standard: 3400,
              meters: [
                {
                  serial_number: OLD_SERIAL,
                  registers: [{ identifier: '1', rate: 'STANDARD', is_settlement_register: true }],
                },
                {
                  serial_number: SMART_SERIAL,
                  registers: [{ identifier: '1', rate: 'STANDARD', is_settlement_register: true }],
                },
              ],
              agreements: importAgreements,
              is_export: false,
            },
            {
              mpan: EXPORT_MPAN,
              profile_class: 8,
              consumption_standard: 0,
              meters: [
                {
                  serial_number: SMART_SERIAL,
                  registers: [{ identifier: '1', rate: 'STANDARD', is_settlement_register: true }],
                },
              ],
              agreements: agreements('E-1R-OUTGOING-VAR-24-10-26-N'),
              is_export: true,
            },
          ],
          gas_meter_points: [
            {
              mprn: GAS_MPRN,
              consumption_standard: 11500,
              meters: [{ serial_number: GAS_SERIAL }],
              agreements: agreements('G-1R-VAR-22-11-01-N'),
            },
          ],
        },
      ],
    };
  }

  function consumption(req: MockRequest, m: MockMeter) {
    const q = req.query;
    const errors: Record<string, string[]> = {};
    const from = q.period_from === undefined ? null : parseInstant(q.period_from);
    const to = q.period_to === undefined ? null : parseInstant(q.period_to);
    if (q.period_from !== undefined && from === null)
      errors.period_from = ['Enter a valid date/time.'];
    if (q.period_to !== undefined && to === null) errors.period_to = ['Enter a valid date/time.'];
    const order = q.order_by ?? '-period';
    if (order !== 'period' && order !== '-period')
      errors.order_by = [`Select a valid choice. ${order} is not one of the available choices.`];
    if (q.group_by !== undefined)
      errors.group_by = ['group_by is not simulated by this mock (meter-sheets never sends it).'];
    if (Object.keys(errors).length > 0) return json(400, errors);
    const requested = Number(q.page_size);
    const pageSize =
      Number.isInteger(requested) && requested > 0 ? Math.min(requested, maxPageSize) : 100;
    const all = reported(m);
    const starts = all.slice(
      from === null ? 0 : firstAtOrAfter(all, from),
      to === null ? all.length : firstAtOrAfter(all, to),
    );
    if (order === '-period') starts.reverse(); // a copy: slice() above
    const page = q.page === undefined ? 1 : Number(q.page);
    const pages = Math.max(1, Math.ceil(starts.length / pageSize));
    if (!Number.isInteger(page) || page < 1 || page > pages) return detail(404, 'Invalid page.');
    const origin = req.headers.host
      ? `http://${req.headers.host}`
      : (options.origin ?? 'https://api.octopus.energy');
    const link = (p: number) => {
      const params = new URLSearchParams(req.path.includes('?') ? req.path.split('?')[1] : '');
      if (p === 1) params.delete('page');
      else params.set('page', String(p));
      const qs = params.toString();
      return origin + req.path.split('?')[0] + (qs ? '?' + qs : '');
    };
    const results = starts.slice((page - 1) * pageSize, page * pageSize).map((t) => ({
      consumption: consumptionAt(m, t),
      interval_start: formatInstant(t, offsetAt(ZONE, t)),
      interval_end: formatInstant(t + HH, offsetAt(ZONE, t + HH)),
    }));
    return json(200, {
      count: starts.length,
      next: page < pages ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      results,
    });
  }

  const notFoundPage = () =>
    text(
      404,
      '<h1>Not Found</h1><p>The requested resource was not found on this server.</p>',
      'text/html',
    );

  const handler: MockHandler = (req) => {
    const path = req.path.split('?')[0];
    const acct = /^\/v1\/accounts\/([^/]+)(\/?)$/.exec(path);
    const cons =
      /^\/v1\/(electricity|gas)-meter-points\/([^/]+)\/meters\/([^/]+)\/consumption(\/?)$/.exec(
        path,
      );
    if (!acct && !cons) return notFoundPage();
    const slash = acct ? acct[2] : (cons as RegExpExecArray)[4];
    if (!slash) return { status: 301, headers: { location: path + '/' }, body: '' };
    if (req.method !== 'GET') return detail(405, `Method "${req.method}" not allowed.`);
    const denied = authenticate(req);
    if (denied) return denied;
    if (acct) {
      if (decodeURIComponent(acct[1]) !== account) return detail(404, 'Not found.');
      return json(200, accountBody());
    }
    const [, kind, point, serial] = cons as RegExpExecArray;
    const meter = meters.find(
      (m) =>
        m.kind === kind &&
        m.point === decodeURIComponent(point) &&
        m.serial === decodeURIComponent(serial),
    );
    if (!meter) return detail(404, 'Not found.');
    return consumption(req, meter);
  };

  return {
    handler,
    basePath: '',
    apiKey,
    account,
    meters,
    consumptionAt: (flow: MockMeter['flow'], t: number) =>
      consumptionAt(meters.find((m) => m.flow === flow) as MockMeter, t),
    notes: `api key: ${apiKey}\naccount: ${account}`,
  };
}
