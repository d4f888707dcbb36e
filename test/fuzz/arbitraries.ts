// What a spreadsheet can hand a custom function, as fast-check arbitraries: per argument
// (by its name in the function table), mostly plausible values with every kind of wrong
// one mixed in — impossible and far-away dates, named periods, garbage, prototype keys,
// odd and invalid time zones, wrong types, ranges of cells. Each host then gets them in
// its own spelling: Sheets passes Dates and '' for empty cells, Excel serials and null.
import fc from 'fast-check';
import { readArea } from '../../shared/carbon/area';
import { AGGREGATES } from '../../shared/aggregate';
import type { FunctionSpec, ParamSpec } from '../../shared/functions/spec';
import { INSIGHTS } from '../../shared/providers/aiaas/insights';
import { PROVIDERS } from '../../shared/providers';
import { NAMED_PERIODS } from '../../shared/time/named-periods';

/** Reproducible by default; FUZZ_SEED / FUZZ_RUNS to explore further. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20260730);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

/** A value before it is spelled for a host: dates stay abstract until then. */
export type Raw =
  | { date: number } // an instant, ms (Sheets: a Date; Excel: its serial)
  | { invalidDate: true }
  | string
  | number
  | boolean
  | null // an empty cell
  | Raw[][];

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 0, 10);

export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'prototype',
];
export const ODD_ZONES = [
  'Asia/Kathmandu', // +05:45
  'Pacific/Chatham', // +12:45 / +13:45
  'Australia/Lord_Howe', // half-hour DST shift
  'Asia/Kolkata',
  'America/St_Johns', // -03:30
  'Pacific/Kiritimati', // +14
  'Pacific/Niue', // -11
  'Europe/London',
  'America/New_York',
  'UTC',
  'Etc/GMT+12',
  'europe/london', // case
];
const BAD_ZONES = [
  'Mars/Olympus',
  'GMT+5:45',
  '+05:45',
  'Europe/',
  '/London',
  'Europe/London ',
  'EST5EDT6',
  'local',
];

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const dayText = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Days near now (cheap to compute for the demo meter), as text. */
const nearDay = fc.integer({ min: -60, max: 15 }).map((d) => NOW + d * DAY);
const dayString = nearDay.map(dayText);
const monthString = fc
  .integer({ min: -2, max: 1 })
  .map((k) => new Date(Date.UTC(2025, k, 1)).toISOString().slice(0, 7));
const namedPeriod = fc
  .record({
    name: fc.constantFrom(...NAMED_PERIODS),
    style: fc.constantFrom('as-is', 'upper', 'spaced', 'underscored'),
  })
  .map(({ name, style }) =>
    style === 'upper'
      ? name.toUpperCase()
      : style === 'spaced'
        ? `  ${name} `
        : style === 'underscored'
          ? name.replace(/-/g, '_')
          : name,
  );
/** Well-formed text, impossible dates: month 13, 30 February, day 0. */
const impossibleDay = fc
  .record({
    y: fc.integer({ min: 2024, max: 2025 }), // near now: the possible ones are cheap
    m: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
  })
  .map(({ y, m, d }) => `${y}-${pad(m, 2)}-${pad(d, 2)}`);
/** Years at and past the edges spreadsheets can show. */
const edgeDay = fc.constantFrom(
  '0000-01-01',
  '0001-01-01',
  '1000-06-15',
  '1899-12-31',
  '1900-01-01',
  '1900-02-28',
  '1900-02-29',
  '1900-03-01',
  '9999-12-31',
  '9999-12',
  '0001',
  '1899',
  '10000',
  '10000-01-01',
  '+002024-01-01',
  '275760-09-13',
  '2024-1-5',
  '2024/01/05',
  '05/01/2024',
  '2024-01-05T00:00',
  '20240105',
);
const weirdNumber = fc.oneof(
  fc.constantFrom(0, -1, 60, 61, 2958465, 2958466, 1e308, -1e308, NaN, Infinity, -Infinity, 0.5),
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e9, max: 1e9 }),
);
const garbage = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '..',
    '2024-01..',
    '..2024-01',
    '2024-01..2024-02..2024-03',
    ',',
    ';;',
    ' ',
    '\t',
  ),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const vocab = fc.constantFrom(
  ...NAMED_PERIODS,
  ...AGGREGATES,
  ...INSIGHTS.map((i) => i.name),
  ...PROVIDERS.map((p) => p.id),
  ...PROTOTYPE_KEYS,
);

