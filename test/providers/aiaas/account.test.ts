// Writing to the aiaas API: POD registration and onboarding, checked before any request.
import { describe, expect, it } from 'vitest';
import { isMeterError } from '../../../shared/errors';
import { providerContext } from '../../../shared/functions/context';
import { aiaasProvider } from '../../../shared/providers/aiaas';
import {
  onboard,
  onboardingBody,
  parsePod,
  registerPod,
} from '../../../shared/providers/aiaas/account';
import { harness, refuse } from './harness';

function setup(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options);
  return { ...h, ctx: providerContext(aiaasProvider, h.env) };
}

const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(isMeterError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('POD registration', () => {
  it('sends the POD, the account and the company code, as the reference shows them', () => {
    const h = setup();
    const r = h.run(registerPod(h.ctx, ' it001e 1234567890 1ab ', 'ENEL'));
    expect(r).toEqual({
      pod: 'IT001E12345678901AB',
      account_number: '1234567890',
      company_code: 'ENEL',
    });
    const [post] = h.apiRequests();
    expect(post.method).toBe('POST');
    expect(post.url).toBe('https://aiaas.test/api/pod');
    expect(post.headers?.['Content-Type']).toBe('application/json');
    expect(JSON.parse(post.body ?? '')).toEqual(r);
    expect(h.mock.state.pods).toEqual([r]);
  });

  it("checks the POD's shape before any request, and reports the API's own refusal", () => {
    const h = setup();
    const expected =
      'pod: expected a POD: a country code and 14 to 20 letters and digits in all, like IT001E12345678, got ';
    expect(message(() => parsePod('IT001E12345678901A_'))).toBe(expected + '"IT001E12345678901A_"');
    expect(message(() => parsePod('IT001E1234'))).toBe(expected + '"IT001E1234"');
    expect(message(() => parsePod('IT001E12345678901ABCD'))).toBe(
      expected + '"IT001E12345678901ABCD"',
    );
    expect(message(() => parsePod(undefined))).toBe(expected.replace(/, got $/, ''));
    expect(message(() => h.run(registerPod(h.ctx, 'IT001E12345678901AB', '  ')))).toBe(
      'company-code: expected the company code your supplier gave you, got nothing',
    );
    expect(h.sent()).toHaveLength(0);
    // The reference's own example (18 characters) and a real 14-character POD pass our
    // check; the API, which enforces its 19-character pattern, refuses them, and says so.
    const server = setup();
    for (const pod of ['IT001E1234567890AB', 'IT001E12345678'])
      expect(message(() => server.run(registerPod(server.ctx, pod, 'ENEL')))).toBe(
        'aiaas rejected the request for POD registration (HTTP 400)',
      );
    expect(server.mock.state.pods).toEqual([]);
  });

  it('is never sent twice: no retry after a server error, one fresh token after a 401', () => {
    const failing = setup({
      wrap: refuse(1, (p) => p.endsWith('/pod'), 503, { status: 503, detail: 'busy' }),
    });
    expect(
      message(() => failing.run(registerPod(failing.ctx, 'IT001E12345678901AB', 'ENEL'))),
    ).toBe('aiaas failed to answer POD registration (HTTP 503); try again later');
    expect(failing.apiRequests()).toHaveLength(1);
    const expired = setup({ wrap: refuse(1, (p) => p.endsWith('/pod')) });
    expired.run(registerPod(expired.ctx, 'IT001E12345678901AB', 'ENEL'));
    expect(expired.sent().map((r) => r.url.split('/api')[1])).toEqual([
      '/auth/token',
      '/pod',
      '/auth/token',
      '/pod',
    ]);
    expect(expired.mock.state.pods).toHaveLength(1);
  });
});

describe('onboarding', () => {
  it('sends the house (with the reference\'s "dimesion"), residents and appliances', () => {
    const h = setup();
    const body = onboardingBody({
      houseType: 'apartment',
      size: '87',
      province: 'mi',
      adults: '1',
      children: 1,
      appliances: ['airConditioner=1, fridge', 'washingMachine=2'],
    });
    expect(body).toEqual({
      house: { type: 'apartment', dimesion: 87, province: 'MI' },
      residents: { adults: 1, children: 1, elderlies: 0 },
      appliances: [
        { appliance: 'airConditioner', quantity: 1 },
        { appliance: 'fridge', quantity: 1 },
        { appliance: 'washingMachine', quantity: 2 },
      ],
    });
    const r = h.run(onboard(h.ctx, body));
    expect(r).toEqual({ account_number: '1234567890', onboarding_data: body });
    expect(h.apiRequests()[0].url).toBe('https://aiaas.test/api/onboarding/1234567890');
    // The API now splits the household's use by the appliances it was told about.
    expect(h.call('APPLIANCES', 'yesterday').map((row) => row[0])).toEqual([
      'Appliance',
      'airConditioner',
      'fridge',
      'washingMachine',
      'standby',
    ]);
  });

  it("leaves the appliances out when none are given (the API's default set)", () => {
    const body = onboardingBody({
      houseType: 'house',
      size: 120,
      province: 'RM',
      adults: 2,
      elderlies: '1',
    });
    expect(body).toEqual({
      house: { type: 'house', dimesion: 120, province: 'RM' },
      residents: { adults: 2, children: 0, elderlies: 1 },
    });
  });

  it('names the field at fault', () => {
    const ok = { houseType: 'apartment', size: 87, province: 'MI', adults: 1 };
    expect(message(() => onboardingBody({ ...ok, province: 'Milano' }))).toBe(
      'province: expected an Italian province code of two letters, like MI, got "Milano"',
    );
    expect(message(() => onboardingBody({ ...ok, size: '-3' }))).toBe(
      'size: expected the floor area in square metres, like 87, got "-3"',
    );
    expect(message(() => onboardingBody({ ...ok, houseType: undefined }))).toBe(
      'house-type: expected a house type such as apartment',
    );
    expect(message(() => onboardingBody({ ...ok, adults: 0 }))).toBe(
      'adults: a household needs at least one resident',
    );
    expect(message(() => onboardingBody({ ...ok, children: 'two' }))).toBe(
      'children: expected a whole number from 0 to 50, got "two"',
    );
    expect(message(() => onboardingBody({ ...ok, appliances: 'air conditioner=1' }))).toBe(
      'appliance: expected name=quantity, like airConditioner=1, got "air conditioner=1"',
    );
  });
});
