// meter-sheets log: keep a CSV (or SQLite) file of a meter's usage that grows by itself.
// Each run appends the days after the last one in the file and fetches the last few again
// (late data, filled gaps), so the file always equals `usage --format csv` over its span.
// Safe from cron: a lock keeps two runs apart, and a failed fetch leaves the file alone.
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { fetchIO } from '../drivers/fetch';
import { MeterError } from '../shared/errors';
import { type AsyncIO, runAsync } from '../shared/flow';
import { zoneOf } from '../shared/functions/context';
import { runFunction, userError } from '../shared/functions/run';
import type { FunctionEnv } from '../shared/functions/spec';
import { USAGE } from '../shared/functions/usage';
import { DEFAULT_RECHECK_DAYS, MAX_RECHECK_DAYS, logState, planLogRun } from '../shared/log/plan';
import { isComplete, usageColumns } from '../shared/log/rows';
import { type CivilDay, formatDay, parseDay } from '../shared/time/civil';
import { civilDayAt, localMidnight } from '../shared/time/zone';
import { plainCell } from '../shared/table';
import { type LogFile, csvLog, sqliteLog, startUtc } from './log-files';
import { credentialFlags, optionsFor, registerCommand, settingsFrom, write } from './main';

const AGGREGATES = ['none', 'day'] as const;
const DEFAULT_SINCE_DAYS = 30;

export interface LogRequest {
  out: string;
  meter?: string;
  aggregate: (typeof AGGREGATES)[number];
  recheckDays: number;
  /** The first day of a new log; default 30 days before today. */
  since?: CivilDay;
  timezone?: string;
}

export interface LogResult {
  /** Days fetched, or null when the file was up to date. */
  fetched: { first: CivilDay; last: CivilDay } | null;
  rows: number;
}

function openSqlite(path: string): Database.Database {
  // Loaded on demand: only a .sqlite log needs the native module.
  const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  const db = new Sqlite(path);
  db.pragma('journal_mode = WAL');
  return db;
}

function logFile(out: string): LogFile {
  return /\.(sqlite|sqlite3|db)$/i.test(out) ? sqliteLog(out, openSqlite) : csvLog(out);
}

/** Takes the file's lock, or says who holds it. */
function lock(out: string): () => void {
  const path = `${out}.lock`;
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as { code?: string }).code === 'EEXIST')
      throw new MeterError(
        'config',
        `another meter-sheets log run is writing ${out} (lock ${path}); if none is, delete the lock`,
      );
    throw e;
  }
  writeSync(fd, `${process.pid}\n`);
  closeSync(fd);
  return () => unlinkSync(path);
}

/** One run of the log: read, plan, fetch, then replace the rewritten days. */
export async function runLog(
  req: LogRequest,
  env: FunctionEnv,
  io: AsyncIO = fetchIO(),
): Promise<LogResult> {
  const unlock = lock(req.out);
  try {
    const file = logFile(req.out);
    const old = file.read();
    const zone = zoneOf(req.timezone, env);
    const today = civilDayAt(zone, env.clock());
    let facts: { day: CivilDay; complete: boolean }[] = [];
    if (old) {
      const cols = usageColumns(old.header);
      if (typeof cols === 'string')
        throw new MeterError(
          'config',
          `${req.out} is not a usage log (${cols}); use another --out`,
        );
      // A Start cell is the wall-clock time with its offset: its first ten characters are the day.
      facts = old.rows.map((r) => ({
        day: parseDay(r[cols.start].slice(0, 10)) ?? NaN,
        complete: isComplete(
          r[cols.kwh] === '' ? null : Number(r[cols.kwh]),
          Number(r[cols.missing]),
        ),
      }));
    }
    const plan = planLogRun(logState(facts), {
      today,
      recheckDays: req.recheckDays,
      since: req.since ?? today - DEFAULT_SINCE_DAYS,
    });
    if (!plan) return { fetched: null, rows: old?.rows.length ?? 0 };
    const args = [formatDay(plan.first), formatDay(plan.last), req.aggregate, req.meter, zone];
    const table = await runAsync(runFunction(USAGE.id, args, env), io);
    const [header, ...fresh] = table.map((row) => row.map((c) => String(plainCell(c) ?? '')));
    if (old && old.header.join(',') !== header.join(','))
      throw new MeterError(
        'config',
        `${req.out} has the columns ${old.header.join(', ')}, but this meter gives ${header.join(', ')}: keep one log per meter and aggregate`,
      );
    file.replaceFrom(header, localMidnight(zone, plan.first), fresh);
    const kept = old
      ? old.rows.filter((r) => startUtc(r[0]) < localMidnight(zone, plan.first))
      : [];
    return { fetched: plan, rows: kept.length + fresh.length };
  } finally {
    unlock();
  }
}

