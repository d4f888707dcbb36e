// The tariffs an Octopus customer actually paid: the agreements on the account
// (GET /v1/accounts/{number}/: each meter point's tariff_code with valid_from/valid_to),
// each priced from the public products API over the part of the range it covers. So a
// bill-to-date needs no tariff typed in: `account` (the default for an Octopus meter).
import { MeterError } from '../../../errors';
import { type Flow, all } from '../../../flow';
import { parseJsonBody } from '../../../http';
import { checkResponse } from '../../../providers/common';
import { OCTOPUS_DEFAULT_BASE, OCTOPUS_ID, accountRequest } from '../../../providers/octopus/wire';
import { parseInstant } from '../../../time/iso';
import { clipDated, type Tariff } from '../../model';
import { octopusGet } from '../octopus/api';
import { OCTOPUS_SOURCE } from '../octopus';
import type { PriceSource, TariffContext } from '../source';

export const ACCOUNT_TARIFF = 'account';

interface Agreement {
  tariff_code?: string;
  valid_from?: string | null;
  valid_to?: string | null;
}

interface PointWire {
  mpan?: string;
  mprn?: string;
  agreements?: Agreement[];
}

interface AccountWire {
  properties?: { electricity_meter_points?: PointWire[]; gas_meter_points?: PointWire[] }[];
}

/** The meter point's agreements as [from, to) with their tariff codes. */
function* agreementsOf(ctx: TariffContext): Flow<{ code: string; from: number; to: number }[]> {
  const meter = ctx.meter;
  if (!meter || meter.provider !== OCTOPUS_ID || !meter.ref?.point)
    throw new MeterError(
      'argument',
      'tariff: "account" means the tariffs on your Octopus account: it prices an Octopus meter (octopus:…) or a Kraken meter (kraken:…) only',
    );
  const cfg = ctx.settings.providers[OCTOPUS_ID] ?? {};
  const { apiKey, account } = cfg;
  if (typeof apiKey !== 'string' || typeof account !== 'string')
    throw new MeterError(
      'config',
      'Octopus Energy is not set up: fill in API key, Account number in Settings',
    );
  const base = (
    typeof cfg.baseUrl === 'string' && cfg.baseUrl ? cfg.baseUrl : OCTOPUS_DEFAULT_BASE
  ).replace(/\/+$/, '');
  const [r] = yield* octopusGet(ctx, [accountRequest(base, apiKey, account.toUpperCase())]);
  checkResponse(r, 'Octopus Energy', "the account's tariffs");
  const body = parseJsonBody<AccountWire>(r, 'Octopus Energy');
  const out: { code: string; from: number; to: number }[] = [];
  for (const property of body.properties ?? [])
    for (const p of [
      ...(property.electricity_meter_points ?? []),
      ...(property.gas_meter_points ?? []),
    ]) {
      if ((p.mpan ?? p.mprn) !== meter.ref.point) continue;
      for (const a of p.agreements ?? []) {
        if (!a.tariff_code) continue;
        const from = a.valid_from ? parseInstant(a.valid_from) : -Infinity;
        const to = a.valid_to ? parseInstant(a.valid_to) : Infinity;
        if (from === null || to === null)
          throw new MeterError(
            'provider',
            'Octopus Energy sent an agreement that could not be read',
          );
        out.push({ code: a.tariff_code, from, to });
      }
    }
  if (out.length === 0)
    throw new MeterError(
      'not-found',
      `tariff: the Octopus account lists no tariff for ${meter.id}`,
    );
  return out.sort((a, b) => a.from - b.from);
}

function* accountTariff(_text: string, ctx: TariffContext): Flow<Tariff> {
  const agreements = (yield* agreementsOf(ctx)).filter((a) => a.to > ctx.from && a.from < ctx.to);
  if (agreements.length === 0)
    throw new MeterError(
      'no-data',
      'tariff: no agreement on the Octopus account covers these days',
    );
  // Every agreement's rates in one batch, each over its own part of the range.
  const tariffs = yield* all(
    agreements.map((a) =>
      OCTOPUS_SOURCE.tariff(a.code, {
        ...ctx,
        from: Math.max(ctx.from, a.from),
        to: Math.min(ctx.to, a.to),
      }),
    ),
  );
  const tariff: Tariff = {
    name: ACCOUNT_TARIFF,
    label: `Your Octopus tariffs: ${agreements.map((a) => a.code).join(', ')}`,
    currency: 'GBP',
    unit: tariffs.flatMap((t, i) => clipDated(t.unit, agreements[i].from, agreements[i].to)),
    standing: tariffs.flatMap((t, i) =>
      clipDated(t.standing, agreements[i].from, agreements[i].to),
    ),
    fuel: tariffs[0].fuel,
    export: tariffs[0].export,
  };
  const ttls = tariffs.map((t) => t.ttlSeconds).filter((t): t is number => t !== undefined);
  if (ttls.length > 0) tariff.ttlSeconds = Math.min(...ttls);
  return tariff;
}

export const OCTOPUS_ACCOUNT_SOURCE: PriceSource = {
  id: 'octopus-account',
  hosts: [],
  claims: (text) => text.toLowerCase() === ACCOUNT_TARIFF,
  tariff: accountTariff,
};