/** An instant as a Date cell: near now mostly, sometimes anywhere a Date can be. */
const dateCell: fc.Arbitrary<Raw> = fc.oneof(
  { weight: 4, arbitrary: nearDay.map((t) => ({ date: t + 13 * 3_600_000 })) },
  {
    weight: 1,
    arbitrary: fc
      .double({ min: -8.64e15, max: 8.64e15, noNaN: true, noDefaultInfinity: true })
      .map((t) => ({ date: Math.round(t) })),
  },
  { weight: 1, arbitrary: fc.constant<Raw>({ invalidDate: true }) },
);

const scalarCommon: fc.Arbitrary<Raw>[] = [
  garbage,
  vocab,
  weirdNumber,
  fc.boolean(),
  fc.constant(null),
];

/** A range of cells holding values of `cell`, sometimes with empty cells. */
function range(cell: fc.Arbitrary<Raw>): fc.Arbitrary<Raw> {
  return fc
    .array(fc.array(fc.oneof(cell, fc.constant(null)), { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 4,
    })
    .map((rows) => {
      const width = Math.max(...rows.map((r) => r.length));
      return rows.map((r) => [...r, ...Array<Raw>(width - r.length).fill(null)]);
    });
}

const dateLike: fc.Arbitrary<Raw> = fc.oneof(
  { weight: 8, arbitrary: dayString },
  { weight: 1, arbitrary: monthString },
  { weight: 3, arbitrary: namedPeriod },
  { weight: 3, arbitrary: dateCell },
  { weight: 2, arbitrary: impossibleDay },
  { weight: 2, arbitrary: edgeDay },
  { weight: 3, arbitrary: fc.oneof(...scalarCommon) },
  { weight: 1, arbitrary: range(dayString) },
);

/** A period of METER_COMPARE, as text: a day, a month, a named period, a from..to range. */
const periodText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: dayString },
  { weight: 1, arbitrary: monthString },
  { weight: 2, arbitrary: namedPeriod },
  {
    weight: 2,
    arbitrary: fc
      .tuple(nearDay, fc.integer({ min: -5, max: 5 }))
      .map(([t, n]) => `${dayText(t)}..${dayText(t + n * DAY)}`),
  },
  {
    // Long spans: over the limit mostly, sometimes far over (decades, millennia).
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 11, max: 8000 }))
      .map(([y, n]) => `${y}-01-01..${Math.min(9999, y + n)}-12-31`),
  },
  { weight: 2, arbitrary: impossibleDay },
  { weight: 1, arbitrary: edgeDay },
  { weight: 1, arbitrary: garbage },
);
const periodsArg: fc.Arbitrary<Raw> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(periodText, { minLength: 1, maxLength: 3 }).map((p) => p.join(', ')),
  },
  { weight: 2, arbitrary: range(fc.oneof(periodText, dateCell)) },
  {
    weight: 1,
    arbitrary: fc.array(dayString, { minLength: 25, maxLength: 40 }).map((p) => p.join(';')),
  },
  { weight: 2, arbitrary: fc.oneof(...scalarCommon, dateCell) },
);

const zoneArg: fc.Arbitrary<Raw> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_ZONES) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_ZONES, ...PROTOTYPE_KEYS) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.oneof(...scalarCommon) },
);

const aggregateArg: fc.Arbitrary<Raw> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...AGGREGATES) },
  { weight: 1, arbitrary: fc.constantFrom(...AGGREGATES).map((a) => ` ${a.toUpperCase()} `) },
  { weight: 2, arbitrary: fc.oneof(...scalarCommon) },
  { weight: 1, arbitrary: range(fc.constantFrom(...AGGREGATES)) },
);

