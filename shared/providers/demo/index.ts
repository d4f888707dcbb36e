// The built-in demo meter: no account, no network. Three meters of one household:
// half-hourly electricity import (with carbon and a time-of-use cost), solar export,
// and daily gas. Data exists from 2020-01-01 up to the last complete interval.
import {
  FIRST_DAY,
  GAS_CARBON_KG_PER_KWH,
  GAS_RATE_GBP_PER_KWH,
  HOUSEHOLD_ZONE,
  carbonIntensity,
  gasKwh,
  importRate,
  isElectricityGap,
  isGasGap,
  loadKwh,
  solarKwh,
  toMeterKwh,
  unit,
} from './household';
import { MeterError } from '../../errors';
import { type Flow, pure } from '../../flow';
import type { Interval, Meter, NowReading, Series } from '../../model';
import { MS_PER_DAY, MS_PER_HALF_HOUR } from '../../time/civil';
import { civilDayAt, dayBoundaries, offsetSegments } from '../../time/zone';
import type { Provider, ProviderContext, UsageQuery } from '../provider';

type DemoKind = 'electricity' | 'export' | 'gas';

function demoMeters(now: number): Meter[] {
  const lastDay = civilDayAt(HOUSEHOLD_ZONE, now);
  const base = { provider: 'demo', firstDay: FIRST_DAY, lastDay, homeZone: HOUSEHOLD_ZONE };
  const halfHourly = { kind: 'fixed' as const, stepMs: MS_PER_HALF_HOUR };
  return [
    {
      ...base,
      id: 'demo:electricity',
      fuel: 'electricity',
      direction: 'import',
      label: 'Demo household: electricity import (half-hourly, carbon and time-of-use cost)',
      grid: halfHourly,
      ref: { kind: 'electricity' },
    },
    {
      ...base,
      id: 'demo:export',
      fuel: 'electricity',
      direction: 'export',
      label: 'Demo household: solar export (half-hourly)',
      grid: halfHourly,
      ref: { kind: 'export' },
    },
    {
      ...base,
      id: 'demo:gas',
      fuel: 'gas',
      direction: 'import',
      label: 'Demo household: gas (daily, kWh)',
      grid: { kind: 'local-day', zone: HOUSEHOLD_ZONE },
      ref: { kind: 'gas' },
    },
  ];
}

interface HalfHourModel {
  importKwh: number;
  exportKwh: number;
  hour: number;
  day: number;
}

