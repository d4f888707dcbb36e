// Kraken's DateTime scalars, both ways.
import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from '../../../shared/providers/kraken/time';
import { validateSettings } from '../../../shared/settings';
import { fieldsByProvider } from '../../../shared/providers';

describe('Kraken date-times', () => {
  it('read any ISO 8601 offset form, and nothing without an offset', () => {
    const t = Date.UTC(2024, 9, 27, 0, 30);
    expect(parseInstant('2024-10-27T01:30:00+01:00')).toBe(t);
    expect(parseInstant('2024-10-27T00:30:00Z')).toBe(t);
    expect(parseInstant('2024-10-27T00:30:00.000Z')).toBe(t);
    expect(parseInstant('2024-10-26T19:30:00-0500')).toBe(t);
    expect(parseInstant('2024-10-27T06:00:00+05:30')).toBe(t);
    expect(parseInstant('2024-10-27T00:30:00')).toBeNull();
    expect(parseInstant('27/10/2024 00:30')).toBeNull();
    expect(parseInstant(null)).toBeNull();
  });

  it('write wall-clock time with its offset, unambiguous on a fall-back night', () => {
    const first = Date.UTC(2024, 9, 27, 0, 0); // 01:00 BST
    const second = Date.UTC(2024, 9, 27, 1, 0); // 01:00 GMT
    expect(formatInstant(first, 'Europe/London')).toBe('2024-10-27T01:00:00+01:00');
    expect(formatInstant(second, 'Europe/London')).toBe('2024-10-27T01:00:00+00:00');
    for (const t of [first, second])
      expect(parseInstant(formatInstant(t, 'Europe/London'))).toBe(t);
    expect(formatInstant(first, 'Asia/Kolkata')).toBe('2024-10-27T05:30:00+05:30');
  });

  it('accept an account number however it is typed, and refuse anything else', () => {
    const fields = fieldsByProvider();
    const ok = validateSettings({ providers: { kraken: { account: 'a-1234abcd' } } }, fields);
    expect(ok.providers.kraken.account).toBe('a-1234abcd');
    expect(() =>
      validateSettings({ providers: { kraken: { account: '12345678' } } }, fields),
    ).toThrow('settings.providers.kraken.account: expected an account number like A-1234ABCD');
  });
});
