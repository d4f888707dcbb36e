// The urlFetchWhitelist derived from the providers, and the check made before fetching.
import { describe, expect, it } from 'vitest';
import { checkFetchable } from '../../gas/io';
import {
  isPrivateHost,
  isWhitelisted,
  providerPrefixes,
  urlFetchWhitelist,
} from '../../gas/whitelist';
import type { Provider } from '../../shared/providers';

const provider = (hosts: string[]) => ({ hosts }) as unknown as Provider;

describe('urlFetchWhitelist', () => {
  it("lists each provider's public hosts as https prefixes with a path, once", () => {
    const list = urlFetchWhitelist(
      ['https://api.example.com/v1/'],
      [provider(['api.octopus.energy', 'auth.example.com']), provider(['api.octopus.energy'])],
    );
    expect(list).toEqual([
      'https://api.example.com/v1/',
      'https://api.octopus.energy/',
      'https://auth.example.com/',
    ]);
  });

  it('leaves out hosts Google cannot reach, and refuses malformed hand-written prefixes', () => {
    expect(
      providerPrefixes([provider(['127.0.0.1', 'localhost', '192.168.1.20', 'meter.local'])]),
    ).toEqual([]);
    expect(() => urlFetchWhitelist(['http://api.example.com/'], [])).toThrow(
      /https:\/\/ with a path/,
    );
    expect(() => urlFetchWhitelist(['https://api.example.com'], [])).toThrow(
      /https:\/\/ with a path/,
    );
  });

  it('matches by prefix, and *. wildcards by subdomain only', () => {
    const list = ['https://api.example.com/', 'https://*.kraken.tech/graphql/'];
    expect(isWhitelisted('https://api.example.com/v1/x?y=1', list)).toBe(true);
    expect(isWhitelisted('https://api.example.com.evil.net/', list)).toBe(false);
    expect(isWhitelisted('https://api.edfgb.kraken.tech/graphql/', list)).toBe(true);
    expect(isWhitelisted('https://kraken.tech.evil.net/graphql/', list)).toBe(false);
    expect(isWhitelisted('https://api.edfgb.kraken.tech/other/', list)).toBe(false);
  });

  it('knows private addresses', () => {
    for (const h of [
      'localhost',
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.0.9',
      '169.254.1.1',
      '[::1]',
      'hw.local',
    ])
      expect(isPrivateHost(h), h).toBe(true);
    for (const h of ['8.8.8.8', '172.32.0.1', 'api.octopus.energy'])
      expect(isPrivateHost(h), h).toBe(false);
  });
});

describe('checkFetchable', () => {
  const list = ['https://api.example.com/'];
  it('explains why a URL cannot be fetched from Google Sheets', () => {
    expect(() => checkFetchable('https://api.example.com/v1', list)).not.toThrow();
    expect(() => checkFetchable('http://192.168.1.5/api', list)).toThrow(
      /cannot reach 192\.168\.1\.5/,
    );
    expect(() => checkFetchable('http://api.example.com/', list)).toThrow(/only https/);
    expect(() => checkFetchable('https://other.example.com/', list)).toThrow(
      /not in this add-on's urlFetchWhitelist/,
    );
  });
});