/** Calls visit for every half-hour in [from, to) with the household's flows. */
function eachHalfHour(
  from: number,
  to: number,
  visit: (t: number, m: HalfHourModel) => void,
): void {
  const start = Math.floor(from / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
  if (start >= to) return;
  const segs = offsetSegments(HOUSEHOLD_ZONE, start, to);
  const m: HalfHourModel = { importKwh: 0, exportKwh: 0, hour: 0, day: 0 };
  let s = 0;
  for (let t = start; t < to; t += MS_PER_HALF_HOUR) {
    while (segs[s].to <= t) s++;
    const wall = t + segs[s].offset;
    m.day = Math.floor(wall / MS_PER_DAY);
    m.hour = (wall - m.day * MS_PER_DAY) / 3_600_000;
    const load = loadKwh(m.day, m.hour, t);
    const solar = solarKwh(m.day, t);
    const selfUse = Math.min(load, solar);
    m.importKwh = load - selfUse;
    m.exportKwh = solar - selfUse;
    visit(t, m);
  }
}

function electricitySeries(
  kind: 'electricity' | 'export',
  from: number,
  to: number,
  now: number,
): Series {
  const intervals: Interval[] = [];
  eachHalfHour(from, to, (t, m) => {
    const end = t + MS_PER_HALF_HOUR;
    if (m.day < FIRST_DAY || end > now || isElectricityGap(t)) {
      intervals.push({ start: t, end, kwh: null });
    } else if (kind === 'export') {
      intervals.push({ start: t, end, kwh: toMeterKwh(m.exportKwh) });
    } else {
      const kwh = toMeterKwh(m.importKwh);
      intervals.push({
        start: t,
        end,
        kwh,
        carbonKg: kwh * carbonIntensity(m.day, m.hour, t),
        cost: kwh * importRate(m.hour),
      });
    }
  });
  return kind === 'export'
    ? { intervals, carbon: false, cost: false }
    : { intervals, carbon: true, cost: true, currency: 'GBP' };
}

function gasSeries(from: number, to: number, now: number): Series {
  const first = civilDayAt(HOUSEHOLD_ZONE, from);
  const last = civilDayAt(HOUSEHOLD_ZONE, to - 1);
  const bounds = dayBoundaries(HOUSEHOLD_ZONE, first, last);
  const intervals: Interval[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const day = first + i;
    const start = bounds[i];
    const end = bounds[i + 1];
    if (day < FIRST_DAY || end > now || isGasGap(day)) intervals.push({ start, end, kwh: null });
    else {
      const kwh = toMeterKwh(gasKwh(day));
      intervals.push({
        start,
        end,
        kwh,
        carbonKg: kwh * GAS_CARBON_KG_PER_KWH,
        cost: kwh * GAS_RATE_GBP_PER_KWH,
      });
    }
  }
  return { intervals, carbon: true, cost: true, currency: 'GBP' };
}

/** Import and export registers (kWh) accumulated over [from, to), from a starting reading. */
export function accumulate(
  from: number,
  to: number,
  start: { importKwh: number; exportKwh: number },
): { importKwh: number; exportKwh: number } {
  const r = { ...start };
  eachHalfHour(from, to, (_t, m) => {
    r.importKwh += m.importKwh;
    r.exportKwh += m.exportKwh;
  });
  return r;
}

// The registers at 00:00 UTC on 1 January of each year from 2020 (zero when the household's
// data begins), so that METER_NOW sums at most one year of half-hours: a fresh Apps Script
// execution has no memory of the last answer. test/providers/demo/demo.test.ts recomputes them.
export const YEAR_START_REGISTERS: [number, number][] = [
  [0, 0],
  [5224.101445, 1852.225748],
  [10193.077555, 3640.491589],
  [15087.44426, 5496.828971],
  [20157.755729, 7418.445961],
  [25300.630246, 9259.530837],
  [30279.92264, 11176.329264],
  [35145.583393, 13032.701379],
  [39706.605712, 14864.128883],
  [44453.53714, 16715.424511],
  [49341.371313, 18640.850154],
  [54071.705657, 20527.947632],
  [58882.132581, 22412.844017],
  [63932.784528, 24197.871416],
  [68818.965212, 26033.36525],
  [73667.267263, 27900.63792],
  [78402.227469, 29674.715967],
  [83254.275929, 31558.317365],
  [88123.086035, 33382.758783],
  [92975.669818, 35305.710993],
  [98207.286532, 37324.170644],
];

// Extended forward from the last answer within a process (Excel, the CLI, the bridge).
let registers = { until: 0, importKwh: 0, exportKwh: 0 };

function registersAt(t: number): { importKwh: number; exportKwh: number } {
  if (registers.until === 0 || registers.until > t || t - registers.until > 366 * 86_400_000) {
    const year = Math.min(
      Math.max(new Date(t).getUTCFullYear(), 2020),
      2020 + YEAR_START_REGISTERS.length - 1,
    );
    const [importKwh, exportKwh] = YEAR_START_REGISTERS[year - 2020];
    registers = { until: Date.UTC(year, 0, 1), importKwh, exportKwh };
  }
  const next = accumulate(registers.until, t, registers);
  registers = {
    ...next,
    until: Math.max(registers.until, Math.floor(t / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR),
  };
  return registers;
}

function demoNow(ctx: ProviderContext, meter: Meter): NowReading {
  if (meter.ref?.kind === 'gas')
    throw new MeterError(
      'unsupported',
      'demo:gas is read once a day; METER_NOW needs an electricity meter (demo:electricity)',
    );
  const time = Math.floor(ctx.clock() / 10_000) * 10_000;
  const halfHour = Math.floor(time / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
  let current: HalfHourModel | null = null;
  eachHalfHour(halfHour, halfHour + 1, (_t, m) => (current = { ...m }));
  const m = current as unknown as HalfHourModel;
  const jitter = 0.9 + 0.2 * unit(Math.floor(time / 10_000), 11);
  const demandW = Math.round((m.importKwh - m.exportKwh) * 2000 * jitter);
  const done = registersAt(halfHour);
  const part = (time - halfHour) / MS_PER_HALF_HOUR;
  return {
    time,
    demandW,
    counters: [
      { label: 'Import', value: toMeterKwh(done.importKwh + m.importKwh * part), unit: 'kWh' },
      { label: 'Export', value: toMeterKwh(done.exportKwh + m.exportKwh * part), unit: 'kWh' },
    ],
  };
}

export const demoProvider: Provider = {
  id: 'demo',
  label: 'Demo meter',
  fields: [],
  hosts: [],
  reportsCarbon: true,
  nowRefreshMs: 10_000,
  listMeters(ctx: ProviderContext): Flow<Meter[]> {
    return pure(demoMeters(ctx.clock()));
  },
  usage(ctx: ProviderContext, q: UsageQuery): Flow<Series> {
    const kind = (q.meter.ref?.kind ?? 'electricity') as DemoKind;
    const now = ctx.clock();
    return pure(
      kind === 'gas'
        ? gasSeries(q.span.from, q.span.to, now)
        : electricitySeries(kind, q.span.from, q.span.to, now),
    );
  },
  now(ctx: ProviderContext, meter: Meter): Flow<NowReading> {
    return pure(demoNow(ctx, meter));
  },
};
