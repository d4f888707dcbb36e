// The database survives the bridge being killed mid-write (SIGKILL: no cleanup, no
// chance to finish): after each kill it opens, passes SQLite's integrity check, keeps
// every transaction the bridge reported committed, and every half-hour still equals a
// fresh derivation from the readings (nothing half-applied, nothing counted twice).
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { expect, it } from 'vitest';
import { Store } from '../../bridge/store';
import { ROOT } from '../helpers/cli';
import { scratchDir } from './harness';

async function bundleWriter(dir: string): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [join(ROOT, 'test/homewizard/crash-writer.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
  const file = join(dir, 'crash-writer.cjs');
  writeFileSync(file, out.outputFiles[0].text);
  return file;
}

/** Runs the writer until it has committed `polls` polls, then kills it without warning. */
function writeThenKill(script: string, database: string, resumeAt: number, polls: number) {
  return new Promise<{ committed: number; lastT: number }>((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [script, database, String(resumeAt)], {
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let committed = 0;
    let lastT = resumeAt;
    let buffer = '';
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^committed (\d+) (\d+)$/.exec(line);
        if (!m) continue;
        committed = Number(m[1]);
        lastT = Number(m[2]);
      }
      if (committed >= polls && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended by itself: ${stderr}`));
      else resolve({ committed, lastT });
    });
  });
}

it('survives three kills mid-write, consistent every time', async () => {
  const dir = scratchDir('hw-crash-');
  const script = await bundleWriter(dir);
  const database = join(dir, 'readings.db');
  let resumeAt = Date.UTC(2024, 5, 28, 0, 0, 3);
  let acknowledged = 0;
  for (const polls of [300, 170, 420]) {
    const run = await writeThenKill(script, database, resumeAt, polls);
    expect(run.committed).toBeGreaterThanOrEqual(polls);
    acknowledged += run.committed;
    const store = new Store(database);
    try {
      const check = store.verify();
      expect(check.integrity).toBe('ok');
      expect(check.mismatches).toEqual([]);
      // Every poll the writer saw committed is there (one import reading each).
      const readings = store.db
        .prepare("SELECT COUNT(*) FROM readings WHERE channel = 'import'")
        .pluck()
        .get() as number;
      expect(readings).toBeGreaterThanOrEqual(acknowledged);
      // A poll may have committed after its line was printed, not more.
      expect(readings).toBeLessThanOrEqual(acknowledged + 3);
      const lastT = store.db
        .prepare("SELECT MAX(t) FROM readings WHERE channel = 'import'")
        .pluck()
        .get() as number;
      acknowledged = readings;
      resumeAt = Math.floor(lastT / 1000) * 1000 + 10_003; // carry on, as a restarted bridge would
    } finally {
      store.close();
    }
  }
  // Half-hours made across the restarts are complete: nothing was lost between runs.
  const store = new Store(database);
  try {
    const complete = store.db
      .prepare("SELECT COUNT(*) FROM half_hours WHERE channel = 'import' AND covered_ms >= 1800000")
      .pluck()
      .get() as number;
    expect(complete).toBeGreaterThanOrEqual(Math.floor((acknowledged * 10) / 1800) - 2);
  } finally {
    store.close();
  }
}, 60_000);
