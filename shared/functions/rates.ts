import { resolveSpan } from '../aggregate';
import { MeterError } from '../errors';
import type { Flow } from '../flow';
import type { Fuel } from '../model';
import { resolveTariff, tariffText, TARIFF_EXPECTED } from '../tariffs/resolve';
import { rateTimeline } from '../tariffs/schedule';
import { parseTariffCode } from '../tariffs/sources/octopus/codes';
import { type Cell, type Table, dateTimeCell } from '../table';
import { offsetAt } from '../time/zone';
import { parseDayRange } from './args';
import { zoneOf } from './context';
import { param } from './cost';
import type { FunctionEnv, FunctionResult, FunctionSpec } from './spec';
import { pricedTtl, tariffContext } from './tariff-context';
import { ttlForDays } from './ttl';
import { MAX_TABLE_ROWS } from './limits';
import type { Dated } from '../tariffs/model';

function standingAt(standing: Dated<number>[], t: number): Cell {
  for (const s of standing) if (s.from <= t && t < s.to) return s.value;
  return null;
}

function* run(args: unknown[], env: FunctionEnv): Flow<FunctionResult> {
  const [tariffArg, start, end, tz] = args;
  const text = tariffText(tariffArg);
  if (text === null) throw new MeterError('argument', `tariff: expected ${TARIFF_EXPECTED}`);
  const zone = zoneOf(tz, env);
  const now = env.clock();
  const range = parseDayRange(start, end, env.cellZone ?? zone, { now, zone });
  if (range.last - range.first + 1 > 366 * 5)
    throw new MeterError('argument', 'end: METER_RATES covers at most 5 years at a time');
  const span = resolveSpan(zone, range.first, range.last);
  const fuel: Fuel = parseTariffCode(text)?.fuel ?? 'electricity';
  const ctx = { ...tariffContext(env, null, span), fuel };
  const tariff = yield* resolveTariff(text, ctx);
  const line = rateTimeline(tariff.unit, zone, span.from, span.to);
  const c = tariff.currency;
  const rows: Table = [['Start', 'End', `Unit rate (${c}/kWh)`, `Standing charge (${c}/day)`]];
  const cell = (t: number) => dateTimeCell(t, offsetAt(zone, t));
  const push = (a: number, b: number, rate: number | null) => {
    if (rows.length > MAX_TABLE_ROWS)
      throw new MeterError(
        'argument',
        'end: too many rates for one table; ask for a shorter range',
      );
    rows.push([cell(a), cell(b), rate, standingAt(tariff.standing, a)]);
  };
  // Unknown stretches (not yet published, or no tariff in force) are rows with no rate.
  let t = span.from;
  for (let i = 0; i < line.length; i++) {
    if (line.start[i] > t) push(t, line.start[i], null);
    push(line.start[i], line.end[i], line.rate[i]);
    t = line.end[i];
  }
  if (t < span.to) push(t, span.to, null);
  return { table: rows, ttlSeconds: pricedTtl(ttlForDays(range.last, zone, now), [tariff]) };
}

export const RATES: FunctionSpec = {
  id: 'RATES',
  description:
    "A tariff's unit rates between two local days, as published (Agile's half-hours, a time-of-use tariff's bands), with the standing charge: no meter needed.",
  params: [
    {
      name: 'tariff',
      type: 'string',
      description:
        'An Octopus tariff code (E-1R-AGILE-24-10-01-C) or product code (region from Settings), a demo tariff, an inline tariff or a tariff saved in Settings.',
    },
    param('start'),
    param('end'),
    param('timezone'),
  ],
  result:
    "Start, End, Unit rate (per kWh) and Standing charge (per day), in the tariff's currency; one row per stretch at one rate. A stretch with no known rate (not yet published) has a blank rate.",
  examples: [
    '=METER_RATES("demo-dynamic", "2024-03-31")',
    '=METER_RATES("00:30-05:30 0.085, 0.30 + 0.60/day", "2024-01-15")',
    '=METER_RATES(A1, "yesterday")',
  ],
  run,
};
