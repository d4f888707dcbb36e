// The local add-in server: it serves every URL the manifest names, speaks https with
// Office's dev certificates and plain http without them, and its provider pass-through
// forwards credentials only to allow-listed hosts, from this add-in's own pages, without
// ever logging them.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredHosts } from '../../server/allow-list';
import { DEFAULT_ORIGIN, TEMPLATE_ORIGIN } from '../../excel-addin/manifest/origin';
import { DEFAULT_PORT, type RunningServer, resolveStatic, startServer } from '../../server/server';
import { ROOT } from '../helpers/cli';
import { parseXml, allElements } from './manifest-xml';
import { type RunningMock, json, serveMock } from '../mocks/mock-http';
import { ADDIN_DIR } from './harness';

const PROXY = { 'x-meter-sheets-proxy': '1' };
const SECRET = 'Bearer PLANTED_SECRET_deadbeef0123456789';

let server: RunningServer;
let upstream: RunningMock;
let other: RunningMock;
const log: string[] = [];

beforeAll(async () => {
  upstream = await serveMock((req) => {
    if (req.path.startsWith('/redirect-out'))
      return { status: 302, headers: { location: `${other.origin}/x` }, body: '' };
    if (req.path.startsWith('/redirect-in'))
      return { status: 302, headers: { location: '/echo?moved=1' }, body: '' };
    return json(
      200,
      {
        method: req.method,
        path: req.path,
        auth: req.headers.authorization ?? null,
        body: req.body,
      },
      { 'set-cookie': 'track=1' },
    );
  });
  other = await serveMock(() => json(200, { reached: true }));
  server = await startServer({
    root: ADDIN_DIR,
    port: 0,
    host: '127.0.0.1',
    certDir: mkdtempSync(join(tmpdir(), 'no-certs-')),
    providerHosts: [],
    allowHosts: [new URL(upstream.origin).host],
    log: (line) => log.push(line),
  });
});

afterAll(async () => {
  await server.close();
  await upstream.close();
  await other.close();
});

const at = (path: string) => `http://127.0.0.1:${server.port}${path}`;
const proxied = (url: string, init: RequestInit = {}) =>
  fetch(at(`/proxy?url=${encodeURIComponent(url)}`), {
    ...init,
    headers: { ...PROXY, ...(init.headers as object) },
  });

describe('static files', () => {
  it('falls back to plain http without Office dev certificates', () => {
    expect(server.protocol).toBe('http');
    expect(server.tls).toBeNull();
  });

  it('serves every URL the manifest names, with the right content type', async () => {
    const manifest = parseXml(readFileSync(join(ROOT, 'manifest.xml'), 'utf8'));
    const urls = allElements(manifest).flatMap((e) =>
      e.attrs.DefaultValue?.startsWith(`${DEFAULT_ORIGIN}/`) ? [e.attrs.DefaultValue] : [],
    );
    const types: Record<string, RegExp> = {
      html: /^text\/html/,
      js: /^text\/javascript/,
      json: /^application\/json/,
      png: /^image\/png$/,
    };
    for (const url of new Set(urls)) {
      const res = await fetch(at(new URL(url).pathname));
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toMatch(types[url.split('.').pop() as string]);
    }
  });

  it('redirects / to the task pane and serves the manifest for the origin it listens on', async () => {
    const root = await fetch(at('/'), { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/taskpane.html');
    const manifest = await (await fetch(at('/manifest.xml'))).text();
    expect(manifest).toContain(
      `<SourceLocation DefaultValue="http://localhost:${server.port}/taskpane.html"/>`,
    );
    expect(manifest).not.toContain(DEFAULT_ORIGIN);
    expect(manifest).not.toContain(TEMPLATE_ORIGIN);
  });

  it("serves from an origin of the add-in's own, not the templates' localhost:3000 (storage is per origin)", () => {
    expect(DEFAULT_ORIGIN).toBe(`https://localhost:${DEFAULT_PORT}`);
    expect(DEFAULT_ORIGIN).not.toBe(TEMPLATE_ORIGIN);
    const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
    expect(manifest).toContain(`<SourceLocation DefaultValue="${DEFAULT_ORIGIN}/taskpane.html"/>`);
    expect(manifest).not.toContain(TEMPLATE_ORIGIN);
    // npm run start:excel waits for npm start's server on that same port.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['start:excel']).toContain(`--dev-server-port ${DEFAULT_PORT}`);
    expect(pkg.scripts['start:excel']).toContain('--dev-server "npm start"');
  });

  it('never serves a file outside the add-in folder', async () => {
    expect(resolveStatic('/srv/addin', '/../package.json')).toBeNull();
    expect(resolveStatic('/srv/addin', '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStatic('/srv/addin', '/assets/icon-16.png')).toBe(
      '/srv/addin/assets/icon-16.png',
    );
    const raw = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, path: '/..%2f..%2fpackage.json' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(raw).toBe(400);
    expect((await fetch(at('/nope.js'))).status).toBe(404);
  });
});

describe('https with Office dev certificates', () => {
  it('uses ~/.office-addin-dev-certs/localhost.{crt,key} when present', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-certs-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'localhost.key'),
        '-out',
        join(dir, 'localhost.crt'),
      ],
      { stdio: 'ignore' },
    );
    const secure = await startServer({
      root: ADDIN_DIR,
      port: 0,
      host: '127.0.0.1',
      certDir: dir,
      providerHosts: [],
      log: () => {},
    });
    try {
      expect(secure.protocol).toBe('https');
      expect(secure.origin).toBe(`https://localhost:${secure.port}`);
      const status = await new Promise<number>((resolve, reject) => {
        httpsGet(
          {
            host: '127.0.0.1',
            port: secure.port,
            path: '/functions.json',
            ca: readFileSync(join(dir, 'localhost.crt')),
            servername: 'localhost',
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        ).on('error', reject);
      });
      expect(status).toBe(200);
    } finally {
      await secure.close();
    }
  });
});

