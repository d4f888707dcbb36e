// The bridge stops cleanly on SIGTERM (a service manager) and SIGINT (Ctrl-C), however it
// was started: with node directly (the README's systemd unit), or through npx, whose shell
// does not pass SIGTERM on, so that the bridge must notice npm going away by itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { scratchDir } from './harness';

const started: ChildProcess[] = [];
const pids: number[] = [];

afterEach(() => {
  // Whatever a failed test left running, by its own process id.
  for (const pid of pids.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  // Each child leads a process group of its own: npx's shell and node go with it.
  for (const c of started.splice(0)) if (c.pid && alive(-c.pid)) process.kill(-c.pid, 'SIGKILL');
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(what: string, f: () => T | null | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function bridgeArgs(): string[] {
  const dir = scratchDir('hw-signals-');
  return ['bridge', '--data-dir', dir, '--port', '0', '--timezone', 'Europe/Amsterdam'];
}

function start(command: string, args: string[]) {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, METER_SHEETS_CONFIG: '', HOME: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, as a terminal's foreground job or a service has.
    detached: true,
  });
  started.push(child);
  const run = {
    stdout: '',
    stderr: '',
    code: null as number | null,
    signal: null as string | null,
  };
  child.stdout?.on('data', (d: Buffer) => (run.stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (run.stderr += d.toString()));
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      run.code = code;
      run.signal = signal;
      resolve();
    }),
  );
  // Every process holding the output (npx's children too) has ended.
  const closed = new Promise<void>((resolve) => child.stdout?.on('close', () => resolve()));
  return { child, run, exited, closed };
}

describe('stopping the bridge', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    it(`started with node, it stops cleanly on ${signal}`, async () => {
      const b = start(process.execPath, [join(ROOT, 'bin', 'meter-sheets.js'), ...bridgeArgs()]);
      await until('the bridge to serve', () => /serving http/.test(b.run.stdout));
      b.child.kill(signal);
      await b.exited;
      expect(b.run).toMatchObject({ code: 0, signal: null });
      expect(b.run.stdout).toContain('meter-sheets bridge: stopped');
    });

  // kill <npx's pid> (npx passes nothing on); Ctrl-C (SIGINT to the terminal's foreground
  // process group); a service manager stopping the whole group.
  for (const [signal, to] of [
    ['SIGTERM', 'npx'],
    ['SIGINT', 'group'],
    ['SIGTERM', 'group'],
  ] as const)
    it(`started through npx, it stops on ${signal} to ${to === 'npx' ? 'npx alone' : 'the process group'}`, async () => {
      const b = start('npx', ['--no-install', 'meter-sheets', ...bridgeArgs()]);
      const npx = b.child.pid as number;
      const pid = Number(
        await until(
          'the bridge to serve',
          () => /\(pid (\d+)\): serving http/.exec(b.run.stdout)?.[1],
        ),
      );
      pids.push(pid);
      expect(pid).not.toBe(npx); // npx runs it in a process of its own
      process.kill(to === 'npx' ? npx : -npx, signal);
      await until('the bridge process to end', () => !alive(pid), 15_000);
      await b.closed;
      expect(b.run.stdout + b.run.stderr).toContain('meter-sheets bridge: stopped');
    });
});
