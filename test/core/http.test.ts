import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  basicAuth,
  buildUrl,
  fingerprint,
  parseQuery,
  queryString,
  urlOrigin,
} from '../../shared/http';

describe('encoders the core carries because Apps Script lacks them', () => {
  it('base64 matches Node for any text, including non-ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(base64Encode(s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
        expect(base64Decode(base64Encode(s))).toBe(s);
      }),
    );
    expect(basicAuth('sk_live_abc', '')).toBe(
      'Basic ' + Buffer.from('sk_live_abc:').toString('base64'),
    );
  });

  it('query strings match URLSearchParams and round-trip', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (params) => {
        const q = queryString(params);
        expect(Object.fromEntries(new URLSearchParams(q))).toEqual(params);
        expect(parseQuery(q)).toEqual(params);
      }),
    );
  });

  it('builds URLs with exactly one slash between base and path', () => {
    expect(buildUrl('https://x.test/api/v1/', '/meters/', { a: 1, b: undefined })).toBe(
      'https://x.test/api/v1/meters/?a=1',
    );
    expect(urlOrigin('http://127.0.0.1:8080/x?y')).toEqual({
      scheme: 'http',
      host: '127.0.0.1',
      port: '8080',
      path: '/x',
    });
    expect(urlOrigin('not a url')).toBeNull();
  });

  it('fingerprints are short, stable and do not contain their input', () => {
    const secret = 'sk_live_0123456789abcdefABCDEF';
    expect(fingerprint(secret)).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(secret)).toBe(fingerprint(secret));
    expect(fingerprint(secret)).not.toBe(fingerprint(secret + 'x'));
  });
});
