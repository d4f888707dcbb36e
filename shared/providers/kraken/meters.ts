// Meter discovery: the account's active electricity agreements (import and export meter
// points, by MPAN) and gas agreements (by MPRN), with each meter's smart device id (the
// ESME/GSME EUI-64 the Home Mini reads). Meter ids:
//   kraken:<mpan>          electricity import
//   kraken:<mpan>:export   electricity export (its own MPAN, marked for readability)
//   kraken:gas:<mprn>      gas
import { MeterError } from '../../errors';
import type { Flow } from '../../flow';
import type { Meter } from '../../model';
import { MS_PER_HALF_HOUR } from '../../time/civil';
import type { ProviderContext } from '../provider';
import { KrakenError } from './errors';
import type { GraphqlOperation } from './wire';
import { measurementsOperation, parseMeasurementPage } from './measurements';
import { type KrakenSession, openSession, runOperations } from './session';

/**
 * Parts of the meters query that not every Kraken has. `direction` is in today's Octopus
 * schema but not in 2024's, and other suppliers' Krakens may lag Octopus's: when Kraken
 * refuses the query over one of these, it is asked again without it, so one missing field
 * never costs the meter list. The others are asked only when `direction` is missing: they
 * are the other ways of telling an export meter point from an import one.
 */
const OPTIONAL = {
  /** ElectricityMeterPointType.direction: IMPORT or EXPORT. */
  direction: { owns: ['direction', 'ElectricityDirection'], text: 'direction' },
  /** The agreement's tariff: an export tariff says so in its code or name. */
  tariff: {
    owns: ['tariff', 'TariffType'],
    text: 'tariff { ... on TariffType { tariffCode productCode displayName } }',
  },
  /** An export meter names the import meter it belongs to. */
  importMeter: { owns: ['importMeter'], text: 'importMeter { id }' },
} as const;
type Optional = keyof typeof OPTIONAL;

function metersQuery(parts: readonly Optional[]): string {
  const has = (p: Optional) => parts.includes(p);
  return `query krakenMeters($accountNumber: String!) {
  account(accountNumber: $accountNumber) {
    number
    electricityAgreements(active: true) {
      validFrom
      validTo${has('tariff') ? `\n      ${OPTIONAL.tariff.text}` : ''}
      meterPoint {
        mpan${has('direction') ? '\n        direction' : ''}
        meters(includeInactive: false) {
          serialNumber${has('importMeter') ? `\n          ${OPTIONAL.importMeter.text}` : ''}
          smartDevices {
            deviceId
          }
        }
      }
    }
    gasAgreements(active: true) {
      validFrom
      validTo
      meterPoint {
        mprn
        meters(includeInactive: false) {
          serialNumber
          smartDevices {
            deviceId
          }
        }
      }
    }
  }
}`;
}

/** What to ask first: `direction` alone says everything. */
const FIRST_ASK: readonly Optional[] = ['direction'];
/** Without `direction`: every other signal. */
const WITHOUT_DIRECTION: readonly Optional[] = ['tariff', 'importMeter'];

export function metersOperation(
  account: string,
  parts: readonly Optional[] = FIRST_ASK,
): GraphqlOperation {
  return {
    operationName: 'krakenMeters',
    query: metersQuery(parts),
    variables: { accountNumber: account },
    what: `the meters of account ${account}`,
  };
}

/** The optional part a schema error is about, if it is about one we asked for. */
function optionalRefused(e: unknown, asked: readonly Optional[]): Optional | null {
  if (!(e instanceof KrakenError) || !e.missing) return null;
  const names = [e.missing.field, e.missing.type];
  return asked.find((p) => OPTIONAL[p].owns.some((n) => names.includes(n))) ?? null;
}

