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
import type { GraphqlOperation } from './graphql';
import { openSession, runOperations } from './session';

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
 * Whether an electricity agreement is for export. Kraken's own `direction` decides when
 * there is one; a Kraken without it is read from the other signs: an export meter names its
 * import meter, and export tariffs say so.
 */
function isExport(a: RawAgreement): boolean {
  const mp = a.meterPoint;
  if (mp && mp.direction !== undefined && mp.direction !== null)
    return String(mp.direction).toUpperCase() === 'EXPORT';
  if ((mp?.meters ?? []).some((m) => m?.importMeter)) return true;
  const t = a.tariff;
  return [t?.tariffCode, t?.productCode, t?.displayName].some(
    (v) => typeof v === 'string' && EXPORT_TARIFF.test(v),
  );
}

function lastFour(id: string): string {
  return '…' + id.slice(-4);
}

const HALF_HOURLY = { kind: 'fixed' as const, stepMs: MS_PER_HALF_HOUR };

/** The meters an account query answered with, in a stable order. */
export function parseMeters(data: Record<string, unknown>, account: string): Meter[] {
  const acc = data.account as {
    electricityAgreements?: RawAgreement[] | null;
    gasAgreements?: RawAgreement[] | null;
  } | null;
  if (!acc) throw new MeterError('not-found', `Kraken has no account ${account}`);
  const meters: Meter[] = [];
  const seen = new Set<string>();
  const base = { provider: 'kraken', firstDay: null, lastDay: null, grid: HALF_HOURLY };
  for (const a of acc.electricityAgreements ?? []) {
    const mp = a?.meterPoint;
    if (!mp || typeof mp.mpan !== 'string') continue;
    const exporting = isExport(a);
    const id = `kraken:${mp.mpan}${exporting ? ':export' : ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const deviceId = deviceIdOf(mp.meters);
    const ref: Record<string, string> = {
      fuel: 'electricity',
      mpxn: mp.mpan,
      direction: exporting ? 'GENERATION' : 'CONSUMPTION',
    };
    if (deviceId) ref.deviceId = deviceId;
    meters.push({
      ...base,
      id,
      fuel: 'electricity',
      direction: exporting ? 'export' : 'import',
      label: `Electricity ${exporting ? 'export' : 'import'} (MPAN ${lastFour(mp.mpan)}), half-hourly${deviceId ? ', smart meter' : ''}`,
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
      return parseMeters(data, account);
    } catch (e) {
      const refused = optionalRefused(e, parts);
      if (!refused) throw e;
      const rest = parts.filter((p) => p !== refused);
      parts = refused === 'direction' ? [...rest, ...WITHOUT_DIRECTION] : rest;
    }
  }
}
