// The URL rule settings apply to every base URL, shared without importing settings.ts.
import { urlOrigin } from '../http';

export function isAcceptableUrl(url: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url.trim())) return false;
  const o = urlOrigin(url);
  if (!o) return false;
  if (o.scheme === 'https') return true;
  return o.host === '127.0.0.1' || o.host === 'localhost' || o.host === '[::1]';
}
