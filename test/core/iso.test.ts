import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from '../../shared/time/iso';

const H = 3_600_000;

describe('ISO 8601 instants', () => {
  it('reads the offsets providers write: Z, +01:00, -05:30, +0100', () => {
    const t = Date.UTC(2024, 5, 1, 0, 0, 0);
    expect(parseInstant('2024-06-01T00:00:00Z')).toBe(t);
    expect(parseInstant('2024-06-01T01:00:00+01:00')).toBe(t);
    expect(parseInstant('2024-05-31T18:30:00-05:30')).toBe(t);
    expect(parseInstant('2024-06-01T01:00:00+0100')).toBe(t);
    expect(parseInstant('2024-06-01T01:00+01')).toBe(t);
    expect(parseInstant('2024-06-01T00:00:00.250Z')).toBe(t + 250);
    expect(parseInstant('2024-06-01 00:00:00z')).toBe(t);
  });

  it('reads a time without an offset at the offset asked for, never the host zone', () => {
    expect(parseInstant('2024-06-01T01:00:00')).toBe(Date.UTC(2024, 5, 1, 1));
    expect(parseInstant('2024-06-01T01:00:00', H)).toBe(Date.UTC(2024, 5, 1, 0));
    expect(parseInstant('2024-06-01')).toBe(Date.UTC(2024, 5, 1));
  });

  it('agrees with Date.parse through a DST year (every 2½ hours), both fast and slow shapes', () => {
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 5 * 1_800_000) {
      const summer = t >= Date.UTC(2024, 2, 31, 1) && t < Date.UTC(2024, 9, 27, 1);
      const text = formatInstant(t, summer ? H : 0);
      expect(parseInstant(text)).toBe(t);
      expect(parseInstant(' ' + text)).toBe(Date.parse(text));
    }
  });

  it('refuses what is not an instant', () => {
    for (const bad of [
      '',
      'yesterday',
      '2024-13-01T00:00:00Z',
      '2024-06-01T25:00:00Z',
      '2024-06-01T00:00:00+01:0x',
      '2024-06-01T0a:00:00Z',
      '2024/06/01',
      null,
      17,
    ])
      expect(parseInstant(bad)).toBeNull();
  });

  it('writes UTC as Z, other offsets as ±hh:mm', () => {
    const t = Date.UTC(2024, 9, 27, 0, 30);
    expect(formatInstant(t)).toBe('2024-10-27T00:30:00Z');
    expect(formatInstant(t, H)).toBe('2024-10-27T01:30:00+01:00');
    expect(formatInstant(t, 0, false)).toBe('2024-10-27T00:30:00+00:00');
    expect(formatInstant(t, 12.75 * H)).toBe('2024-10-27T13:15:00+12:45');
    expect(formatInstant(t, -3.5 * H)).toBe('2024-10-26T21:00:00-03:30');
  });
});
