// The Glowmarkt shapes on their own: requests as the API documents them, and parsing that
// keeps what is usable and refuses what is not, without quoting a body.
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../shared/http';
import { BRIGHT_APPLICATION_ID, brightSettings } from '../../../shared/providers/bright/config';
import { metersOf } from '../../../shared/providers/bright/meters';
import { trailingZerosMissing } from '../../../shared/providers/bright/usage';
import {
  authRequest,
  parseAuth,
  parseReadings,
  parseVirtualEntities,
  readingsRequest,
} from '../../../shared/providers/bright/wire';
import REFUSED from './fixtures/auth-refused.json';
import ENTITIES from './fixtures/virtualentity.json';

const ok = (body: unknown): HttpResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const s = brightSettings({
  username: 'u@example.com',
  password: 'pw',
  baseUrl: 'https://x.test/api/v0-1/',
});

describe('Glowmarkt requests', () => {
  it('signs in with a JSON body and the applicationId header', () => {
    const r = authRequest(s);
    expect([r.method, r.url, r.idempotent]).toEqual(['POST', 'https://x.test/api/v0-1/auth', true]);
    expect(r.headers).toMatchObject({
      applicationId: BRIGHT_APPLICATION_ID,
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(r.body ?? '')).toEqual({ username: 'u@example.com', password: 'pw' });
  });

  it('asks for readings in UTC without an offset, `to` the last second of the window', () => {
    const r = readingsRequest(
      s,
      'tok',
      'abc-1',
      Date.UTC(2024, 0, 1),
      Date.UTC(2024, 0, 11),
      'PT30M',
    );
    expect(r.url).toBe(
      'https://x.test/api/v0-1/resource/abc-1/readings?from=2024-01-01T00%3A00%3A00&to=2024-01-10T23%3A59%3A59&period=PT30M&offset=0&function=sum',
    );
    expect(r.headers).toMatchObject({ token: 'tok', applicationId: BRIGHT_APPLICATION_ID });
  });
});

describe('Glowmarkt answers', () => {
  it('reads a token and its exp; a refusal is an auth error', () => {
    const now = Date.UTC(2025, 0, 1);
    const exp = now / 1000 + 7 * 86400;
    expect(parseAuth(ok({ valid: true, token: 'jwt', exp }), now)).toEqual({
      token: 'jwt',
      expiresAt: exp * 1000,
    });
    expect(() => parseAuth(ok(REFUSED), now)).toThrow(/refused the e-mail and password/);
    // No exp: the documented seven days, never longer.
    expect(parseAuth(ok({ valid: true, token: 'jwt' }), now).expiresAt).toBe(now + 7 * 86400_000);
  });

  it('lists meters from the virtual entities, pairing each with its cost resource', () => {
    const meters = metersOf(parseVirtualEntities(ok(ENTITIES)));
    const r = ENTITIES[0].resources;
    expect(meters.map((m) => [m.id, m.fuel, m.ref?.cost])).toEqual([
      [`bright:${r[0].resourceId}`, 'electricity', r[1].resourceId],
      [`bright:${r[2].resourceId}`, 'gas', r[3].resourceId],
    ]);
  });

  it('keeps well-formed points of a readings answer, in ms', () => {
    const parsed = parseReadings(
      ok({
        status: 'OK',
        data: [
          [1704067200, 0.25],
          [1704069000, null],
          ['x', 1],
          [1704070800, 0],
        ],
        units: 'kWh',
      }),
    );
    expect(parsed).toEqual({
      data: [
        [1704067200000, 0.25],
        [1704070800000, 0],
      ],
      units: 'kWh',
    });
  });

  it('refuses unreadable answers without quoting them', () => {
    const html: HttpResponse = { status: 200, headers: {}, body: '<html>secret-ish</html>' };
    expect(() => parseReadings(html)).toThrow(/web page instead of data/);
    expect(() => parseReadings(html)).not.toThrow(/secret-ish/);
    expect(() => parseVirtualEntities(ok({ not: 'a list' }))).toThrow(/unexpected shape/);
  });
});

describe('trailing zeros', () => {
  it('become Missing after the last non-zero reading, with their cost', () => {
    const iv = (kwh: number) => ({ start: 0, end: 1, kwh, cost: kwh * 0.2 });
    const list = [iv(0), iv(0.3), iv(0), iv(0.1), iv(0), iv(0)];
    trailingZerosMissing(list);
    expect(list.map((i) => [i.kwh, i.cost])).toEqual([
      [0, 0],
      [0.3, 0.3 * 0.2],
      [0, 0],
      [0.1, 0.1 * 0.2],
      [null, null],
      [null, null],
    ]);
  });
});
