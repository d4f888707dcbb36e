// meter-sheets log against an Octopus mock whose data arrives late, run once a day for ten
// days across the autumn DST change: the file always equals `usage` over its span.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../cli/format';
import { parseCsv } from '../../cli/log-files';
import { runLog } from '../../cli/log';
import { runAsync } from '../../shared/flow';
import { runFunction } from '../../shared/functions/run';
import { fieldsByProvider } from '../../shared/providers';
import { validateSettings } from '../../shared/settings';
import { MS_PER_DAY, MS_PER_HOUR, daysFromCivil } from '../../shared/time/civil';
import { localMidnight } from '../../shared/time/zone';
import { ROOT } from '../helpers/cli';
import { asyncMockIO, type Fault, withFaults } from '../mocks/mock-http';
import { IMPORT_MPAN, SMART_SERIAL, createMock } from '../providers/octopus/mock';

const ZONE = 'Europe/London';
const METER = `octopus:${IMPORT_MPAN}:${SMART_SERIAL}`;
const ORIGIN = 'https://api.octopus.energy';
const day = (d: number) => localMidnight(ZONE, daysFromCivil(2024, 10, d));
/** The 22nd shows up two days late; 10:00–12:00 on the 26th only three days later. */
function arrives(t: number): number {
  if (t >= day(22) && t < day(23)) return day(24) + 5 * MS_PER_HOUR;
  if (t >= day(26) + 10 * MS_PER_HOUR && t < day(26) + 12 * MS_PER_HOUR) return day(29);
  return Math.floor(t / MS_PER_DAY) * MS_PER_DAY + MS_PER_DAY;
}

function world(faults: Fault[] = []) {
  let now = day(20) + 6 * MS_PER_HOUR;
  const mock = createMock({ now: () => now, arrives });
  const io = asyncMockIO({ [ORIGIN]: withFaults(mock.handler, { queue: faults }) });
  const env = {
    settings: validateSettings(
      { providers: { octopus: { apiKey: mock.apiKey, account: mock.account } } },
      fieldsByProvider(),
    ),
    clock: () => now,
  };
  return {
    env,
    io,
    nextMorning: () => (now += MS_PER_DAY),
    /** What `usage --format csv` prints now for the same span. */
    async usageCsv(first: string, last: string, aggregate: string) {
      io.cache.clear();
      const table = await runAsync(
        runFunction('USAGE', [first, last, aggregate, METER, ZONE], env),
        io,
      );
      return parseCsv(formatTable(table, 'csv'));
    },
  };
}