describe('the provider pass-through', () => {
  it('forwards method, path, query, body and credentials to an allowed host, and drops cookies', async () => {
    const res = await proxied(`${upstream.origin}/v1/usage?token=QUERY_SECRET_42&from=1`, {
      method: 'POST',
      headers: {
        authorization: SECRET,
        'content-type': 'application/json',
        cookie: 'session=page',
      },
      body: '{"x":1}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.json()).toEqual({
      method: 'POST',
      path: '/v1/usage?token=QUERY_SECRET_42&from=1',
      auth: SECRET,
      body: '{"x":1}',
    });
    expect(upstream.requests.at(-1)?.headers.cookie).toBeUndefined();
  });

  it('refuses hosts that are not allowed, without contacting them', async () => {
    const before = other.requests.length;
    const res = await proxied(`${other.origin}/x`, { headers: { authorization: SECRET } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: `host not allowed: ${new URL(other.origin).host}` });
    expect(res.headers.get('x-meter-sheets-proxy-refused')).toBe('1');
    expect(res.headers.get('x-meter-sheets-proxied')).toBe('1');
    expect((await proxied('file:///etc/passwd')).status).toBe(403);
    expect((await proxied('not a url')).status).toBe(400);
    expect(other.requests.length).toBe(before);
  });

  it('follows redirects only within the allow-list', async () => {
    const inside = await proxied(`${upstream.origin}/redirect-in`);
    // Every answer of the pass-through says so: the hosted add-in tells a static host apart.
    expect(inside.headers.get('x-meter-sheets-proxied')).toBe('1');
    expect((await inside.json()).path).toBe('/echo?moved=1');
    const before = other.requests.length;
    const outside = await proxied(`${upstream.origin}/redirect-out`, { redirect: 'manual' });
    expect(outside.status).toBe(502);
    expect(outside.headers.get('x-meter-sheets-proxy-error')).toBe(
      `redirected to ${new URL(other.origin).host}, which is not allowed`,
    );
    expect(other.requests.length).toBe(before);
  });

  it('serves only this add-in’s pages: the marker header and a same-origin Origin are required', async () => {
    const bare = await fetch(at(`/proxy?url=${encodeURIComponent(upstream.origin + '/x')}`));
    expect(bare.status).toBe(403);
    const foreign = await proxied(`${upstream.origin}/x`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const own = await proxied(`${upstream.origin}/x`, {
      headers: { origin: `http://127.0.0.1:${server.port}` },
    });
    expect(own.status).toBe(200);
    const preflight = await fetch(at('/proxy?url=x'), { method: 'OPTIONS' });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reports an unreachable provider as a network failure', async () => {
    const closed = await serveMock(() => json(200, {}));
    const origin = closed.origin;
    await closed.close();
    const s = await startServer({
      root: ADDIN_DIR,
      port: 0,
      host: '127.0.0.1',
      tls: false,
      providerHosts: [new URL(origin).host],
      log: () => {},
    });
    try {
      const res = await fetch(
        `http://127.0.0.1:${s.port}/proxy?url=${encodeURIComponent(origin + '/x')}`,
        { headers: PROXY },
      );
      expect(res.status).toBe(502);
      expect(res.headers.get('x-meter-sheets-proxy-error')).toBe('ECONNREFUSED');
      expect(res.headers.get('x-meter-sheets-proxied')).toBe('1');
    } finally {
      await s.close();
    }
  });

  it('logs each request without credentials, query strings or long path segments', () => {
    const text = log.join('\n');
    expect(text).toContain(`proxy POST ${upstream.origin}/v1/usage → 200`);
    expect(text).toContain(`proxy refused GET ${other.origin}/x: host not allowed`);
    for (const secret of ['PLANTED_SECRET', 'QUERY_SECRET', 'session=page', '"x":1'])
      expect(text).not.toContain(secret);
  });
});

describe('the allow-list', () => {
  it('includes provider base URLs configured on this machine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        providers: {
          a: { baseUrl: 'https://api.example.org/v1' },
          b: { baseUrl: 'http://127.0.0.1:8080' },
          c: { token: 'x' },
        },
      }),
    );
    expect(configuredHosts(file)).toEqual(['api.example.org', '127.0.0.1:8080']);
    expect(configuredHosts(join(dir, 'absent.json'))).toEqual([]);
  });
});

describe('meter-sheets serve', () => {
  it('starts on the port asked for, prints the preview URL and sideloading, and stops on Ctrl+C', async () => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'meter-sheets.js'), 'serve', '--port', '0', '--http'],
      {
        env: {
          ...process.env,
          METER_SHEETS_CONFIG: '',
          HOME: mkdtempSync(join(tmpdir(), 'home-')),
        },
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    await expect.poll(() => out, { timeout: 10_000 }).toContain('Ctrl+C stops the server.');
    const origin = /served at (http:\/\/localhost:\d+)/.exec(out)![1];
    expect(out).toContain(`Preview in a browser:  ${origin}/taskpane.html`);
    expect(out).toContain('Upload My Add-in');
    expect(out).toContain('npm run start:excel');
    expect(out).toContain(`${origin}/manifest.xml`); // not the default port's: its own manifest
    expect((await fetch(`${origin}/functions.json`)).status).toBe(200);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
