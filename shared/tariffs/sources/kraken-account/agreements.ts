// The agreements on a Kraken account, asked in one GraphQL query: every agreement (ended
// ones too) of the meter points that are supplied today, each with its dates and its
// tariff as Kraken states it: the code, and the rates in pence including VAT (a flat unit
// rate, day and night rates, or half-hourly unit rates) with the standing charge per day.
import { MeterError } from '../../../errors';
import type { Flow } from '../../../flow';
import type { Meter } from '../../../model';
import type { GraphqlOperation } from '../../../providers/kraken/graphql';
import { openSession, runOperations } from '../../../providers/kraken/session';
import type { ProviderConfig } from '../../../settings';
import { parseInstant } from '../../../time/iso';
import type { RateSlot, UnitPricing } from '../../model';
import { NIGHT_BAND } from '../octopus';
import type { TariffContext } from '../source';

/** What Kraken says of a tariff, its rates turned into the engine's pounds. */
export interface KrakenAgreement {
  /** [from, to), UTC ms; ±Infinity for an open end. */
  from: number;
  to: number;
  /** E-1R-AGILE-24-10-01-C; null when Kraken gives none. */
  code: string | null;
  /** The GraphQL type: StandardTariff, DayNightTariff, ThreeRateTariff, HalfHourlyTariff… */
  kind: string;
  name: string;
  /** The unit pricing Kraken's own figures give; null when they do not say enough. */
  unit: UnitPricing | null;
  /** £ per day; null when Kraken gives none. */
  standing: number | null;
}

// `... on TariffType` asks the fields every tariff has; the rates are per type. Standard
// and prepay tariffs share `unitRate`, day/night and three-rate `dayRate`/`nightRate`
// (same types, so GraphQL lets them sit side by side).
const TARIFF_FIELDS = `__typename
            ... on TariffType { tariffCode productCode displayName standingCharge }
            ... on StandardTariff { unitRate }
            ... on PrepayTariff { unitRate }
            ... on DayNightTariff { dayRate nightRate }
            ... on ThreeRateTariff { dayRate nightRate offPeakRate }
            ... on HalfHourlyTariff { unitRates { validFrom validTo value } }`;

const AGREEMENTS_QUERY = `query krakenAgreements($accountNumber: String!) {
  account(accountNumber: $accountNumber) {
    electricityAgreements(active: true) {
      meterPoint {
        mpan
        agreements(includeInactive: true) {
          validFrom
          validTo
          tariff {
            ${TARIFF_FIELDS}
          }
        }
      }
    }
    gasAgreements(active: true) {
      meterPoint {
        mprn
        agreements(includeInactive: true) {
          validFrom
          validTo
          tariff {
            __typename
            tariffCode
            productCode
            displayName
            standingCharge
            unitRate
          }
        }
      }
    }
  }
}`;

export function agreementsOperation(account: string): GraphqlOperation {
  return {
    operationName: 'krakenAgreements',
    query: AGREEMENTS_QUERY,
    variables: { accountNumber: account },
    what: `the tariffs of account ${account}`,
  };
}

interface RawTariff {
  __typename?: unknown;
  tariffCode?: unknown;
  productCode?: unknown;
  displayName?: unknown;
  standingCharge?: unknown;
  unitRate?: unknown;
  dayRate?: unknown;
  nightRate?: unknown;
  unitRates?: { validFrom?: unknown; validTo?: unknown; value?: unknown }[] | null;
}

interface RawAgreement {
  validFrom?: unknown;
  validTo?: unknown;
  tariff?: RawTariff | null;
}

interface RawPoint {
  mpan?: unknown;
  mprn?: unknown;
  agreements?: (RawAgreement | null)[] | null;
}

/** Pence (Kraken's unit, VAT included) to pounds; null for anything but a number. */
function pounds(pence: unknown): number | null {
  return typeof pence === 'number' && Number.isFinite(pence) ? pence / 100 : null;
}

