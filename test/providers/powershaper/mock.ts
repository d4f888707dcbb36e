// A PowerShaper Monitor API peer, as its docs (the PowerShaper Monitor API documentation, linked from https://app.powershaper.io) and public integrations describe
// it: Django REST framework with `Authorization: Token <40 hex>`, a meter list of consents
// (one consent covers an electricity and a gas meter), and usage records as a bare JSON
// array of {time, energy_kwh, carbon_kg, error_count} for local days start..end
// (inclusive) in `tz` (default Europe/London), aggregated by none/hour/day/month/profile.
// A half-hour whose data never arrived is a row with zero energy and error_count 1.
// DRF's error bodies: {"detail": "..."} for 401/404/405/429, {field: [messages]} for 400.
import { type CivilDay, MS_PER_DAY, MS_PER_HOUR, daysFromCivil } from '../../../shared/time/civil';
import { formatInstant } from '../../../shared/time/iso';
import { canonicalZone, civilDayAt, dayBoundaries, offsetAt } from '../../../shared/time/zone';
import { HH, dataEnd, halfHourAt } from '../../mocks/household';
import { type MockHandler, type MockRequest, json, text } from '../../mocks/mock-http';

export const BASE_PATH = '/meters/api/v1';
export const DEFAULT_TOKEN = '3c6e0b8a9c15224a8228b9a98ca1531d2c1e4f7b';
export const HOME_CONSENT = 'c1d2e3f4-0a1b-4c2d-8e3f-5a6b7c8d9e0f';
export const OLD_CONSENT = '7b9e2c41-3d5f-4a6b-9c8d-1e2f3a4b5c6d';

type Fuel = 'electricity' | 'gas';

export interface PowerShaperMeter {
  consent: string;
  fuel: Fuel;
  mpanLast4: string | null;
  status: string;
  /** First half-hour with data, UTC ms. */
  from: number;
  /** End of data (exclusive), UTC ms; null = up to the mock's "now" less a day. */
  until: number | null;
  /** Scales the household (the old home used less). */
  scale: number;
}

export interface PowerShaperRow {
  t: number;
  kwh: number;
  carbonKg: number;
  missing: boolean;
}

export interface PowerShaperMockOptions {
  token?: string;
  /** The mock's clock, UTC ms (default: the real one). */
  now?: () => number;
  /** Leave missing half-hours out instead of sending them with error_count 1. */
  omitMissing?: boolean;
}

const AGGREGATES = ['none', 'hour', 'day', 'month', 'profile'];