/** Meter arguments: the demo's meters mostly, and `extra` (providers set up in the test). */
function meterArg(extra: string[]): fc.Arbitrary<Raw> {
  const demo = ['demo', 'demo:electricity', 'demo:gas', 'demo:export', 'DEMO', ' demo:Gas '];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 4, arbitrary: fc.constantFrom(...demo, ...extra) },
    // Providers set up for the test: their paths are the point of that run.
    ...(extra.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...extra) }] : []),
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...PROVIDERS.map((p) => p.id), ...PROTOTYPE_KEYS, 'nosuch'),
          fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, ''), garbage),
        )
        .map(([p, m]) => `${p}:${m}`),
    },
    { weight: 2, arbitrary: fc.oneof(...scalarCommon) },
    { weight: 1, arbitrary: range(fc.constantFrom(...demo)) },
  );
}

/**
 * METER_CARBON's region: the demo grid mostly (offline), and areas that are refused before
 * any request (ids out of range, full postcodes, junk). Blank (national) and real areas
 * would reach the Carbon Intensity API, which the hosts' fuzz runs do not serve.
 */
const regionArg: fc.Arbitrary<Raw> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('demo', ' DEMO ', 'Demo') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '0',
      '18',
      99,
      -1,
      1.5,
      'SW1A 1AA',
      'rg10 9ab',
      'nowhere',
      ...PROTOTYPE_KEYS,
    ),
  },
  { weight: 1, arbitrary: garbage.filter((g) => g.trim() !== '' && readArea(g) === null) },
);

/** Any other argument (INSIGHT's kind, APPLIANCES' period…): words the add-on knows, and junk. */
const anyArg: fc.Arbitrary<Raw> = fc.oneof(
  { weight: 5, arbitrary: vocab },
  { weight: 2, arbitrary: namedPeriod },
  { weight: 3, arbitrary: fc.oneof(...scalarCommon, dateCell) },
  { weight: 1, arbitrary: range(vocab) },
);

/** Tariffs: the demo's, typed-in ones (good and broken), Octopus codes (mocked), junk. */
const tariffText = fc.constantFrom(
  'demo-flat',
  'demo-two-rate',
  'demo-tou',
  'demo-dynamic',
  'demo-export',
  'demo-gas',
  'demo-nosuch',
  '0.245',
  '0.245 + 0.60/day',
  '00:30-05:30 0.085, 0.30 + 0.60/day',
  'Mon-Fri 08:00-19:00 0.30, 0.20',
  '23:00-07:00 0.1, 0.3',
  '00:30-05:30 0.085',
  '25:00-26:00 0.1, 0.2',
  '01:00-03:00 0.1, 02:00-04:00 0.2, 0.3',
  'AGILE-24-10-01',
  'E-1R-AGILE-24-10-01-C',
  'G-1R-VAR-22-11-01-C',
  'E-2R-VAR-22-11-01-C',
  'AGILE-18-02-21',
);
const tariffArg: fc.Arbitrary<Raw> = fc.oneof(
  { weight: 6, arbitrary: tariffText },
  { weight: 2, arbitrary: fc.oneof(...scalarCommon) },
  { weight: 1, arbitrary: range(tariffText) },
);
const tariffsArg: fc.Arbitrary<Raw> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(tariffText, { minLength: 1, maxLength: 4 }).map((t) => t.join(', ')),
  },
  { weight: 2, arbitrary: range(tariffText) },
  { weight: 2, arbitrary: fc.oneof(...scalarCommon) },
);

