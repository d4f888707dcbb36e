// Planted secrets through the BUILT CLI, every provider against its mock served on
// 127.0.0.1 and turned careless (test/mocks/echo.ts: error answers quote the
// Authorization header, the body and its base64 back). Credentials refused (from a config
// file, and from flags), then accepted, in every output format: no form of any secret —
// configured, or issued by the peer — is in stdout or stderr. Also the config file itself:
// a JSON mistake next to a token is located, not quoted, and a file others can read is
// flagged.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProvider, PROVIDERS } from '../../shared/providers';
import { MOCK_CASES, createMockFor } from '../excel/provider-mocks';
import { planted } from '../gas/provider-cases';
import { cliAsync } from '../helpers/cli-async';
import { serveEchoing } from '../mocks/echo';
import { leaks } from '../secrets/leaks';

const FORMATS = ['table', 'csv', 'json'];

function secretFields(provider: string) {
  return (findProvider(provider, PROVIDERS)?.fields ?? []).filter((f) => f.kind === 'secret');
}

function refusedSettings(provider: string, settings: Record<string, string | number | boolean>) {
  const secret = new Set(secretFields(provider).map((f) => f.key));
  return Object.fromEntries(
    Object.entries(settings).map(([k, v]) => [
      k,
      !secret.has(k)
        ? v
        : provider === 'aiaas'
          ? `${planted('cliaiaas', 24)} +/=&%:?` // form-encoded on the wire
          : planted(`cli${provider}`, String(v).length),
    ]),
  );
}

function configFile(settings: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ms-secrets-')), 'config.json');
  writeFileSync(file, JSON.stringify(settings), { mode: 0o600 });
  return file;
}

describe('CLI: no secret in any output, even from a peer that echoes', () => {
  for (const c of MOCK_CASES)
    it(c.provider, async () => {
      const mock = await createMockFor(c);
      const { echo, issued, server } = await serveEchoing(mock.handler);
      try {
        const accepted = c.settings(server.origin + (mock.basePath ?? ''));
        const refused = refusedSettings(c.provider, accepted);
        const usage = ['--meter', c.provider, '--start', c.day, '--end', c.day];
        // Refused: the message is the same in every format, so one each from a config
        // file and from the credential flags a user types.
        const flags = Object.entries(refused).flatMap(([k, v]) => {
          const field = findProvider(c.provider, PROVIDERS)?.fields.find((f) => f.key === k);
          if (k === 'baseUrl') return ['--base-url', String(v)];
          return field?.cli ? [`--${field.cli}`, String(v)] : [];
        });
        const badConfig = configFile({ providers: { [c.provider]: refused } });
        const goodConfig = configFile({ providers: { [c.provider]: accepted } });
        const [bad, good] = await Promise.all([
          Promise.all([
            cliAsync(['meters', '--config', badConfig]),
            cliAsync(['usage', ...usage, '--provider', c.provider, ...flags]),
          ]),
          // Accepted: every output format.
          Promise.all([
            ...FORMATS.map((f) => cliAsync(['meters', '--config', goodConfig, '--format', f])),
            cliAsync(['usage', ...usage, '--config', goodConfig, '--format', 'csv']),
          ]),
        ]);
        for (const r of bad) {
          expect(r.code).toBe(1);
          expect(r.stderr).toMatch(/refused|check|token|credentials/i);
        }
        expect(echo.echoes).toBeGreaterThan(0);
        expect(good.every((r) => r.code === 0)).toBe(true);
        expect(good[0].stdout).toContain(c.provider);

        const secrets = [
          ...[accepted, refused].flatMap((cfg) =>
            secretFields(c.provider).map((f) => String(cfg[f.key])),
          ),
          ...issued,
        ];
        const all = [...bad, ...good];
        expect(
          leaks({ stdout: all.map((r) => r.stdout), stderr: all.map((r) => r.stderr) }, secrets),
        ).toEqual([]);
      } finally {
        await server.close();
      }
    });
});

describe('CLI --base-url with a password in it', () => {
  it('is refused naming the field, without repeating the password', async () => {
    const password = planted('cliuserinfo', 24);
    const r = await cliAsync([
      'meters',
      '--provider',
      'powershaper',
      '--base-url',
      `https://me:${password}@app.powershaper.io/meters/api/v1/`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'meter-sheets: settings.providers.powershaper.baseUrl: expected a URL without a user name or password in it (https://host/path); put credentials in their own fields\n',
    );
  });
});

describe('CLI config file', () => {
  const SECRET = planted('configfile', 40);

  it('locates a JSON mistake next to a token without quoting any of it', async () => {
    const file = configFile({});
    writeFileSync(file, `{"providers": {"powershaper": {"token": ${SECRET}}}}`);
    const r = await cliAsync(['meters', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^meter-sheets: config: ${file} is not valid JSON \\(`));
    expect(r.stderr).not.toMatch(/PLANTED/);
    writeFileSync(file, `{"providers": {"powershaper": {"token": "${SECRET}",}}}`);
    const trailing = await cliAsync(['meters', '--config', file]);
    expect(trailing.stderr.trim()).toBe(
      `meter-sheets: config: ${file} is not valid JSON (Expected double-quoted property name at line 1, column 84)`,
    );
  });

  it('warns when other users of the machine can read a file holding credentials', async () => {
    const file = configFile({ providers: { powershaper: { token: SECRET } } });
    const demo = ['usage', '--start', '2024-01-01', '--aggregate', 'day', '--config', file];
    const tight = await cliAsync(demo);
    expect(tight.code).toBe(0);
    expect(tight.stderr).toBe('');
    chmodSync(file, 0o644);
    const loose = await cliAsync(demo);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toBe(
      `meter-sheets: warning: ${file} holds credentials and other users of this machine can read it; run chmod 600 ${file}\n`,
    );
    // No credential in it: nothing to warn about.
    writeFileSync(file, JSON.stringify({ timezone: 'Europe/London' }));
    expect((await cliAsync(demo)).stderr).toBe('');
  });
});
