// npm start, as README's quick start runs it: the demo meter's January-vs-July profiles and
// last year replayed on the demo tariffs, offline, before the Excel add-in is served.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const START = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url));

function runStartUntilServing(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [START, '--port', '0'], { stdio: 'pipe' });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`npm start did not reach its server in time:\n${out}`));
    }, 60_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('Ctrl+C stops the server')) {
        clearTimeout(timer);
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', () => resolve(out));
    child.on('error', reject);
  });
}

describe('npm start', () => {
  it('prints the profile comparison and a demo tariff comparison, then serves', async () => {
    const out = await runStartUntilServing();
    const year = new Date().getUTCFullYear() - 1;
    expect(out).toMatch(/Demo meter: average day in January vs July \d{4}/);
    expect(out).toContain(`Demo meter: ${year} replayed on the demo tariffs`);
    const rows = out.split('\n').filter((l) => /^demo-(flat|two-rate|tou|dynamic)\s/.test(l));
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual([
      'demo-flat',
      'demo-two-rate',
      'demo-tou',
      'demo-dynamic',
    ]);
    // Every tariff is priced in full: a total, nothing unpriced.
    for (const row of rows) {
      const cells = row.trim().split(/\s+/);
      expect(Number(cells[4])).toBeGreaterThan(0);
      expect(cells[6]).toBe('0');
    }
    expect(out).toContain('Excel add-in served at http://localhost:');
  }, 90_000);
});
