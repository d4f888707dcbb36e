// Runs the built CLI without blocking the test process, for CLI tests whose peer (a mock
// served on 127.0.0.1) lives in this same process and must keep answering meanwhile.
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
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