function instant(value: unknown, open: number): number {
  if (value === null || value === undefined) return open;
  const t = parseInstant(value);
  if (t === null)
    throw new MeterError('provider', 'Kraken sent an agreement whose dates could not be read');
  return t;
}

/** The unit pricing Kraken's own figures give for a tariff, or null. */
function unitPricing(t: RawTariff): UnitPricing | null {
  switch (t.__typename) {
    case 'StandardTariff':
    case 'PrepayTariff':
    case 'GasTariffType': {
      const rate = pounds(t.unitRate);
      return rate === null ? null : { kind: 'flat', rate };
    }
    case 'DayNightTariff': {
      // Kraken gives the two rates, not the hours: Economy 7's usual night, as the
      // published two-rate tariffs are read (octopus/index.ts).
      const day = pounds(t.dayRate);
      const night = pounds(t.nightRate);
      if (day === null || night === null) return null;
      return { kind: 'bands', bands: [{ ...NIGHT_BAND, rate: night }], otherwise: day };
    }
    case 'HalfHourlyTariff': {
      const slots: RateSlot[] = [];
      for (const r of t.unitRates ?? []) {
        const rate = pounds(r?.value);
        if (rate === null || !r?.validFrom || !r.validTo) continue;
        slots.push({
          from: instant(r.validFrom, -Infinity),
          to: instant(r.validTo, Infinity),
          rate,
        });
      }
      slots.sort((a, b) => a.from - b.from);
      return { kind: 'slots', slots };
    }
    default:
      // ThreeRateTariff: three rates, but no word of which hours each covers.
      return null;
  }
}

function parseAgreement(a: RawAgreement): KrakenAgreement | null {
  const t = a.tariff;
  if (!t) return null;
  const code = typeof t.tariffCode === 'string' && t.tariffCode ? t.tariffCode : null;
  const label =
    typeof t.displayName === 'string' && t.displayName ? t.displayName : (code ?? 'tariff');
  return {
    from: instant(a.validFrom, -Infinity),
    to: instant(a.validTo, Infinity),
    code,
    kind: typeof t.__typename === 'string' ? t.__typename : 'TariffType',
    name: code && label !== code ? `${label} (${code})` : label,
    unit: unitPricing(t),
    standing: pounds(t.standingCharge),
  };
}

/** The meter's agreements, oldest first, from an answer of the agreements query. */
export function meterAgreements(data: Record<string, unknown>, meter: Meter): KrakenAgreement[] {
  const acc = data.account as {
    electricityAgreements?: ({ meterPoint?: RawPoint | null } | null)[] | null;
    gasAgreements?: ({ meterPoint?: RawPoint | null } | null)[] | null;
  } | null;
  if (!acc) throw new MeterError('not-found', 'Kraken has no such account');
  const gas = meter.fuel === 'gas';
  const point = meter.ref?.mpxn;
  const list = (gas ? acc.gasAgreements : acc.electricityAgreements) ?? [];
  const out: KrakenAgreement[] = [];
  const seen = new Set<string>();
  for (const entry of list) {
    const mp = entry?.meterPoint;
    if (!mp || (gas ? mp.mprn : mp.mpan) !== point) continue;
    // A meter point with several active agreements is listed once for each: keep one copy.
    for (const raw of mp.agreements ?? []) {
      if (!raw) continue;
      const a = parseAgreement(raw);
      const key = a && `${a.from}|${a.to}|${a.code}`;
      if (!a || !key || seen.has(key)) continue;
      seen.add(key);
      out.push(a);
    }
  }
  return out.sort((x, y) => x.from - y.from);
}

/** The agreements of the meter's point: one query with the provider's own session. */
export function* fetchAgreements(ctx: TariffContext, meter: Meter): Flow<KrakenAgreement[]> {
  const config: ProviderConfig = ctx.settings.providers.kraken ?? {};
  const session = yield* openSession({
    config,
    clock: ctx.clock,
    runtime: ctx.runtime,
    deadline: ctx.deadline,
  });
  const [data] = yield* runOperations(session, [agreementsOperation(session.settings.account)]);
  return meterAgreements(data, meter);
}
