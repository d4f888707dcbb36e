// Puts the bridge API on a socket: plain HTTP on 127.0.0.1 by default (browsers treat
// loopback as secure, so the Excel add-in may call it), or HTTPS with a certificate of the
// user's own when the bridge must be reachable from elsewhere.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { type ApiContext, handleApi } from './api';

export interface ServeOptions {
  /** Address to listen on; 127.0.0.1 keeps the bridge on this machine. */
  bind: string;
  port: number;
  tls?: { certFile: string; keyFile: string };
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function serveApi(ctx: ApiContext, o: ServeOptions): Promise<RunningServer> {
  const listener: http.RequestListener = (req, res) => {
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers))
      headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    let out;
    try {
      out = handleApi({ method: req.method ?? 'GET', url: req.url ?? '/', headers }, ctx);
    } catch (e) {
      // Never the request (it holds the token): only what failed.
      out = {
        status: 500,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          error: { code: 'device-error', message: `bridge failure: ${(e as Error).message}` },
        }),
      };
    }
    res.writeHead(out.status, out.headers);
    res.end(out.body);
  };
  const server = o.tls
    ? https.createServer(
        { cert: readFileSync(o.tls.certFile), key: readFileSync(o.tls.keyFile) },
        listener,
      )
    : http.createServer(listener);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.bind, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = o.bind.includes(':') ? `[${o.bind}]` : o.bind === '0.0.0.0' ? '127.0.0.1' : o.bind;
  return {
    url: `${o.tls ? 'https' : 'http'}://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
