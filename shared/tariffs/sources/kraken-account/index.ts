// The tariffs a Kraken customer actually paid: the agreements on the account (GraphQL,
// agreements.ts), each over the part of the range it was in force. An Octopus tariff code
// is priced from Octopus's published rates, which are dated (a variable tariff repriced
// each quarter, Agile's half-hours); a code Octopus does not publish (another supplier's
// Kraken, a product no longer listed) from the rates Kraken states in the agreement.
// Days no agreement covers have no rate: Unpriced, never free. `account` is the default
// tariff of a Kraken meter, as of an Octopus one.
import { MeterError, isMeterError } from '../../../errors';
import { type Flow, all } from '../../../flow';
import type { Meter } from '../../../model';
import { MS_PER_DAY, formatDay } from '../../../time/civil';
import { civilDayAt } from '../../../time/zone';
import { clipDated, type Dated, type Tariff, type UnitPricing } from '../../model';
import { OCTOPUS_SOURCE } from '../octopus';
import { parseTariffCode } from '../octopus/codes';
import { ACCOUNT_TARIFF } from '../octopus-account';
import type { PriceSource, TariffContext } from '../source';
import { type KrakenAgreement, fetchAgreements } from './agreements';

export const KRAKEN_ID = 'kraken';

interface Part {
  agreement: KrakenAgreement;
  from: number;
  to: number;
}

/** The part of a tariff Kraken's own figures price. */
function stated(p: Part): Tariff {
  const a = p.agreement;
  const unit: Dated<UnitPricing>[] = a.unit ? [{ from: p.from, to: p.to, value: a.unit }] : [];
  const standing: Dated<number>[] =
    a.standing === null ? [] : [{ from: p.from, to: p.to, value: a.standing }];
  return { name: a.name, label: a.name, currency: 'GBP', unit, standing };
}

/** Octopus's published rates for an Octopus code, else Kraken's stated ones. */
function* priced(p: Part, ctx: TariffContext): Flow<Tariff> {
  const code = p.agreement.code ? parseTariffCode(p.agreement.code) : null;
  // Three-rate codes are not Octopus's E-1R/E-2R ones: they keep to Kraken's figures.
  if (!code || code.fuel !== ctx.fuel) return stated(p);
  try {
    return yield* OCTOPUS_SOURCE.tariff(code.code, { ...ctx, from: p.from, to: p.to });
  } catch (e) {
    // Octopus does not publish it: another supplier's code, or a product no longer listed.
    if (isMeterError(e) && e.kind === 'not-found') return stated(p);
    throw e;
  }
}

/** The stretches of [from, to) no part covers, as local day ranges "2024-01-01 to 2024-01-14". */
function uncoveredDays(parts: Part[], from: number, to: number, zone: string): string[] {
  const gaps: [number, number][] = [];
  let at = from;
  for (const p of parts) {
    if (p.from > at) gaps.push([at, p.from]);
    at = Math.max(at, p.to);
  }
  if (at < to) gaps.push([at, to]);
  return gaps.map(([a, b]) => {
    const first = formatDay(civilDayAt(zone, a));
    const last = formatDay(civilDayAt(zone, b - 1));
    return first === last ? first : `${first} to ${last}`;
  });
}

/** The meter point the agreements are found by (claims() has checked it is Kraken's). */
function requireKrakenMeter(ctx: TariffContext): Meter {
  const meter = ctx.meter;
  if (!meter || meter.provider !== KRAKEN_ID || !meter.ref?.mpxn)
    throw new MeterError(
      'argument',
      `tariff: "account" needs a Kraken meter listed by METER_METERS (kraken:<MPAN> or kraken:gas:<MPRN>), to find its agreements by meter point`,
    );
  return meter;
}

function* krakenAccountTariff(_text: string, ctx: TariffContext): Flow<Tariff> {
  const meter = requireKrakenMeter(ctx);
  const agreements = yield* fetchAgreements(ctx, meter);
  const parts: Part[] = [];
  for (const agreement of agreements) {
    const from = Math.max(agreement.from, ctx.from);
    const to = Math.min(agreement.to, ctx.to);
    if (to > from) parts.push({ agreement, from, to });
  }
  const gaps = uncoveredDays(parts, ctx.from, ctx.to, ctx.zone);
  if (parts.length === 0)
    throw new MeterError(
      'no-data',
      `tariff: the Kraken account has no agreement for ${meter.id} on ${gaps.join(', ')}${
        agreements.length && Number.isFinite(agreements[0].from)
          ? ` (its agreements run from ${formatDay(civilDayAt(ctx.zone, agreements[0].from))})`
          : ''
      }; name a tariff for these days`,
    );
  // Every agreement's published rates in one batch, each over its own part of the range.
  const tariffs = yield* all(parts.map((p) => priced(p, ctx)));
  const names = parts.map((p) => p.agreement.name);
  const label = `Your Kraken tariffs: ${[...new Set(names)].join(', ')}${
    gaps.length ? `; no agreement on ${gaps.join(', ')} (unpriced)` : ''
  }`;
  const tariff: Tariff = {
    name: ACCOUNT_TARIFF,
    label,
    currency: 'GBP',
    unit: tariffs.flatMap((t, i) => clipDated(t.unit, parts[i].from, parts[i].to)),
    standing: tariffs.flatMap((t, i) => clipDated(t.standing, parts[i].from, parts[i].to)),
    fuel: meter.fuel,
  };
  if (meter.fuel === 'electricity') tariff.export = meter.direction === 'export';
  const ttls = tariffs.map((t) => t.ttlSeconds).filter((t): t is number => t !== undefined);
  // A new agreement can start any day: a result reaching the last two days is kept briefly.
  if (ctx.to > ctx.clock() - 2 * MS_PER_DAY) ttls.push(30 * 60);
  if (ttls.length > 0) tariff.ttlSeconds = Math.min(...ttls);
  return tariff;
}

export const KRAKEN_ACCOUNT_SOURCE: PriceSource = {
  id: 'kraken-account',
  provider: KRAKEN_ID,
  // The GraphQL API's own hosts come with the Kraken provider; Octopus's published rates:
  hosts: ['api.octopus.energy'],
  claims: (text, ctx) => text.toLowerCase() === ACCOUNT_TARIFF && ctx.meter?.provider === KRAKEN_ID,
  tariff: krakenAccountTariff,
};