interface RawMeter {
  serialNumber?: unknown;
  importMeter?: unknown;
  smartDevices?: { deviceId?: unknown }[] | null;
}
interface RawAgreement {
  tariff?: { tariffCode?: unknown; productCode?: unknown; displayName?: unknown } | null;
  meterPoint?: {
    mpan?: unknown;
    mprn?: unknown;
    direction?: unknown;
    meters?: RawMeter[] | null;
  } | null;
}

function deviceIdOf(meters: RawMeter[] | null | undefined): string | null {
  for (const m of meters ?? [])
    for (const d of m?.smartDevices ?? [])
      if (typeof d?.deviceId === 'string' && d.deviceId) return d.deviceId;
  return null;
}

/** Octopus's export products are "Outgoing …"; others say export, or SEG. */
const EXPORT_TARIFF = /OUTGOING|EXPORT|\bSEG\b/i;

/**
 * What an electricity agreement says of its direction. Kraken's own `direction` decides when
 * there is one; a Kraken without it is read from the other signs: an export meter names its
 * import meter, and export tariffs say so. Null: no sign either way.
 */
function directionSign(a: RawAgreement): 'import' | 'export' | null {
  const mp = a.meterPoint;
  if (mp && mp.direction !== undefined && mp.direction !== null)
    return String(mp.direction).toUpperCase() === 'EXPORT' ? 'export' : 'import';
  if ((mp?.meters ?? []).some((m) => m?.importMeter)) return 'export';
  const t = a.tariff;
  const named = [t?.tariffCode, t?.productCode, t?.displayName].some(
    (v) => typeof v === 'string' && EXPORT_TARIFF.test(v),
  );
  return named ? 'export' : null;
}

function electricityAgreementsOf(data: Record<string, unknown>): RawAgreement[] {
  const acc = data.account as { electricityAgreements?: RawAgreement[] | null } | null;
  return (acc?.electricityAgreements ?? []).filter(
    (a) => a?.meterPoint && typeof a.meterPoint.mpan === 'string',
  );
}

/**
 * The MPANs nothing in the answer places, when the account has several electricity meter
 * points and none is known to be export (a single one is import: nobody exports without
 * importing). Only these need the readings themselves to tell (see probeExports).
 */
export function unplacedPoints(data: Record<string, unknown>): string[] {
  const points = electricityAgreementsOf(data);
  const mpans = new Set(points.map((a) => a.meterPoint?.mpan as string));
  if (mpans.size < 2) return [];
  // One export point is the usual household: once a sign places it, the rest are import.
  if (points.some((a) => directionSign(a) === 'export')) return [];
  const out = new Set<string>();
  for (const a of points) if (directionSign(a) === null) out.add(a.meterPoint?.mpan as string);
  return [...out];
}

function lastFour(id: string): string {
  return '…' + id.slice(-4);
}

const HALF_HOURLY = { kind: 'fixed' as const, stepMs: MS_PER_HALF_HOUR };