// Ten runs against a mock holding years of half-hours: allow for a busy machine.
describe('meter-sheets log', { timeout: 120_000 }, () => {
  for (const aggregate of ['none', 'day'] as const)
    it(`keeps a ${aggregate === 'none' ? 'half-hourly' : 'daily'} CSV equal to usage over ten days of late data`, async () => {
      const w = world();
      const out = join(mkdtempSync(join(tmpdir(), 'meter-log-')), 'usage.csv');
      const req = {
        out,
        meter: METER,
        aggregate,
        recheckDays: 3,
        since: daysFromCivil(2024, 10, 18),
      };
      for (let run = 0; run < 10; run++) {
        w.io.cache.clear(); // each cron run is a new process
        await runLog(req, w.env, w.io);
        w.nextMorning();
      }
      const file = parseCsv(readFileSync(out, 'utf8'));
      const expected = await w.usageCsv('2024-10-18', '2024-10-28', aggregate);
      expect(file).toEqual(expected);
      const starts = file.slice(1).map((r) => r[0]);
      expect(new Set(starts).size).toBe(starts.length);
      if (aggregate === 'none') {
        // 11 days, one of them 50 half-hours long (27 October), none missing at the end.
        expect(file.length - 1).toBe(11 * 48 + 2);
        // What arrived late is in: all of the 22nd, and 10:00-12:00 on the 26th.
        const missing = file[0].indexOf('Missing');
        const late = file
          .slice(1)
          .filter((r) => r[0].startsWith('2024-10-22') || /^2024-10-26T1[01]:/.test(r[0]));
        expect(late).toHaveLength(48 + 4);
        expect(late.filter((r) => r[missing] !== '0')).toEqual([]);
      }
    });

  it('leaves the file as it was when the provider fails, and takes up again next time', async () => {
    const w = world();
    const out = join(mkdtempSync(join(tmpdir(), 'meter-log-')), 'usage.csv');
    const req = {
      out,
      meter: METER,
      aggregate: 'day' as const,
      recheckDays: 3,
      since: daysFromCivil(2024, 10, 15),
    };
    await runLog(req, w.env, w.io);
    const before = readFileSync(out, 'utf8');
    w.nextMorning();
    const failing = world([
      { kind: 'status', status: 503 },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 503 },
    ]);
    failing.nextMorning();
    await expect(runLog(req, failing.env, failing.io)).rejects.toThrow();
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(existsSync(`${out}.lock`)).toBe(false);
    await runLog(req, w.env, w.io);
    expect(readFileSync(out, 'utf8')).not.toBe(before);
  });

  it('refuses a second run while one holds the lock', async () => {
    const w = world();
    const out = join(mkdtempSync(join(tmpdir(), 'meter-log-')), 'usage.csv');
    writeFileSync(`${out}.lock`, '1\n');
    await expect(
      runLog({ out, meter: METER, aggregate: 'day', recheckDays: 3 }, w.env, w.io),
    ).rejects.toThrow(/another meter-sheets log run is writing .*usage\.csv/);
    expect(existsSync(out)).toBe(false);
  });

  it('keeps a SQLite log with the same rows', async () => {
    const w = world();
    const dir = mkdtempSync(join(tmpdir(), 'meter-log-'));
    const req = {
      meter: METER,
      aggregate: 'none' as const,
      recheckDays: 3,
      since: daysFromCivil(2024, 10, 18),
    };
    // Five mornings: enough to append, rewrite and fill the late 22nd.
    for (let run = 0; run < 5; run++) {
      w.io.cache.clear();
      await runLog({ ...req, out: join(dir, 'usage.csv') }, w.env, w.io);
      w.io.cache.clear();
      await runLog({ ...req, out: join(dir, 'usage.sqlite') }, w.env, w.io);
      w.nextMorning();
    }
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, 'usage.sqlite'), { readonly: true });
    const csv = parseCsv(readFileSync(join(dir, 'usage.csv'), 'utf8'));
    const header = csv[0];
    const rows = db
      .prepare(`SELECT ${header.map((h) => `"${h}"`).join(', ')} FROM usage ORDER BY start_utc`)
      .raw()
      .all() as unknown[][];
    expect(rows.map((r) => r.map((v) => (v === null ? '' : String(v))))).toEqual(csv.slice(1));
    const total = db.prepare('SELECT sum(kWh) AS kwh FROM usage').get() as { kwh: number };
    expect(total.kwh).toBeGreaterThan(0);
    db.close();
  });

  it('runs from the command line: writes, appends, and prints its help', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'meter-log-')), 'demo.csv');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/meter-sheets.js', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const first = cli(
      'log',
      '--provider',
      'demo',
      '--out',
      out,
      '--aggregate',
      'day',
      '--since',
      '2024-01-01',
    );
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/fetched 2024-01-01 to \d{4}-\d\d-\d\d; \d+ rows/);
    // Again the same day: the demo's gaps never fill in, so only days with missing data are
    // fetched again, and the file still equals usage.
    const again = cli(
      'log',
      '--provider',
      'demo',
      '--out',
      out,
      '--aggregate',
      'day',
      '--recheck-days',
      '0',
    );
    expect(again.status).toBe(0);
    const usage = cli(
      'usage',
      '--provider',
      'demo',
      '--start',
      '2024-01-01',
      '--end',
      'yesterday',
      '--aggregate',
      'day',
      '--format',
      'csv',
    );
    expect(readFileSync(out, 'utf8')).toBe(usage.stdout);
    expect(cli('log', '--help').stdout).toMatch(/--recheck-days N/);
    const bad = cli('log', '--out', out, '--aggregate', 'week');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/aggregate: expected none or day/);
  });
});
