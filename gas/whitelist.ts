// The URLs the add-on may fetch. Apps Script refuses any URL outside the manifest's
// urlFetchWhitelist, so the build derives the list from the providers' hosts (plus any
// prefixes appsscript.json lists by hand), and the add-on checks each request against the
// same list first, to tell the user what to do rather than show Apps Script's refusal.
import { urlOrigin } from '../shared/http';
import type { Provider } from '../shared/providers';

/** 127.0.0.1, localhost, private and link-local addresses, *.local: never reachable from Google. */
export function isPrivateHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local')) return true;
  if (h.includes(':')) return h === '::1' || /^(fe80|fc|fd)/.test(h);
  const ip = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  if (!ip) return false;
  const [a, b] = [Number(ip[1]), Number(ip[2])];
  return (
    a === 127 ||
    a === 10 ||
    a === 0 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

/** An https prefix with a non-empty path, as the manifest requires. */
export function isValidPrefix(prefix: string): boolean {
  return /^https:\/\/[^/?#\s]+\/[^\s]*$/.test(prefix);
}

/** `https://host/` for every public host the providers (and carbon sources) talk to, each once (providers share hosts). */
export function providerPrefixes(providers: Pick<Provider, 'hosts'>[]): string[] {
  const out: string[] = [];
  for (const p of providers)
    for (const host of p.hosts) {
      const name = host.trim().toLowerCase().replace(/\/+$/, '');
      if (!name || name.includes('/') || isPrivateHost(name.replace(/:\d+$/, ''))) continue;
      out.push(`https://${name}/`);
    }
  return [...new Set(out)];
}

/** The manifest's urlFetchWhitelist: hand-written prefixes plus the providers', sorted, unique. */
export function urlFetchWhitelist(
  manual: string[],
  providers: Pick<Provider, 'hosts'>[],
): string[] {
  for (const p of manual)
    if (!isValidPrefix(p))
      throw new Error(
        `appsscript.json urlFetchWhitelist: "${p}" must be https:// with a path, e.g. https://api.example.com/`,
      );
  return [...new Set([...manual, ...providerPrefixes(providers)])].sort();
}

/** Whether Apps Script would let the add-on fetch `url` under these prefixes. */
export function isWhitelisted(url: string, prefixes: string[]): boolean {
  const lower = url.toLowerCase();
  for (const prefix of prefixes) {
    const p = prefix.toLowerCase();
    const wild = /^https:\/\/\*\.([^/]+)(\/.*)$/.exec(p);
    if (!wild) {
      if (lower.startsWith(p)) return true;
      continue;
    }
    const o = urlOrigin(url);
    if (!o || o.scheme !== 'https') continue;
    const host = o.port ? `${o.host}:${o.port}` : o.host;
    if (host.endsWith('.' + wild[1]) && o.path.startsWith(wild[2])) return true;
  }
  return false;
}
