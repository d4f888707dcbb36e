// Runs the built CLI (dist/cli.js; npm test builds first) as a user would.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'meter-sheets.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, METER_SHEETS_CONFIG: '', HOME: '/nonexistent', ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function cliJson(args: string[], env: Record<string, string> = {}): unknown[][] {
  const r = cli([...args, '--format', 'json'], env);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown[][];
}
