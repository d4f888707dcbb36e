/// <reference types="google-apps-script" />
// One-time keys for the panels. Any top-level Apps Script function can also be typed into
// a cell as a formula, so the server functions the panels call refuse a call that does
// not carry the key of a panel opened from the menu: a formula cannot read or change
// settings, or write sheets, through them.
import { MeterError } from '../shared/errors';

const NONCE_PREFIX = 'meter-sheets.panel:';
const NONCE_TTL = 21600;

export function issueNonce(): string {
  const nonce = Utilities.getUuid();
  CacheService.getUserCache()?.put(NONCE_PREFIX + nonce, '1', NONCE_TTL);
  return nonce;
}

export function checkNonce(nonce: unknown): void {
  const ok =
    typeof nonce === 'string' &&
    /^[0-9a-f-]{16,64}$/i.test(nonce) &&
    CacheService.getUserCache()?.get(NONCE_PREFIX + nonce) === '1';
  if (!ok)
    throw new MeterError(
      'config',
      'This panel has expired or was not opened from the Meter menu; close it and open it again from Meter',
    );
}