export function createMock(options: PowerShaperMockOptions = {}) {
  const token = options.token ?? DEFAULT_TOKEN;
  const now = options.now ?? Date.now;
  const london = (y: number, m: number, d: number) =>
    dayBoundaries('Europe/London', daysFromCivil(y, m, d), daysFromCivil(y, m, d))[0];
  const meters: PowerShaperMeter[] = [
    {
      consent: HOME_CONSENT,
      fuel: 'electricity',
      mpanLast4: '4821',
      status: 'active',
      from: london(2021, 3, 12),
      until: null,
      scale: 1,
    },
    {
      consent: HOME_CONSENT,
      fuel: 'gas',
      mpanLast4: null,
      status: 'active',
      from: london(2021, 3, 12),
      until: null,
      scale: 1,
    },
    {
      consent: OLD_CONSENT,
      fuel: 'electricity',
      mpanLast4: '0937',
      status: 'revoked',
      from: london(2019, 6, 1),
      until: london(2021, 3, 1),
      scale: 0.7,
    },
  ];
  const untilOf = (m: PowerShaperMeter) => m.until ?? dataEnd(now());

  /** The meter's row for the half-hour at t, or null outside its data window. */
  function rowAt(m: PowerShaperMeter, t: number): PowerShaperRow | null {
    if (t < m.from || t + HH > untilOf(m)) return null;
    const h = halfHourAt(t);
    const missing = m.fuel === 'gas' ? h.gasGap : h.electricityGap;
    if (missing) return { t, kwh: 0, carbonKg: 0, missing };
    const kwh = m.fuel === 'gas' ? h.gasKwh : h.importKwh;
    const carbon = m.fuel === 'gas' ? h.gasCarbonKg : h.carbonKg;
    const r = (v: number, dp: number) => Math.round(v * m.scale * 10 ** dp) / 10 ** dp;
    return { t, kwh: r(kwh, 3), carbonKg: r(carbon, 4), missing: false };
  }

  const detail = (status: number, message: string, headers: Record<string, string> = {}) =>
    json(status, { detail: message }, headers);

  function authenticate(req: MockRequest) {
    const h = req.headers.authorization;
    const unauthorised = (m: string) => detail(401, m, { 'www-authenticate': 'Token' });
    if (!h) return unauthorised('Authentication credentials were not provided.');
    const parts = h.trim().split(/\s+/);
    if (parts[0].toLowerCase() !== 'token')
      return unauthorised('Authentication credentials were not provided.');
    if (parts.length === 1) return unauthorised('Invalid token header. No credentials provided.');
    if (parts.length > 2)
      return unauthorised('Invalid token header. Token string should not contain spaces.');
    if (parts[1] !== token) return unauthorised('Invalid token.');
    return null;
  }

  function meterList() {
    return json(
      200,
      meters.map((m) => ({
        consent_uuid: m.consent,
        type: m.fuel,
        mpan: m.mpanLast4,
        status: m.status,
        range: {
          earliest: formatInstant(m.from),
          latest: formatInstant(untilOf(m) - HH),
        },
        links: { records: `${BASE_PATH}/meter/${m.consent}/${m.fuel}` },
      })),
    );
  }

  function parseDay(v: string | undefined): CivilDay | null {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v ?? '');
    if (!m) return null;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    return daysFromCivil(y, mo, d);
  }

  function records(m: PowerShaperMeter, q: Record<string, string>) {
    const errors: Record<string, string[]> = {};
    const start = parseDay(q.start);
    const end = parseDay(q.end);
    if (q.start === undefined) errors.start = ['This field is required.'];
    else if (start === null)
      errors.start = ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'];
    if (q.end === undefined) errors.end = ['This field is required.'];
    else if (end === null)
      errors.end = ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'];
    const aggregate = q.aggregate === undefined || q.aggregate === '' ? 'none' : q.aggregate;
    if (!AGGREGATES.includes(aggregate))
      errors.aggregate = [`"${aggregate}" is not a valid choice.`];
    const tz = q.tz === undefined ? 'Europe/London' : canonicalZone(q.tz);
    if (tz === null) errors.tz = [`"${q.tz}" is not a valid time zone.`];
    if (start !== null && end !== null && end < start)
      errors.non_field_errors = ['end must not be before start.'];
    if (Object.keys(errors).length > 0) return json(400, errors);
    const zone = tz as string;
    const bounds = dayBoundaries(zone, start as number, end as number);
    const rows: PowerShaperRow[] = [];
    for (let t = Math.ceil(bounds[0] / HH) * HH; t < bounds[bounds.length - 1]; t += HH) {
      const row = rowAt(m, t);
      if (row && !(row.missing && options.omitMissing)) rows.push(row);
    }
    const utcLike = zone === 'UTC' || zone === 'Etc/UTC' || zone === 'Etc/GMT';
    const time = (t: number) => formatInstant(t, offsetAt(zone, t), utcLike);
    const round = (v: number, dp: number) => Math.round(v * 10 ** dp) / 10 ** dp;
    if (aggregate === 'none')
      return json(
        200,
        rows.map((r) => ({
          time: time(r.t),
          energy_kwh: r.kwh,
          carbon_kg: r.carbonKg,
          error_count: r.missing ? 1 : 0,
        })),
      );
    if (aggregate === 'profile') {
      const slots = Array.from({ length: 48 }, () => ({ kwh: 0, carbon: 0, days: 0, errors: 0 }));
      for (const r of rows) {
        const wall = r.t + offsetAt(zone, r.t);
        const s = slots[Math.floor((wall - Math.floor(wall / MS_PER_DAY) * MS_PER_DAY) / HH)];
        if (r.missing) s.errors++;
        else {
          s.kwh += r.kwh;
          s.carbon += r.carbonKg;
          s.days++;
        }
      }
      return json(
        200,
        slots.map((s, i) => ({
          time: `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00`,
          energy_kwh: s.days ? round(s.kwh / s.days, 3) : 0,
          carbon_kg: s.days ? round(s.carbon / s.days, 4) : 0,
          error_count: s.errors,
        })),
      );
    }
    // hour, day, month: local wall-clock buckets, timed by their first half-hour.
    const keyOf = (t: number): number => {
      if (aggregate === 'hour') return Math.floor((t + offsetAt(zone, t)) / MS_PER_HOUR);
      const day = civilDayAt(zone, t);
      if (aggregate === 'day') return day;
      const d = new Date(day * MS_PER_DAY);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    };
    const out: { time: string; energy_kwh: number; carbon_kg: number; error_count: number }[] = [];
    let key: number | null = null;
    for (const r of rows) {
      const k = keyOf(r.t);
      if (k !== key) {
        out.push({ time: time(r.t), energy_kwh: 0, carbon_kg: 0, error_count: 0 });
        key = k;
      }
      const b = out[out.length - 1];
      b.energy_kwh = round(b.energy_kwh + r.kwh, 3);
      b.carbon_kg = round(b.carbon_kg + r.carbonKg, 4);
      b.error_count += r.missing ? 1 : 0;
    }
    return json(200, out);
  }

  const handler: MockHandler = (req) => {
    const path = req.path.split('?')[0];
    if (!path.startsWith(BASE_PATH + '/'))
      return text(
        404,
        '<h1>Not Found</h1><p>The requested resource was not found.</p>',
        'text/html',
      );
    const rest = path.slice(BASE_PATH.length);
    if (rest === '/meters')
      return { status: 301, headers: { location: BASE_PATH + '/meters/' }, body: '' };
    const usage = /^\/meter\/([^/]+)\/([^/]+)\/?$/.exec(rest);
    if (rest !== '/meters/' && !usage)
      return text(
        404,
        '<h1>Not Found</h1><p>The requested resource was not found.</p>',
        'text/html',
      );
    if (req.method !== 'GET') return detail(405, `Method "${req.method}" not allowed.`);
    const denied = authenticate(req);
    if (denied) return denied;
    if (!usage) return meterList();
    const meter = meters.find(
      (m) => m.consent === decodeURIComponent(usage[1]) && m.fuel === usage[2],
    );
    if (!meter) return detail(404, 'Not found.');
    return records(meter, req.query);
  };

  return {
    handler,
    basePath: BASE_PATH,
    token,
    meters,
    rowAt,
    notes: `token: ${token}\nconsents: ${HOME_CONSENT} (electricity + gas), ${OLD_CONSENT} (electricity, revoked)`,
  };
}
