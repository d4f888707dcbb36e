// The driver for HomeWizard devices on the home network. API v2 devices serve HTTPS with
// their own certificate (issued by HomeWizard's private CA, for a name like
// `appliance/p1dongle/<serial>`, while we reach them by IP address), so neither the
// system's CAs nor hostname checks apply. Instead we pin: the certificate seen when the
// device was paired is the ONLY trust anchor for that device's connections, and the
// certificate presented must be exactly it (SHA-256). Nothing is relaxed for any other
// connection in the process, and no HTTP byte (so no token) is written to a socket before
// the check passed: the agent hands the socket to HTTP only after verifying it.
import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { AsyncIO } from '../shared/flow';
import type { HttpRequest, HttpResponse } from '../shared/http';
import { CERTIFICATE_CHANGED } from '../shared/providers/homewizard/client';

export interface Pin {
  /** PEM of the device's certificate, as presented when it was paired. */
  certificate: string;
  /** Its SHA-256 fingerprint, `AB:CD:…` (as Node and browsers show it). */
  fingerprint: string;
}

export function pinFromPem(pem: string): Pin {
  return { certificate: pem, fingerprint: new X509Certificate(pem).fingerprint256 };
}

function pemFromDer(der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.trim()}\n-----END CERTIFICATE-----\n`;
}

export interface DeviceIOOptions {
  /** The pinned certificate for `host[:port]` (as in the request URL). */
  pinFor(hostPort: string): Pin | undefined;
  /**
   * Pairing only: trust the first certificate a device presents (there is nothing to pin
   * yet) and report it; later connections in this session must present the same one.
   */
  trustOnFirstUse?: (hostPort: string, pin: Pin) => void;
  timeoutMs?: number;
}

// Date problems alone are not reasons to refuse the very certificate we pinned: a
// Raspberry Pi without a clock battery can boot with a wrong date, and an exact match of
// the pinned certificate is a stronger check than its validity period.
const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

class PinnedAgent extends https.Agent {
  constructor(
    private readonly hostPort: string,
    private readonly settings: DeviceIOOptions,
    private readonly sessionPins: Map<string, Pin>,
  ) {
    super({ keepAlive: true, maxSockets: 1, keepAliveMsecs: 10_000 });
  }

  override createConnection(
    o: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): undefined {
    const done = (err: Error | null, socket?: tls.TLSSocket) =>
      callback?.(err, socket as unknown as Duplex);
    const pin = this.settings.pinFor(this.hostPort) ?? this.sessionPins.get(this.hostPort);
    if (!pin && !this.settings.trustOnFirstUse) {
      done(new Error(`no pinned certificate for ${this.hostPort}; pair the device first`));
      return undefined;
    }
    const host = o.host ?? '';
    const socket = tls.connect({
      host,
      port: Number(o.port ?? 443),
      servername: isIP(host) ? undefined : host,
      ca: pin ? [pin.certificate] : undefined,
      allowPartialTrustChain: true,
      // Verified below, before the socket is used, against the pinned anchor only; this
      // lets the refusal say which certificate was presented instead of a bare TLS error.
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
    });
    // As Node's own agents do: small requests go out at once, not after Nagle's delay.
    socket.setNoDelay(true);
    const fail = (e: Error) => {
      socket.destroy();
      done(e);
    };
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      socket.removeListener('error', fail);
      const peer = socket.getPeerCertificate();
      if (!peer?.raw) return fail(new Error('the device presented no certificate'));
      if (!pin) {
        const first = { certificate: pemFromDer(peer.raw), fingerprint: peer.fingerprint256 };
        this.sessionPins.set(this.hostPort, first);
        this.settings.trustOnFirstUse?.(this.hostPort, first);
        return done(null, socket);
      }
      const reason = socket.authorizationError as unknown as string | Error | null;
      const code = typeof reason === 'string' ? reason : (reason as { code?: string })?.code;
      const chainOk = socket.authorized || (code !== undefined && DATE_ERRORS.has(code));
      if (peer.fingerprint256 !== pin.fingerprint || !chainOk)
        return fail(
          new Error(
            `${CERTIFICATE_CHANGED} (pinned SHA-256 ${pin.fingerprint}, presented ${peer.fingerprint256})`,
          ),
        );
      done(null, socket);
    });
    return undefined;
  }
}

/**
 * An AsyncIO for device requests: https URLs go through a pinned agent per device
 * (keep-alive, one connection per device, as the devices prefer), http URLs (API v1)
 * through a plain keep-alive agent.
 */
export function deviceIO(options: DeviceIOOptions): AsyncIO & { close(): void } {
  const agents = new Map<string, http.Agent>();
  const sessionPins = new Map<string, Pin>();
  const plain = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const timeoutMs = options.timeoutMs ?? 5000;

  function agentFor(url: URL): http.Agent {
    if (url.protocol === 'http:') return plain;
    const known = agents.get(url.host);
    if (known) return known;
    const a = new PinnedAgent(url.host, options, sessionPins);
    agents.set(url.host, a);
    return a;
  }

  function send(r: HttpRequest, retried = false): Promise<HttpResponse> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(r.url);
      } catch {
        return resolve({ status: 0, headers: {}, body: '', error: 'not a URL' });
      }
      const lib = url.protocol === 'https:' ? https : http;
      const req = lib.request(
        url,
        { method: r.method, headers: r.headers, agent: agentFor(url), timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
            resolve({
              status: res.statusCode ?? 0,
              headers,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', (e) => resolve({ status: 0, headers: {}, body: '', error: e.message }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
      req.on('error', (e: Error & { code?: string }) => {
        // A kept-alive connection the device had already closed (it rebooted, or dropped
        // idle connections): one fresh attempt, for the idempotent GETs only.
        const stale = req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE');
        if (stale && !retried && r.method === 'GET') return resolve(send(r, true));
        resolve({
          status: 0,
          headers: {},
          body: '',
          error: e.message.startsWith(CERTIFICATE_CHANGED) ? e.message : (e.code ?? e.message),
        });
      });
      req.end(r.body);
    });
  }

  return {
    fetchAll: (requests) => Promise.all(requests.map((r) => send(r))),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    close() {
      for (const a of agents.values()) a.destroy();
      plain.destroy();
    },
  };
}
