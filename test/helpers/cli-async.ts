// Runs the built CLI without blocking this process, so that a mock served from the test
// itself (serveMock on 127.0.0.1) can answer the CLI's requests.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type CliResult, ROOT } from './cli';

export function cliAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'meter-sheets.js'), ...args], {
      env: { ...process.env, METER_SHEETS_CONFIG: '', HOME: '/nonexistent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export async function cliJsonAsync(args: string[]): Promise<unknown[][]> {
  const r = await cliAsync([...args, '--format', 'json']);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown[][];
}
