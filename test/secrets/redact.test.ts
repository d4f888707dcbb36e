// The core's redaction: every configured secret is cut out of a message in every form a
// peer may echo it in (as is, URL-encoded, inside HTTP Basic, base64 at any offset, the
// URL-safe alphabet), and a base URL carrying a user name or password is refused with a
// message naming the field and not the value.
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { fieldsByProvider, PROVIDERS } from '../../shared/providers';
import { isAcceptableBaseUrl, redact, validateSettings } from '../../shared/settings';
import { planted } from '../gas/provider-cases';
import { leaksIn } from './leaks';

const SECRET = planted('redact', 32);
const SPECIAL = 'sec ret+/=&?%:é' + planted('special', 24);

describe('redact', () => {
  it('removes a secret as is, URL-encoded and inside HTTP Basic', () => {
    for (const secret of [SECRET, SPECIAL]) {
      const basic = Buffer.from(`${secret}:`).toString('base64');
      const text = `token ${secret}; form client_secret=${encodeURIComponent(secret)}; q=${encodeURIComponent(secret).replace(/%20/g, '+')}; Authorization: Basic ${basic}`;
      const out = redact(text, [secret]);
      expect(leaksIn(out, [secret])).toEqual([]);
      expect(out).toContain('[redacted]');
    }
  });

  it('removes a secret base64-encoded inside a longer encoded text, at every alignment', () => {
    for (const secret of [SECRET, SPECIAL])
      for (const before of ['', 'a', 'ab', 'abc', 'grant_type=client_credentials&secret='])
        for (const alphabet of ['base64', 'base64url'] as const) {
          const encoded = Buffer.from(`${before}${secret}&more=1`).toString(alphabet);
          const out = redact(`echo: ${encoded}`, [secret]);
          expect(leaksIn(out, [secret])).toEqual([]);
          expect(out).not.toBe(`echo: ${encoded}`);
        }
  });

  it('leaves text without the secret alone', () => {
    const text = 'PowerShaper Monitor refused the credentials for the meter list (HTTP 401)';
    expect(redact(text, [SECRET, SPECIAL])).toBe(text);
  });
});

describe('base URLs with a user name or password', () => {
  const fields = fieldsByProvider(PROVIDERS);
  for (const [provider, key] of [
    ['powershaper', 'baseUrl'],
    ['octopus', 'baseUrl'],
    ['kraken', 'baseUrl'],
    ['aiaas', 'baseUrl'],
    ['homewizard', 'baseUrl'],
    ['bright', 'baseUrl'],
  ] as const)
    it(`${provider}.${key}: refused, naming the field, never quoting the password`, () => {
      expect(fields[provider].some((f) => f.key === key && f.kind === 'url')).toBe(true);
      for (const url of [
        `https://me:${SECRET}@example.com/api`,
        `https://${SECRET}@example.com/api`,
        `http://me:${SECRET}@127.0.0.1:8080/`,
      ]) {
        let message = '';
        try {
          validateSettings({ providers: { [provider]: { [key]: url } } }, fields);
        } catch (e) {
          message = (e as Error).message;
        }
        expect(message).toBe(
          `settings.providers.${provider}.${key}: expected a URL without a user name or password in it (https://host/path); put credentials in their own fields`,
        );
        expect(isAcceptableBaseUrl(url)).toBe(false);
      }
    });

  it('still accepts an @ in the path or query', () => {
    expect(isAcceptableBaseUrl('https://example.com/users/@me?x=a@b')).toBe(true);
  });
});