const HELP = `meter-sheets log — keep a file of a meter's usage up to date (run it daily from cron)

Usage: meter-sheets log --out FILE.csv|FILE.sqlite [--meter M] [--aggregate none|day]
                        [--recheck-days N] [--since YYYY-MM-DD] [--tz ZONE] [provider flags]

The first run writes --since (default: ${DEFAULT_SINCE_DAYS} days ago) to yesterday. Each later run appends
the days after the file's last one and fetches the last N days again (default ${DEFAULT_RECHECK_DAYS}; days
with missing data up to ${MAX_RECHECK_DAYS} days back too), rewriting them in place: the file always
equals \`meter-sheets usage --format csv\` over its span, one row per interval, sorted by Start.
A lock (FILE.lock) keeps two runs apart; a failed fetch leaves the file as it was and exits 1.

Options:
  --out FILE          the log: .csv (the usage CSV) or .sqlite/.db (table usage)
  --meter M           a meter id or provider name (default: settings, else the demo meter)
  --aggregate A       none (half-hours, the default) or day
  --recheck-days N    how many of the last days to fetch again, 0–${MAX_RECHECK_DAYS} (default ${DEFAULT_RECHECK_DAYS})
  --since DAY         first day of a new log (default ${DEFAULT_SINCE_DAYS} days ago)
  --tz ZONE           IANA time zone of the days (default: settings, else Europe/London)
  --provider P, --config FILE, --base-url URL and the credential flags: as for usage
`;

function parseRequest(values: Record<string, unknown>): LogRequest {
  const out = values.out as string | undefined;
  if (!out) throw new MeterError('argument', 'out: name the log file, e.g. --out usage.csv');
  const aggregate = (values.aggregate as string | undefined) ?? 'none';
  if (!(AGGREGATES as readonly string[]).includes(aggregate))
    throw new MeterError('argument', `aggregate: expected none or day, got "${aggregate}"`);
  const recheckText =
    (values['recheck-days'] as string | undefined) ?? String(DEFAULT_RECHECK_DAYS);
  const recheckDays = Number(recheckText);
  if (!/^\d+$/.test(recheckText) || recheckDays > MAX_RECHECK_DAYS)
    throw new MeterError(
      'argument',
      `recheck-days: expected a whole number from 0 to ${MAX_RECHECK_DAYS}, got "${recheckText}"`,
    );
  let since: CivilDay | undefined;
  if (values.since !== undefined) {
    const day = parseDay(String(values.since));
    if (day === null)
      throw new MeterError(
        'argument',
        `since: expected a date like 2024-01-31, got "${String(values.since)}"`,
      );
    since = day;
  }
  return {
    out,
    meter: values.meter as string | undefined,
    aggregate: aggregate as LogRequest['aggregate'],
    recheckDays,
    since,
    timezone: (values.tz ?? values.timezone) as string | undefined,
  };
}

registerCommand({
  name: 'log',
  summary: "keep a CSV or SQLite file of a meter's usage up to date (for cron)",
  async run(argv) {
    let env: FunctionEnv = { settings: { providers: {} }, clock: Date.now };
    try {
      const { start: _s, end: _e, format: _f, ...options } = optionsFor(USAGE);
      const { values } = parseArgs({
        args: argv,
        options: {
          ...options,
          help: { type: 'boolean', short: 'h' },
          out: { type: 'string' },
          'recheck-days': { type: 'string' },
          since: { type: 'string' },
        },
        strict: true,
        allowPositionals: false,
      });
      if (values.help) {
        await write(
          process.stdout,
          HELP +
            credentialFlags()
              .map((c) => `  --${c.flag.padEnd(18)} ${c.provider}: ${c.key}`)
              .join('\n') +
            '\n',
        );
        return 0;
      }
      const req = parseRequest(values);
      const { settings, meterDefault } = settingsFrom(values);
      env = { settings, clock: Date.now };
      const result = await runLog({ ...req, meter: req.meter ?? meterDefault }, env);
      await write(
        process.stdout,
        result.fetched
          ? `${req.out}: fetched ${formatDay(result.fetched.first)} to ${formatDay(result.fetched.last)}; ${result.rows} rows\n`
          : `${req.out}: up to date; ${result.rows} rows\n`,
      );
      return 0;
    } catch (e) {
      const err = e as { code?: string; message?: string };
      if (err.code && String(err.code).startsWith('ERR_PARSE_ARGS')) {
        process.stderr.write(
          `meter-sheets log: ${String(err.message).split('\n')[0]}; see --help\n`,
        );
        return 2;
      }
      const u = userError(e, env);
      process.stderr.write(`meter-sheets: ${u.message}\n`);
      return u.kind === 'argument' ? 2 : 1;
    }
  },
});
