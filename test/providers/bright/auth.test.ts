// Bright sign-in: one token for many calls, kept until shortly before `exp` (about seven
// days), a new one after it expires or when Bright answers 401, and clear refusals.
import { describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../../shared/time/civil';
import { BRIGHT_APPLICATION_ID } from '../../../shared/providers/bright/config';
import { brightHarness } from './harness';
import { BRIGHT_PASSWORD, BRIGHT_USERNAME, RESOURCES } from './mock';

const ELEC = `bright:${RESOURCES.electricity}`;

describe('Bright sign-in', () => {
  it('signs in once with e-mail and password and sends the token and applicationId headers', () => {
    const h = brightHarness();
    h.call('USAGE', '2024-06-03', '2024-06-04', 'day', ELEC);
    h.call('USAGE', '2024-06-05', '2024-06-06', 'day', ELEC);
    expect(h.mock.state.signIns).toBe(1);
    const [auth, ...rest] = h.record.requests;
    expect(auth.method).toBe('POST');
    expect(auth.url).toBe('https://api.glowmarkt.com/api/v0-1/auth');
    expect(JSON.parse(auth.body ?? '')).toEqual({
      username: BRIGHT_USERNAME,
      password: BRIGHT_PASSWORD,
    });
    for (const r of [auth, ...rest]) expect(r.headers?.applicationId).toBe(BRIGHT_APPLICATION_ID);
    expect(rest.every((r) => typeof r.headers?.token === 'string' && !r.body)).toBe(true);
    // Neither credential is in a cache key or value: only the token is cached.
    expect(h.puts.some((e) => e.key.startsWith('token:bright:'))).toBe(true);
    for (const e of h.puts)
      for (const secret of [BRIGHT_PASSWORD, BRIGHT_USERNAME]) {
        expect(e.key).not.toContain(secret);
        expect(e.value).not.toContain(secret);
      }
  });

  it('signs in again once the seven days are over', () => {
    const h = brightHarness();
    h.call('USAGE', '2024-06-03', '2024-06-04', 'day', ELEC);
    h.advance(6 * MS_PER_DAY);
    h.call('USAGE', '2024-06-05', '2024-06-06', 'day', ELEC);
    expect(h.mock.state.signIns).toBe(1);
    h.advance(MS_PER_DAY);
    h.call('USAGE', '2024-06-07', '2024-06-08', 'day', ELEC);
    expect(h.mock.state.signIns).toBe(2);
  });

  it('signs in again when Bright answers 401 mid-way through a batch, re-sending only what was refused', () => {
    const h = brightHarness();
    h.call('METERS');
    h.mock.expireTokensAfter(3);
    const before = h.mock.state.readings.length;
    const rows = h.call('USAGE', '2024-01-01', '2024-03-31', 'month', ELEC);
    expect(rows).toHaveLength(4);
    expect(h.mock.state.signIns).toBe(2);
    // 10 windows × 2 resources: 3 answered, the other 17 refused and sent again.
    expect(h.mock.state.readings.length - before).toBe(20);
    expect(h.record.batches.slice(-3)).toEqual([20, 1, 17]);
  });

  it('says so when even a new token is refused, without looping', () => {
    const h = brightHarness({
      wrap: (handler) => (req) =>
        req.path.includes('/readings')
          ? { status: 401, headers: {}, body: '{"error":"x"}' }
          : handler(req),
    });
    const e = h.fail('USAGE', '2024-06-03', '2024-06-04', 'day', ELEC);
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/Bright refused a token it had just issued/);
    expect(h.mock.state.signIns).toBe(2);
  });

  it('refuses a wrong password clearly, never quoting it', () => {
    const h = brightHarness({ config: { password: 'wrong-Password-123' } });
    const e = h.fail('USAGE', '2024-06-03', '2024-06-04', 'day', 'bright');
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/Bright refused the e-mail and password \(HTTP 401\)/);
    expect(e.message).not.toContain('wrong-Password-123');
    expect(e.message).not.toContain(BRIGHT_USERNAME);
  });

  it('names the missing settings', () => {
    const h = brightHarness({ config: { password: '' } });
    expect(h.fail('USAGE', '2024-06-03', '', '', 'bright').message).toMatch(
      /Bright is not set up: fill in .*Bright password/,
    );
  });
});

describe('Bright METER_NOW', () => {
  it('reads the live demand where a Glow display sends it', () => {
    const h = brightHarness({ mock: { display: true } });
    const rows = h.call('NOW', 'bright');
    expect(rows[0]).toContain('Demand (W)');
    expect(typeof rows[1][rows[0].indexOf('Demand (W)')]).toBe('number');
  });

  it('says a Glow display is needed when there is none', () => {
    const h = brightHarness();
    const e = h.fail('NOW', 'bright');
    expect(e.message).toMatch(/METER_NOW needs a Glow display/);
  });
});