export function paramArbitrary(
  param: ParamSpec,
  meters: string[],
  functionId = '',
): fc.Arbitrary<Raw> {
  switch (param.name) {
    case 'tariff':
      return tariffArg;
    case 'tariffs':
      return tariffsArg;
    case 'filter':
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc.constantFrom('demo', 'agile', 'var', 'outgoing', 'nothing-matches'),
        },
        { weight: 2, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: anyArg },
      );
    case 'region':
      // METER_CARBON's region is a grid area (the demo grid keeps it offline); METER_TARIFFS'
      // an Octopus region letter or postcode.
      if (functionId === 'CARBON') return regionArg;
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc.constantFrom('C', '_A', 'p', 'SW1A 1AA', 'Q', 'not a postcode'),
        },
        { weight: 2, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: anyArg },
      );
    case 'start':
    case 'end':
      return dateLike;
    case 'periods':
      return periodsArg;
    case 'aggregate':
      return aggregateArg;
    case 'meter':
      return meterArg(meters);
    case 'timezone':
      return zoneArg;
    case 'period': // the aiaas API's named periods (INSIGHT's are optional)
      return fc.oneof(
        { weight: 5, arbitrary: namedPeriod },
        { weight: 3, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: anyArg },
      );
    case 'kind':
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...INSIGHTS.map((i) => i.name)) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(...INSIGHTS.map((i) => ` ${i.name.toUpperCase()}`)),
        },
        { weight: 1, arbitrary: anyArg },
      );
    default:
      return anyArg;
  }
}

/**
 * A call's arguments: each from its parameter's arbitrary, trailing ones sometimes left
 * out, sometimes one too many. For functions with start, end and aggregate, also decades
 * at native resolution: those must be refused at once, not computed.
 */
export function callArbitrary(spec: FunctionSpec, meters: string[] = []): fc.Arbitrary<Raw[]> {
  const n = spec.params.length;
  const region = spec.params.findIndex((p) => p.name === 'region');
  const independent = fc
    .tuple(
      fc.tuple(...spec.params.map((p) => paramArbitrary(p, meters, spec.id))),
      // How many the formula spells out: all mostly, trailing ones left out, or one too many.
      fc.oneof(
        { weight: 6, arbitrary: fc.constant(n) },
        { weight: 3, arbitrary: fc.integer({ min: 0, max: n }) },
        { weight: 1, arbitrary: fc.constant(n + 1) },
      ),
      fc.oneof(vocab, garbage),
    )
    .map(([args, count, extra]) => (count <= n ? args.slice(0, count) : [...args, extra]))
    // METER_CARBON's region is always given: left out, it means national, on the network.
    .map((args) =>
      region >= 0 && args.length <= region
        ? [...args, ...Array(region - args.length), 'demo']
        : args,
    );
  const names = spec.params.map((p) => p.name);
  const [s, e, a] = ['start', 'end', 'aggregate'].map((x) => names.indexOf(x));
  if (s < 0 || e < 0 || a < 0) return independent;
  const decades = fc
    .record({
      from: fc.integer({ min: 1900, max: 2000 }),
      years: fc.integer({ min: 15, max: 8000 }),
      aggregate: fc.constantFrom('none', 'hour', 'NONE', null),
      args: fc.tuple(...spec.params.map((p) => paramArbitrary(p, meters, spec.id))),
    })
    .map(({ from, years, aggregate, args }) => {
      const out = args.slice();
      out[s] = `${from}-01-01`;
      out[e] = `${Math.min(9999, from + years)}-12-31`;
      out[a] = aggregate;
      return out;
    });
  return fc.oneof({ weight: 19, arbitrary: independent }, { weight: 1, arbitrary: decades });
}

/** As Google Sheets passes it: Date objects, '' for an empty cell. */
export function forSheets(v: Raw): unknown {
  if (v === null) return '';
  if (Array.isArray(v)) return v.map((row) => row.map(forSheets));
  if (typeof v === 'object') return 'date' in v ? new Date(v.date) : new Date(NaN);
  return v;
}

/** As Excel passes it: dates are serial numbers, empty cells null. */
export function forExcel(v: Raw): unknown {
  if (v === null) return null;
  if (Array.isArray(v)) return v.map((row) => row.map(forExcel));
  if (typeof v === 'object') return 'date' in v ? v.date / DAY + 25569 : null;
  return v;
}

/** A short rendering of a counterexample's arguments. */
export function show(args: unknown[]): string {
  return JSON.stringify(args, (_k, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
  );
}
