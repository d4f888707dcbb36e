// The local add-in server behind `npm start` and `meter-sheets serve`: serves
// dist/excel-addin/ at the root (https with Office's dev certificates, plain http without),
// the manifest for the origin it actually listens on, and the provider pass-through.
// Programmatic: startServer({ port: 0 }) for tests, close() to stop.
import { readFile, stat } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { PROXY_PATH } from '../excel-addin/functions/cors-fetch';
import { manifestXml } from '../scripts/build/manifest/manifest';
import { DEFAULT_PORT } from '../excel-addin/manifest/origin';
import { CARBON_SOURCES } from '../shared/carbon';
import { PRICE_SOURCES } from '../shared/tariffs/sources';
import { PROVIDERS } from '../shared/providers';
import { type AllowList, buildAllowList, configuredHosts } from './allow-list';
import { type TlsFiles, findDevCerts } from './certs';
import { handleProxy } from './proxy';

// A port of the add-in's own, not the templates' 3000: storage is shared per origin (origin.ts).
export { DEFAULT_PORT } from '../excel-addin/manifest/origin';
export const START_PAGE = '/taskpane.html';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

export interface ServerOptions {
  /** The built add-in (dist/excel-addin). */
  root: string;
  /** 0 picks a free port (tests). Default DEFAULT_PORT. */
  port?: number;
  /** Interface to listen on; loopback only. Default localhost. */
  host?: string;
  /** TLS: 'auto' uses Office's dev certificates when present; false forces http. */
  tls?: 'auto' | false | TlsFiles;
  /** Where to look for dev certificates (default ~/.office-addin-dev-certs). */
  certDir?: string;
  /** Extra pass-through hosts (`host` or `host:port`), e.g. a local mock. */
  allowHosts?: string[];
  /** Settings file whose provider base URLs the pass-through may reach. */
  configFile?: string | null;
  /** Provider host lists (default: the registry's). */
  providerHosts?: string[];
  log?: (line: string) => void;
  /** Pass-through time limit per request, ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** package.json version, for the manifest. */
  version?: string;
}

export interface RunningServer {
  /** e.g. https://localhost:47613 */
  origin: string;
  protocol: 'http' | 'https';
  port: number;
  allowList: AllowList;
  /** Dev certificates in use, if any. */
  tls: TlsFiles | null;
  server: Server;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  head = false,
): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(head ? undefined : body);
}

/** The file a URL path names under root, or null if it would leave root. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = resolve(root, '.' + (path.endsWith('/') ? path + 'index.html' : path));
  const base = resolve(root);
  return file === base || file.startsWith(base + sep) ? file : null;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const tls =
    options.tls === false
      ? null
      : options.tls && options.tls !== 'auto'
        ? options.tls
        : findDevCerts(options.certDir);
  const protocol = tls ? 'https' : 'http';
  const allowList = buildAllowList([
    ...(options.providerHosts ??
      [...PROVIDERS, ...CARBON_SOURCES, ...PRICE_SOURCES].flatMap((p) => p.hosts)),
    ...configuredHosts(options.configFile ?? null),
    ...(options.allowHosts ?? []),
  ]);
  const ownOrigins = new Set<string>();
  let origin = '';
  const root = options.root;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === PROXY_PATH)
      return handleProxy(req, res, {
        allow: allowList,
        ownOrigins,
        log,
        timeoutMs: options.timeoutMs ?? 30_000,
        fetch: options.fetch ?? fetch,
      });
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD')
      return send(res, 405, 'text/plain', 'method not allowed');
    const head = method === 'HEAD';
    if (url.pathname === '/') {
      res.writeHead(302, { location: START_PAGE });
      res.end();
      return;
    }
    if (url.pathname === '/manifest.xml')
      // For the origin actually served, so a manifest downloaded from here always matches.
      return send(res, 200, TYPES['.xml'], manifestXml(origin, options.version), head);
    const file = resolveStatic(root, url.pathname);
    if (!file) return send(res, 400, 'text/plain', 'bad path', head);
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      send(
        res,
        200,
        TYPES[extname(file)] ?? 'application/octet-stream',
        await readFile(file),
        head,
      );
    } catch {
      send(res, 404, 'text/plain', `not found: ${url.pathname}`, head);
    }
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      log(
        `server error on ${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}: ${(e as Error).message}`,
      );
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error');
      else res.end();
    });
  };
  const server: Server = tls
    ? (createHttpsServer({ key: tls.key, cert: tls.cert }, listener) as unknown as Server)
    : createHttpServer(listener);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? 'localhost', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `${protocol}://localhost:${port}`;
  for (const h of ['localhost', '127.0.0.1', '[::1]']) ownOrigins.add(`${protocol}://${h}:${port}`);
  return {
    origin,
    protocol,
    port,
    allowList,
    tls,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
