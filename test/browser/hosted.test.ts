// The hosted Excel add-in: dist/release/excel/ served by a plain static file server on an
// origin of its own, with no pass-through behind it (as GitHub Pages would serve it). The
// demo meter needs nothing local; a provider that sends no CORS headers gets an error that
// says to run the local server. Office is stubbed as in taskpane.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { type RunningMock, json, serveMock } from '../mocks/mock-http';
import { launch } from './browser-env';
import { installOfficeStub } from './office-stub';

const OUT = join(ROOT, 'dist', 'test-hosted');
const RELEASE = join(OUT, 'excel');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

let site: Server;
let siteOrigin: string;
let noCors: RunningMock;
let browser: Browser | undefined;

beforeAll(async () => {
  const run = spawnSync(process.execPath, ['scripts/package.mjs', '--out', OUT], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  // A static host: files, 404 for anything else, no /proxy.
  site = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(RELEASE, path);
    if (!file.startsWith(RELEASE) || !existsSync(file) || path.endsWith('/')) {
      res.writeHead(404, { 'content-type': 'text/html' });
      return res.end('<h1>404 Not Found</h1>');
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
  noCors = await serveMock(() => json(200, { ok: true })); // sends no CORS headers
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await noCors?.close();
});

it('imports the demo meter with nothing running locally, and names the local server for a provider browsers cannot reach', async () => {
  browser = await launch();
  const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.addInitScript(installOfficeStub);
  await page.goto(`${siteOrigin}/taskpane.html`);
  await page.waitForSelector('body[data-ready="true"]');
  expect(await page.textContent('#version')).toBe(
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
  );
  await page.selectOption('#import-meter', 'demo:electricity');
  await page.fill('#import-start', '2024-01-01');
  await page.fill('#import-end', '2024-01-07');
  await page.selectOption('#import-aggregate', 'day');
  await page.click('#import-form button[type=submit]');
  await page.waitForFunction(() =>
    /^Wrote/.test(document.getElementById('status')?.textContent ?? ''),
  );
  const writes = await page.evaluate(
    () =>
      (window as unknown as { __excelLog: { writes: { property: string; data: unknown[][] }[] } })
        .__excelLog.writes,
  );
  expect(writes.filter((w) => w.property === 'values')[0].data).toHaveLength(1 + 7);

  const answer = await page.evaluate(async (url) => {
    const api = (
      window as unknown as {
        meterSheets: {
          host(): { io: { fetchAll(r: unknown[]): Promise<{ status: number; error?: string }[]> } };
        };
      }
    ).meterSheets;
    return (await api.host().io.fetchAll([{ method: 'GET', url, headers: {} }]))[0];
  }, `${noCors.origin}/anything`);
  expect(answer.status).toBe(0);
  expect(answer.error).toMatch(/does not answer web pages .*npx meter-sheets serve/);
});
