// The aiaas API's analyses as spreadsheet tables, one "kind" each: which endpoint answers
// it, whether it takes a period, and how its answer becomes a table (mostly the generic
// {index, columns, data} converter, with headers and units from the reference).
import { MeterError } from '../../errors';
import { type Cell, type Table, dateTimeCell } from '../../table';
import { MS_PER_DAY, MS_PER_HOUR } from '../../time/civil';
import { offsetAt } from '../../time/zone';
import { PROVIDER_NAME, asFrame, columnsAsRows, frameToTable } from './wire';
import type { EndpointName } from './paths';
import { type StampWindow, readStamps } from './stamps';

export interface InsightContext {
  /** Zone date-times are shown in. */
  zone: string;
  now: number;
  /** Where the answer's timestamps should lie (settles their day/month order). */
  window: StampWindow;
}

export interface InsightKind {
  name: string;
  endpoint: EndpointName;
  period: boolean;
  /** One line for the docs: what the table holds. */
  about: string;
  table(data: unknown, c: InsightContext): Table;
}

type Obj = Record<string, unknown>;

function field(data: unknown, key: string, what: string): unknown {
  const v = data !== null && typeof data === 'object' ? (data as Obj)[key] : undefined;
  if (v === undefined)
    throw new MeterError('provider', `${PROVIDER_NAME} sent ${what} without ${key}`);
  return v;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const sub = (v: unknown, key: string): unknown =>
  v !== null && typeof v === 'object' ? (v as Obj)[key] : undefined;

function frameKind(
  name: string,
  endpoint: EndpointName,
  period: boolean,
  about: string,
  indexHeaders: string[],
  unit: string | undefined,
): InsightKind {
  return {
    name,
    endpoint,
    period,
    about,
    table: (data, c) =>
      frameToTable(asFrame(field(data, 'electricity_data', name), name), {
        indexHeaders,
        unit,
        zone: c.zone,
        window: c.window,
        what: name,
      }),
  };
}

/** Appliance → Wh, from a one-row distribution table. */
export function applianceTable(data: unknown, what: string, c: InsightContext): Table {
  const wide = frameToTable(asFrame(field(data, 'electricity_data', what), what), {
    indexHeaders: [],
    zone: c.zone,
    what,
  });
  return columnsAsRows(wide, ['Appliance', 'Wh']);
}

function totals(data: unknown): Table {
  const t = field(data, 'total_consumption', 'totals');
  const selected = num(sub(t, 'selected_period'));
  const previous = num(sub(t, 'previous_period'));
  const period = sub(data, 'period');
  const change = selected !== null && previous ? (selected - previous) / previous : null;
  return [
    ['Period', 'Wh', 'Previous period (Wh)', 'Change'],
    [typeof period === 'string' ? period : null, selected, previous, change],
  ];
}

function performance(data: unknown): Table {
  const p = field(data, 'performance', 'performance');
  return [
    ['Similar homes, least (Wh)', 'Similar homes, most (Wh)', 'Yours (Wh)'],
    [
      num(sub(p, 'min_consumption')),
      num(sub(p, 'max_consumption')),
      num(sub(p, 'user_consumption')),
    ],
  ];
}

function savings(data: unknown): Table {
  const list = field(data, 'saving_data', 'savings');
  const rows: Table = [
    [
      'Appliance',
      'Actual (Wh)',
      'Saving (Wh)',
      'Single use (Wh)',
      'Single use, average (Wh)',
      'Uses',
      'Uses, average',
      'Total (Wh)',
      'Total, average (Wh)',
    ],
  ];
  for (const a of Array.isArray(list) ? list : []) {
    const pair = (key: string) => [num(sub(sub(a, key), 'user')), num(sub(sub(a, key), 'average'))];
    const name = sub(a, 'appliance');
    rows.push([
      typeof name === 'string' ? name : null,
      num(sub(sub(a, 'consumption'), 'actual')),
      num(sub(sub(a, 'consumption'), 'saving')),
      ...pair('single_use_consumption'),
      ...pair('usages_number'),
      ...pair('total_consumption'),
    ]);
  }
  return rows;
}

function dateTime(utc: number, zone: string): Cell {
  return dateTimeCell(utc, offsetAt(zone, utc));
}

/** start/stop pairs read as one group of timestamps (they share one order). */
function windows(list: unknown, what: string, c: InsightContext, fallback: 'ydm' | 'ymd') {
  const items = Array.isArray(list) ? list : [];
  const texts = items.flatMap((w) => [String(sub(w, 'start')), String(sub(w, 'stop'))]);
  const read = readStamps(texts, { window: c.window, fallback });
  if (!read && texts.length > 0)
    throw new MeterError(
      'provider',
      `${PROVIDER_NAME} sent ${what} with times that are not real dates`,
    );
  return items.map((w, i) => ({
    start: read ? read.times[2 * i] : 0,
    stop: read ? read.times[2 * i + 1] : 0,
    item: w as unknown,
  }));
}

function standbyHistory(data: unknown, c: InsightContext): Table {
  const list = field(data, 'saving_data', 'standby history');
  const standby = (Array.isArray(list) ? list : []).find((a) => sub(a, 'appliance') === 'standby');
  const history = sub(standby, 'history');
  const threshold = num(sub(history, 'threshold'));
  const rows: Table = [['Start', 'Stop', 'Wh', 'Threshold (Wh)']];
  // The reference writes this history year-month-day, unlike the tables.
  for (const w of windows(sub(history, 'consumptions_history'), 'standby history', c, 'ymd'))
    rows.push([
      dateTime(w.start, c.zone),
      dateTime(w.stop, c.zone),
      num(sub(w.item, 'value')),
      threshold,
    ]);
  return rows;
}

function bestWindows(data: unknown, c: InsightContext) {
  return windows(field(data, 'best_windows', 'greenness'), 'greenness windows', c, 'ydm');
}

function greenness(data: unknown, c: InsightContext): Table {
  const best = bestWindows(data, c);
  const series = frameToTable(asFrame(field(data, 'time_series', 'greenness'), 'greenness'), {
    indexHeaders: ['Time'],
    zone: c.zone,
    window: c.window,
    what: 'greenness',
  });
  series[0].push('Best window');
  for (const row of series.slice(1)) {
    const t = row[0];
    const utc = t !== null && typeof t === 'object' && 'utc' in t ? t.utc : NaN;
    row.push(best.some((w) => utc >= w.start && utc < w.stop));
  }
  return series;
}

export const INSIGHTS: InsightKind[] = [
  frameKind(
    'power',
    'consumption',
    true,
    "Time, then each appliance's power (W), a row a minute",
    ['Time'],
    'W',
  ),
  {
    name: 'totals',
    endpoint: 'distribution',
    period: true,
    about: 'Period, Wh, Previous period (Wh), Change (fraction)',
    table: totals,
  },
  frameKind(
    'latest',
    'latest',
    false,
    'the last six hours: Time, active_power_received (W)',
    ['Time'],
    'W',
  ),
  {
    name: 'performance',
    endpoint: 'performance',
    period: true,
    about: 'your Wh against the least and most of similar homes',
    table: performance,
  },
  frameKind(
    'habits',
    'habits',
    true,
    'Weekday (0 = Monday), Hour, consumption (Wh)',
    ['Weekday (0 = Monday)', 'Hour'],
    'Wh',
  ),
  frameKind(
    'trend',
    'trend',
    false,
    'Month, then Wh in the tariff bands f1, f2, f3, for the last 12 months',
    ['Month'],
    'Wh',
  ),
  frameKind(
    'compound',
    'compound',
    false,
    "Month, then each appliance's Wh, for the last 12 months",
    ['Month'],
    'Wh',
  ),
  {
    name: 'distribution-12-months',
    endpoint: 'distribution-12-months',
    period: false,
    about: 'Appliance, Wh over the last 12 months',
    table: (data, c) => applianceTable(data, 'distribution-12-months', c),
  },
  {
    name: 'savings',
    endpoint: 'savings',
    period: false,
    about:
      'per appliance: actual and possible saving (Wh), single-use, uses and totals against the average',
    table: savings,
  },
  {
    name: 'standby-history',
    endpoint: 'savings',
    period: false,
    about: 'standby consumption week by week: Start, Stop, Wh, Threshold (Wh)',
    table: standbyHistory,
  },
  {
    name: 'greenness',
    endpoint: 'greenness',
    period: false,
    about: 'Time, renewable_fraction, Best window (TRUE inside a recommended window)',
    table: greenness,
  },
  {
    name: 'green-windows',
    endpoint: 'greenness',
    period: false,
    about: 'the recommended windows to use energy: Start, Stop',
    table: (data, c) => [
      ['Start', 'Stop'],
      ...bestWindows(data, c).map((w) => [dateTime(w.start, c.zone), dateTime(w.stop, c.zone)]),
    ],
  },
];

export function findInsight(name: string): InsightKind | undefined {
  const key = name.trim().toLowerCase();
  return INSIGHTS.find((k) => k.name === key);
}

/** Where an insight's timestamps should lie, given the period it was asked for. */
export function insightWindow(
  kind: InsightKind,
  periodWindow: StampWindow | null,
  now: number,
): StampWindow {
  if (periodWindow) return periodWindow;
  if (kind.endpoint === 'latest') return { from: now - 7 * MS_PER_HOUR, to: now + MS_PER_HOUR };
  if (kind.endpoint === 'greenness')
    return { from: now - 2 * MS_PER_DAY, to: now + 3 * MS_PER_DAY };
  return { from: now - 400 * MS_PER_DAY, to: now + MS_PER_DAY };
}
