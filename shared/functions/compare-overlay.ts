// What the Compare dialog (Sheets) and the Compare pane (Excel) run: METER_COMPARE, and,
// with "Overlay grid carbon intensity" ticked, METER_CARBON(period, , "profile", area) for
// every period, all side by side (all()), so the usage requests and the intensity
// requests go out as ONE batch. The intensity joins the table as one column per period
// (overlay.ts); what cannot be overlaid is said in a note, never shown as zero.
import { type Area, areaLabel, areaText, parseArea, readArea } from '../carbon/area';
import { INTENSITY_COLUMN } from '../carbon/aggregate';
import { overlayIntensity } from '../carbon/overlay';
import { type Flow, all } from '../flow';
import type { Meter } from '../model';
import type { Settings } from '../settings';
import type { Table } from '../table';
import { formatDay } from '../time/civil';
import { canonicalZone } from '../time/zone';
import { parsePeriods } from './args';
import { DEMO_PROVIDER, resolveMeter, zoneOf } from './context';
import { runFunction, userError } from './run';
import type { FunctionEnv } from './spec';

/** The grid the Carbon Intensity API describes: Great Britain's. */
const GB_ZONE = 'Europe/London';

export interface CompareRequest {
  periods: string[];
  /** Blank: the default meter. */
  meter: string | null;
  timezone: string | null;
  overlay: boolean;
  /** Blank: Settings' carbon area for the meter, else national (the demo grid for the demo meter). */
  area: string | null;
}

export interface CompareResult {
  /** Time, one kWh column per period, then (overlay) one gCO2/kWh column per period. */
  table: Table;
  /** The periods as the table heads them. */
  labels: string[];
  /** The area overlaid, or null when no intensity was overlaid. */
  area: Area | null;
  /** What the person should know: why there is no overlay, or which figures are missing. */
  notes: string[];
}

/**
 * The area to overlay: the one typed, else the meter's own area in Settings, else
 * Settings' carbon source, else the demo grid for the demo meter (offline, like its
 * usage), else Great Britain as a whole.
 */
export function overlayArea(typed: string | null, settings: Settings, meter: Meter): Area {
  if (typed && typed.trim() !== '') return parseArea(typed, 'area');
  const own = settings.carbon?.meters?.[meter.id.toLowerCase()];
  const fromSettings = [own, settings.carbon?.source]
    .map((text) => (text ? readArea(text) : null))
    .find((a): a is Area => a !== null && a !== 'full-postcode');
  if (fromSettings) return fromSettings;
  return meter.provider === DEMO_PROVIDER ? { kind: 'demo' } : { kind: 'national' };
}

/** Why the grid's intensity says nothing about this meter's usage, or null when it does. */
export function overlayRefusal(meter: Meter): string | null {
  if (meter.fuel !== 'electricity')
    return `No carbon overlay: grid carbon intensity is electricity's, and ${meter.id} is a ${meter.fuel} meter.`;
  const zone = meter.homeZone ? canonicalZone(meter.homeZone) : null;
  if (zone && zone !== GB_ZONE)
    return `No carbon overlay: grid carbon intensity covers Great Britain only, and ${meter.id} is a meter in ${zone}.`;
  return null;
}

type Settled = { ok: Table } | { error: unknown };

// One period's intensity failing (the API down, a range too long) leaves its column blank
// with a note; it does not cost the person the comparison.
function* settle(flow: Flow<Table>): Flow<Settled> {
  try {
    return { ok: yield* flow };
  } catch (error) {
    return { error };
  }
}

const column = (table: Table, name: string) => table[0].indexOf(name);

/** What is missing from one period's intensity profile, in words (null: nothing). */
function missingNote(label: string, area: Area, result: Settled, env: FunctionEnv): string | null {
  if ('error' in result)
    return `Grid carbon intensity for ${label} could not be had (its column is blank): ${userError(result.error, env).message}`;
  const rows = result.ok.slice(1);
  const at = column(result.ok, 'Missing');
  const missing = at < 0 ? 0 : rows.reduce((n, r) => n + (Number(r[at]) || 0), 0);
  const intensity = column(result.ok, INTENSITY_COLUMN);
  const blank = rows.filter((r) => intensity < 0 || typeof r[intensity] !== 'number').length;
  if (blank === rows.length)
    return `No grid carbon intensity for ${label} in ${areaLabel(area)}: its column is blank.`;
  if (missing === 0) return null;
  return (
    `Grid carbon intensity for ${label}: ${missing} half-hours had no figure; each slot is the mean of the days that had one` +
    (blank > 0 ? `, and ${blank} slots with none are blank.` : '.')
  );
}

export function* compareWithOverlay(req: CompareRequest, env: FunctionEnv): Flow<CompareResult> {
  const matrix = req.periods.map((p) => [p]);
  const compareArgs = [matrix, req.meter ?? '', req.timezone ?? ''];
  const plain = function* (notes: string[]): Flow<CompareResult> {
    const table = yield* runFunction('COMPARE', compareArgs, env);
    return { table, labels: table[0].slice(1).map(String), area: null, notes };
  };
  if (!req.overlay) return yield* plain([]);
  // The meter first (its list is cached for an hour): whether and where to overlay depend
  // on it, and METER_COMPARE then finds it cached, so its usage requests meet the
  // intensity requests in one batch.
  const meter = yield* resolveMeter(req.meter ?? '', env);
  const refusal = overlayRefusal(meter);
  if (refusal) return yield* plain([refusal]);
  const area = overlayArea(req.area, env.settings, meter);
  const zone = zoneOf(req.timezone ?? '', env, meter);
  const now = env.clock();
  // The same days METER_COMPARE reads (a named period such as last-week included).
  const periods = parsePeriods(matrix, env.cellZone ?? zone, { now, zone });
  const carbonArgs = (p: { first: number; last: number }) => [
    formatDay(p.first),
    formatDay(p.last),
    'profile',
    areaText(area),
    zone,
  ];
  const [compare, ...profiles] = yield* all<Table | Settled>([
    runFunction('COMPARE', compareArgs, env),
    ...periods.map((p) => settle(runFunction('CARBON', carbonArgs(p), env))),
  ]);
  const table = compare as Table;
  const labels = table[0].slice(1).map(String);
  const settled = profiles as Settled[];
  const notes = settled
    .map((r, i) => missingNote(labels[i], area, r, env))
    .filter((n): n is string => n !== null);
  return {
    table: overlayIntensity(
      table,
      settled.map((r, i) => ({ label: labels[i], table: 'ok' in r ? r.ok : null })),
    ),
    labels,
    area,
    notes,
  };
}