/** The meters an account query answered with, in a stable order. */
export function parseMeters(
  data: Record<string, unknown>,
  account: string,
  /** MPANs found by their readings to be export (see probeExports). */
  exporting: ReadonlySet<string> = new Set(),
): Meter[] {
  const acc = data.account as {
    electricityAgreements?: RawAgreement[] | null;
    gasAgreements?: RawAgreement[] | null;
  } | null;
  if (!acc) throw new MeterError('not-found', `Kraken has no account ${account}`);
  const meters: Meter[] = [];
  const seen = new Set<string>();
  // Kraken here is Octopus Energy's British platform: its households count British days.
  const base = {
    provider: 'kraken',
    firstDay: null,
    lastDay: null,
    grid: HALF_HOURLY,
    homeZone: 'Europe/London',
  };
  for (const a of acc.electricityAgreements ?? []) {
    const mp = a?.meterPoint;
    if (!mp || typeof mp.mpan !== 'string') continue;
    const sign = directionSign(a);
    const isExport = sign ? sign === 'export' : exporting.has(mp.mpan);
    const id = `kraken:${mp.mpan}${isExport ? ':export' : ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const deviceId = deviceIdOf(mp.meters);
    const ref: Record<string, string> = {
      fuel: 'electricity',
      mpxn: mp.mpan,
      direction: isExport ? 'GENERATION' : 'CONSUMPTION',
    };
    if (deviceId) ref.deviceId = deviceId;
    meters.push({
      ...base,
      id,
      fuel: 'electricity',
      direction: isExport ? 'export' : 'import',
      label: `Electricity ${isExport ? 'export' : 'import'} (MPAN ${lastFour(mp.mpan)}), half-hourly${deviceId ? ', smart meter' : ''}`,
      ref,
    });
  }
  for (const a of acc.gasAgreements ?? []) {
    const mp = a?.meterPoint;
    if (!mp || typeof mp.mprn !== 'string') continue;
    const id = `kraken:gas:${mp.mprn}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const deviceId = deviceIdOf(mp.meters);
    const ref: Record<string, string> = { fuel: 'gas', mpxn: mp.mprn, direction: 'CONSUMPTION' };
    if (deviceId) ref.deviceId = deviceId;
    meters.push({
      ...base,
      id,
      fuel: 'gas',
      direction: 'import',
      label: `Gas (MPRN ${lastFour(mp.mprn)}), half-hourly${deviceId ? ', smart meter' : ''}`,
      ref,
    });
  }
  const order = (m: Meter) => (m.fuel === 'gas' ? 2 : m.direction === 'export' ? 1 : 0);
  return meters.sort((x, y) => order(x) - order(y));
}

export function* listKrakenMeters(ctx: ProviderContext): Flow<Meter[]> {
  const session = yield* openSession(ctx);
  const account = session.settings.account;
  let parts: readonly Optional[] = FIRST_ASK;
  // Each refusal removes one optional part, so this ends after a few asks at most.
  for (;;) {
    try {
      const [data] = yield* runOperations(session, [metersOperation(account, parts)]);
      const unplaced = unplacedPoints(data);
      const exporting = unplaced.length
        ? yield* probeExports(session, unplaced)
        : new Set<string>();
      return parseMeters(data, account, exporting);
    } catch (e) {
      const refused = optionalRefused(e, parts);
      if (!refused) throw e;
      const rest = parts.filter((p) => p !== refused);
      parts = refused === 'direction' ? [...rest, ...WITHOUT_DIRECTION] : rest;
    }
  }
}

/** How far back the probe looks for generation: a month holds some sun even in winter. */
const PROBE_MS = 35 * 24 * 3600_000;

/**
 * Which of these MPANs have GENERATION readings lately: the last way to tell export from
 * import, when Kraken gives no direction and no other sign. One request per meter point, all
 * in one batch, one half-hour each; a probe that fails places nothing (the point stays import).
 */
function* probeExports(session: KrakenSession, mpans: string[]): Flow<Set<string>> {
  const now = Math.floor(session.clock() / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
  const probes = mpans.map((mpan): Meter => ({
    id: `kraken:${mpan}:export`,
    provider: 'kraken',
    fuel: 'electricity',
    direction: 'export',
    firstDay: null,
    lastDay: null,
    label: '',
    grid: HALF_HOURLY,
    ref: { fuel: 'electricity', mpxn: mpan, direction: 'GENERATION' },
  }));
  const ops = probes.map((m) =>
    measurementsOperation(session.settings.account, m, {
      from: now - PROBE_MS,
      to: now,
      zone: 'UTC',
      first: 1,
    }),
  );
  const found = new Set<string>();
  try {
    const answers = yield* runOperations(session, ops);
    answers.forEach((data, i) => {
      const page = parseMeasurementPage(data, probes[i], session.settings.calorificValue);
      if (page.intervals.some((iv) => iv.kwh !== null)) found.add(mpans[i]);
    });
  } catch (e) {
    if (!(e instanceof MeterError)) throw e;
  }
  return found;
}
