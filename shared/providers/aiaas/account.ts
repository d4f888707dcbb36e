// Writing to the aiaas API: registering the household's POD (the Italian supply point
// code) and onboarding (house, residents, appliances). Both are checked here, before any
// request, so a typo costs nothing and the message names the field at fault. These are
// commands, not spreadsheet functions: a recalculation must never register anything.
import { MeterError, argumentError } from '../../errors';
import type { Flow } from '../../flow';
import type { ProviderContext } from '../provider';
import { aiaasConfig, callApi } from './client';

/**
 * The shape of a POD, checked before sending to catch typos. The reference contradicts
 * itself (it says 20 characters, its pattern ^[A-Z]{2}[0-9A-Z]{3}[A-Z0-9]{14}$ makes 19,
 * its own example has 18) and real Italian PODs have 14 or 15, so we check only what all
 * of those share, a country code and 14–20 letters and digits, and leave the rest to the
 * API, whose refusal is reported as such.
 */
export const POD_SHAPE = /^[A-Z]{2}[0-9A-Z]{12,18}$/;

/** A POD as typed by a person (lower case, spaces) normalised and checked. */
export function parsePod(value: unknown): string {
  const text = typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : '';
  if (!POD_SHAPE.test(text))
    throw argumentError(
      'pod',
      'a POD: a country code and 14 to 20 letters and digits in all, like IT001E12345678',
      value,
    );
  return text;
}

export interface PodRegistration {
  pod: string;
  account_number: string;
  company_code: string;
}

export function podRegistration(
  pod: unknown,
  companyCode: unknown,
  account: string,
): PodRegistration {
  const code = typeof companyCode === 'string' ? companyCode.trim() : '';
  if (!code)
    throw argumentError(
      'company-code',
      'the company code your supplier gave you',
      typeof companyCode === 'string' ? code : companyCode,
    );
  return { pod: parsePod(pod), account_number: account, company_code: code };
}

export function* registerPod(
  ctx: ProviderContext,
  pod: unknown,
  companyCode: unknown,
): Flow<PodRegistration> {
  const body = podRegistration(pod, companyCode, aiaasConfig(ctx).account);
  const [data] = yield* callApi(ctx, [{ endpoint: 'pod', body }]);
  return data as PodRegistration;
}

// The reference spells the house's floor area "dimesion"; so does the wire format.
export interface Onboarding {
  house: { type: string; dimesion: number; province: string };
  residents: { adults: number; children: number; elderlies: number };
  appliances?: { appliance: string; quantity: number }[];
}

export interface OnboardingInput {
  houseType?: unknown;
  size?: unknown;
  province?: unknown;
  adults?: unknown;
  children?: unknown;
  elderlies?: unknown;
  /** `airConditioner=1, fridge=2` or a list of such entries. */
  appliances?: unknown;
}

function count(value: unknown, name: string, fallback?: number): number {
  if ((value === undefined || value === '') && fallback !== undefined) return fallback;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 50)
    throw argumentError(name, 'a whole number from 0 to 50', value);
  return n;
}

function appliances(value: unknown): { appliance: string; quantity: number }[] | undefined {
  const entries = (Array.isArray(value) ? value : [value])
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
    .filter((v) => !(typeof v === 'string' && v.trim() === '') && v !== undefined);
  if (entries.length === 0) return undefined; // the API then assumes its default set
  return entries.map((e) => {
    const m =
      typeof e === 'string' ? /^\s*([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*(\d+))?\s*$/.exec(e) : null;
    if (!m) throw argumentError('appliance', 'name=quantity, like airConditioner=1', e);
    const quantity = m[2] === undefined ? 1 : Number(m[2]);
    if (quantity < 1 || quantity > 50)
      throw argumentError('appliance', 'a quantity from 1 to 50', e);
    return { appliance: m[1], quantity };
  });
}

/** The onboarding body, every field checked and named when wrong. */
export function onboardingBody(input: OnboardingInput): Onboarding {
  const type = typeof input.houseType === 'string' ? input.houseType.trim() : '';
  if (!/^[a-z][a-zA-Z-]{1,40}$/.test(type))
    throw argumentError('house-type', 'a house type such as apartment', input.houseType);
  const size = typeof input.size === 'string' ? Number(input.size) : input.size;
  if (typeof size !== 'number' || !Number.isFinite(size) || size <= 0 || size > 10000)
    throw argumentError('size', 'the floor area in square metres, like 87', input.size);
  const province = typeof input.province === 'string' ? input.province.trim().toUpperCase() : '';
  if (!/^[A-Z]{2}$/.test(province))
    throw argumentError(
      'province',
      'an Italian province code of two letters, like MI',
      input.province,
    );
  const adults = count(input.adults, 'adults');
  const residents = {
    adults,
    children: count(input.children, 'children', 0),
    elderlies: count(input.elderlies, 'elderlies', 0),
  };
  if (residents.adults + residents.children + residents.elderlies === 0)
    throw new MeterError('argument', 'adults: a household needs at least one resident');
  const list = appliances(input.appliances);
  return {
    house: { type, dimesion: size, province },
    residents,
    ...(list ? { appliances: list } : {}),
  };
}

export interface OnboardingResult {
  account_number: string;
  onboarding_data: Onboarding;
}

/** Sends an onboarding body (see onboardingBody, which checks one). */
export function* onboard(ctx: ProviderContext, body: Onboarding): Flow<OnboardingResult> {
  const [data] = yield* callApi(ctx, [{ endpoint: 'onboarding', body }]);
  return data as OnboardingResult;
}
