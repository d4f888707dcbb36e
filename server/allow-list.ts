// Which hosts the pass-through may reach: the providers' own API hosts, the hosts of base
// URLs configured on this machine (the CLI's settings file), and any the caller adds. An
// entry is `hostname` (default port only) or `hostname:port`. Nothing else is reachable,
// so the server can never be used to probe the network.
import { existsSync, readFileSync } from 'node:fs';

export type AllowList = ReadonlySet<string>;

function defaultPort(protocol: string): string {
  return protocol === 'http:' ? '80' : '443';
}

export function normaliseEntry(entry: string): string {
  return entry.trim().toLowerCase().replace(/\.$/, '');
}

export function buildAllowList(entries: Iterable<string>): AllowList {
  const out = new Set<string>();
  for (const e of entries) if (e.trim()) out.add(normaliseEntry(e));
  return out;
}

/** Whether the pass-through may send a request to this URL. */
export function isAllowed(list: AllowList, target: URL): boolean {
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return false;
  const host = target.hostname.toLowerCase();
  const port = target.port || defaultPort(target.protocol);
  if (list.has(`${host}:${port}`)) return true;
  return port === defaultPort(target.protocol) && list.has(host);
}

/** `host[:port]` of every provider baseUrl in a settings file (absent or unreadable: none). */
export function configuredHosts(configFile: string | null): string[] {
  if (!configFile || !existsSync(configFile)) return [];
  try {
    const raw = JSON.parse(readFileSync(configFile, 'utf8')) as {
      providers?: Record<string, { baseUrl?: unknown }>;
    };
    const out: string[] = [];
    for (const cfg of Object.values(raw.providers ?? {})) {
      if (typeof cfg?.baseUrl !== 'string') continue;
      try {
        const u = new URL(cfg.baseUrl);
        out.push(u.port ? `${u.hostname}:${u.port}` : u.hostname);
      } catch {
        // Not a URL: the CLI refuses such settings with a clear message; nothing to allow.
      }
    }
    return out;
  } catch {
    return [];
  }
}
