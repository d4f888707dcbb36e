// The release artifacts (npm run package), used the way people without a toolchain use
// them: the one-file Sheets script pasted alone into an Apps Script project, the Excel
// add-in's static files served by a plain static host on another origin with no
// pass-through, and the CLI as one file run by node from a folder with no node_modules.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { Sheets, fromFiles, sheets } from '../gas/harness';

const OUT = join(ROOT, 'dist', 'release');
const ORIGIN = 'https://example.github.io/meter-sheets';
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

function node(args: string[], cwd: string) {
  return spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 60_000 });
}

beforeAll(() => {
  // npm test builds first; package only adds the release copies.
  const run = node(['scripts/package.mjs', '--origin', ORIGIN], ROOT);
  if (run.status !== 0) throw new Error(`npm run package failed:\n${run.stderr}`);
}, 120_000);

describe('npm run package', () => {
  it('writes every artifact and a SHA256SUMS that matches them', () => {
    const sums = readFileSync(join(OUT, 'SHA256SUMS'), 'utf8').trim().split('\n');
    const names = sums.map((l) => l.split('  ')[1]);
    expect(names).toEqual(
      expect.arrayContaining([
        'meter-sheets.gs',
        'appsscript.json',
        'meter-sheets.mjs',
        'excel/manifest.xml',
        'excel/taskpane.html',
        'excel/functions.js',
        'excel/functions.json',
      ]),
    );
    for (const line of sums) {
      const [hash, name] = line.split('  ');
      expect(
        createHash('sha256')
          .update(readFileSync(join(OUT, name)))
          .digest('hex'),
      ).toBe(hash);
    }
  });

  it('refuses an origin the add-in could not be served from', () => {
    const run = node(['scripts/package.mjs', '--origin', 'http://example.com/x'], ROOT);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/--origin: expected an https URL/);
  });
});

describe('the one-file Google Sheets add-on', () => {
  const pasted = () =>
    new Sheets(
      fromFiles({
        'Code.js': readFileSync(join(OUT, 'meter-sheets.gs'), 'utf8'),
        'appsscript.json': readFileSync(join(OUT, 'appsscript.json'), 'utf8'),
      }),
      {},
    );

  it('is one script: no .html files are needed beside it', () => {
    expect(readdirSync(OUT).filter((f) => f.endsWith('.html'))).toEqual([]);
    const gs = readFileSync(join(OUT, 'meter-sheets.gs'), 'utf8');
    expect(gs).toContain('function METER_USAGE(');
    expect(gs).toContain('<!doctype html>');
  });

  it('alone, adds the menu, saves settings and answers METER_USAGE like the clasp build', async () => {
    const s = pasted();
    s.run('none', 'onOpen', { authMode: 'NONE' });
    const [menu] = s.world.menus;
    expect(menu.title).toBe('Meter');
    expect(menu.added).toBe(true);
    expect(menu.items.length).toBeGreaterThan(3);
    s.saveSettings({ defaultMeter: 'demo:electricity', timezone: 'Europe/London', providers: {} });
    expect(s.panelState('sidebar').version).toBe(version);
    const profile = s.cell('METER_USAGE', '2024-01', '2024-01', 'profile');
    expect(profile[0]).toEqual(['Time', 'kWh', 'Days', 'Missing']);
    expect(profile).toHaveLength(49);
    const clasp = await sheets();
    expect(profile).toEqual(clasp.cell('METER_USAGE', '2024-01', '2024-01', 'profile'));
  });
});

describe('a one-file add-on with only some providers (METER_SHEETS_PROVIDERS)', () => {
  it('leaves the other providers and their functions out, panels still inlined', async () => {
    const { buildGas } = await import(join(ROOT, 'scripts', 'build', 'gas.mjs'));
    const files = await buildGas({ providers: 'octopus', inlinePanels: true });
    expect(Object.keys(files).sort()).toEqual(['Code.js', 'appsscript.json']);
    expect(files['Code.js']).not.toContain('function METER_APPLIANCES(');
    const s = new Sheets(fromFiles(files), {});
    s.menu('meterShowSettings');
    expect(s.panelState('sidebar').providerIds).toEqual(['demo', 'octopus']);
  });
});

describe('the one-file command line', () => {
  it('runs with node alone, from a folder with no node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meter-sheets-cli-'));
    copyFileSync(join(OUT, 'meter-sheets.mjs'), join(dir, 'meter-sheets.mjs'));
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    expect(node(['meter-sheets.mjs', '--version'], dir).stdout.trim()).toBe(
      `meter-sheets ${version}`,
    );
    const args = [
      'usage',
      '--provider',
      'demo',
      '--start',
      '2024-01',
      '--aggregate',
      'day',
      '--format',
      'csv',
    ];
    const alone = node(['meter-sheets.mjs', ...args], dir);
    expect(alone.stderr).toBe('');
    expect(alone.status).toBe(0);
    const repo = node(['bin/meter-sheets.js', ...args], ROOT);
    expect(alone.stdout).toBe(repo.stdout);
    expect(alone.stdout.trim().split('\n')).toHaveLength(32);
  });

  it("says what to install when a bridge command needs SQLite's native module", () => {
    const dir = mkdtempSync(join(tmpdir(), 'meter-sheets-cli-'));
    copyFileSync(join(OUT, 'meter-sheets.mjs'), join(dir, 'meter-sheets.mjs'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'readings.db'), '');
    const run = node(
      ['meter-sheets.mjs', 'bridge', '--data-dir', join(dir, 'data'), '--check'],
      dir,
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/needs the better-sqlite3 package: run npm install better-sqlite3/);
  });
});
