// Runs the built CLI without blocking this process, so that it can talk to a mock served
// from this same process (spawnSync would freeze the mock's event loop).
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
