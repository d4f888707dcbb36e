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
import type { GraphqlOperation } from './graphql';
import { openSession, runOperations } from './session';

const METERS_QUERY = `query krakenMeters($accountNumber: String!) {
  account(accountNumber: $accountNumber) {
    number
    electricityAgreements(active: true) {
      validFrom
      validTo
      meterPoint {
        mpan
        direction
        meters(includeInactive: false) {
          serialNumber
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

export function metersOperation(account: string): GraphqlOperation {
  return {
    operationName: 'krakenMeters',
    query: METERS_QUERY,
    variables: { accountNumber: account },
    what: `the meters of account ${account}`,
  };
}

interface RawMeter {
  serialNumber?: unknown;
  smartDevices?: { deviceId?: unknown }[] | null;
}
interface RawAgreement {
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
    const exporting = String(mp.direction ?? '').toUpperCase() === 'EXPORT';
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
  const [data] = yield* runOperations(session, [metersOperation(account)]);
  return parseMeters(data, account);
}
