// SECURITY.md makes claims about the code: the files and tests it names exist, the storage
// keys, file names, modes and durations it gives are the code's, and its links into the
// README and docs/ land on the sections they mean. A change to any of them fails here until the page
// is updated too.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeToken, defaultDataDir, ensureDataDir, paths } from '../../bridge/config';
import { defaultConfigPath } from '../../cli/config';
import {
  CACHE_PREFIX,
  MAX_STORED_CHARS,
  MIN_STORED_TTL_SECONDS,
} from '../../excel-addin/functions/cache';
import { SETTINGS_KEY as EXCEL_SETTINGS_KEY } from '../../excel-addin/functions/settings-store';
import { MAX_TTL_SECONDS } from '../../gas/cache';
import { FORMULAS_KEY, GENERATION_KEY, SETTINGS_KEY } from '../../gas/settings-store';
import { resultCacheKey } from '../../shared/functions/run';
import { TTL_COMPLETE_DAYS, TTL_TODAY, TTL_YESTERDAY } from '../../shared/functions/ttl';
import { tokenKey } from '../../shared/providers/common';
import * as settings from '../../shared/settings';
import { scratchDir } from '../homewizard/harness';
import { ROOT } from '../helpers/cli';
import { anchors } from '../helpers/markdown';

const doc = readFileSync(join(ROOT, 'SECURITY.md'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const flat = doc.replace(/\s+/g, ' ');


describe('SECURITY.md', () => {
  it('names only files that exist', () => {
    const named = [
      ...doc.matchAll(/`((?:test|shared|gas|excel-addin|cli|bridge)\/[\w./-]+\.ts)`/g),
    ].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(8);
    expect(named.filter((f) => !existsSync(join(ROOT, f)))).toEqual([]);
    // Each leak-test suite it cites is one this change relies on.
    for (const suite of [
      'test/gas/secrets.test.ts',
      'test/gas/sharing.test.ts',
      'test/excel/secrets.test.ts',
      'test/cli/secrets.test.ts',
      'test/homewizard/secrets.test.ts',
      'test/secrets/redact.test.ts',
      'test/mocks/echo.ts',
    ])
      expect(named).toContain(suite);
  });

  it('names the functions it says do the work', () => {
    expect(typeof settings.redact).toBe('function');
    expect(typeof settings.secretForms).toBe('function');
    for (const name of ['redact', 'secretForms', 'responseError', 'resultCacheKey', 'tokenKey'])
      expect(flat).toContain(`\`${name}\``);
  });

  it('gives the storage keys the hosts use', () => {
    for (const key of [SETTINGS_KEY, FORMULAS_KEY, GENERATION_KEY, EXCEL_SETTINGS_KEY])
      expect(flat).toContain(`\`${key}\``);
    expect(flat).toContain(`\`${CACHE_PREFIX}<key>\``);
    expect(resultCacheKey('USAGE', [], { settings: { providers: {} }, clock: Date.now })).toMatch(
      /^fn:USAGE:[0-9a-f]+$/,
    );
    expect(tokenKey('kraken-refresh', { apiKey: 'x' })).toMatch(/^token:kraken-refresh:[0-9a-f]+$/);
    expect(flat).toContain('`token:<provider>:<fingerprint>`');
    expect(flat).toContain('`token:kraken-refresh:<fingerprint>`');
    expect(flat).toContain('`fn:<function>:<fingerprint>`');
  });

  it('gives the durations in the code', () => {
    expect(MAX_TTL_SECONDS).toBe(6 * 3600);
    expect(TTL_COMPLETE_DAYS).toBe(6 * 3600);
    expect(flat).toMatch(/past days 6 hours/);
    expect(TTL_YESTERDAY).toBe(30 * 60);
    expect(flat).toMatch(/yesterday 30 minutes/);
    expect(TTL_TODAY).toBe(60);
    expect(flat).toMatch(/today 60 seconds/);
    expect(MIN_STORED_TTL_SECONDS).toBe(120);
    expect(MAX_STORED_CHARS).toBe(256 * 1024);
    expect(flat).toMatch(/at least 120 s and at most 256 KB/);
  });

  describe('file locations and modes', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
    });

    it('the CLI config file and the bridge data directory', () => {
      expect(defaultConfigPath()).toBe(join(homedir(), '.config', 'meter-sheets', 'config.json'));
      expect(flat).toContain('`~/.config/meter-sheets/config.json`');
      delete process.env.METER_SHEETS_BRIDGE_DIR;
      delete process.env.XDG_DATA_HOME;
      expect(defaultDataDir()).toBe(join(homedir(), '.local', 'share', 'meter-sheets', 'bridge'));
      process.env.XDG_DATA_HOME = '/xdg';
      expect(defaultDataDir()).toBe('/xdg/meter-sheets/bridge');
      process.env.METER_SHEETS_BRIDGE_DIR = '/explicit';
      expect(defaultDataDir()).toBe('/explicit');
      expect(flat).toContain(
        '`$METER_SHEETS_BRIDGE_DIR`, else `$XDG_DATA_HOME/meter-sheets/bridge`, else `~/.local/share/meter-sheets/bridge`',
      );
    });

    it('the bridge files, with the modes it gives', () => {
      const dir = scratchDir('security-doc-');
      ensureDataDir(dir);
      const { token } = bridgeToken(dir);
      expect(token).toHaveLength(43);
      const p = paths(dir);
      for (const file of [p.devices, p.token, p.database])
        expect(flat).toContain(`\`${file.slice(dir.length + 1)}\``);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(p.token).mode & 0o777).toBe(0o600);
      expect(flat).toMatch(/`bridge-token` \| the bridge's own \*\*bearer token\*\* .* \| 600 \|/);
      expect(flat).toMatch(/All in one data directory \(mode 700\)/);
    });
  });

  it('links into the docs sections it means', () => {
    const links = [...doc.matchAll(/\]\(((?:README|docs\/[\w/-]+)\.md)#([\w-]+)\)/g)].map((m) => ({
      page: m[1],
      anchor: m[2],
    }));
    expect(links.map((l) => `${l.page}#${l.anchor}`)).toEqual(
      expect.arrayContaining([
        'docs/google-sheets.md#security-in-sheets',
        'docs/homewizard-bridge.md#security-of-the-bridge',
        'docs/settings.md#settings',
      ]),
    );
    for (const l of links)
      expect(anchors(readFileSync(join(ROOT, l.page), 'utf8')).map((h) => h.anchor)).toContain(
        l.anchor,
      );
  });

  it('is linked from the README', () => {
    expect(readme).toMatch(/\]\(SECURITY\.md\)/);
  });
});
