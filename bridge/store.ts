// The bridge's SQLite database: every register reading as the device gave it, and the
// half-hour totals derived from them. A reading and the half-hours it completes are
// written in ONE transaction, and a reading is only ever paired with the latest one
// already stored (read inside the same write transaction), so a restart, a crash mid-write
// or even a second bridge on the same file can never count a stretch of time twice.
// WAL journaling keeps readers (the HTTP API) from blocking the poller and survives a
// killed process: a transaction is either wholly there or not at all.
import { chmodSync, closeSync, openSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ChannelKind, ChannelReading, ChannelSpec } from './channels';
import {
  type ChannelPolicy,
  type CounterReading,
  type HalfHourTotal,
  HALF_HOUR_MS,
  deriveHalfHours,
  halfHourOf,
  sharePair,
} from './halfhours';

const SCHEMA_VERSION = 1;

/** Makes a file readable by its owner only, if it exists. */
function tighten(file: string): void {
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch {
    // not there (yet): nothing to tighten
  }
}

/**
 * The database holds a household's life in half-hours (when it is home, asleep, away): it is
 * created with mode 600 before SQLite opens it (SQLite would use 644 under the usual umask),
 * and an existing one is tightened.
 */
function ownerOnly(path: string): void {
  if (path === ':memory:' || path === '') return;
  closeSync(openSync(path, 'a', 0o600));
  tighten(path);
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS channels (
  device TEXT NOT NULL, channel TEXT NOT NULL,
  kind TEXT NOT NULL, direction TEXT NOT NULL, unit TEXT NOT NULL, label TEXT NOT NULL,
  max_gap_ms INTEGER NOT NULL, max_rate REAL NOT NULL, tariff INTEGER,
  PRIMARY KEY (device, channel)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS readings (
  device TEXT NOT NULL, channel TEXT NOT NULL, t INTEGER NOT NULL,
  value REAL NOT NULL, source TEXT NOT NULL, tariff INTEGER,
  PRIMARY KEY (device, channel, t)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS half_hours (
  device TEXT NOT NULL, channel TEXT NOT NULL, start INTEGER NOT NULL,
  amount REAL NOT NULL, covered_ms INTEGER NOT NULL,
  PRIMARY KEY (device, channel, start)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS breaks (
  device TEXT NOT NULL, channel TEXT NOT NULL, t_from INTEGER NOT NULL, t_to INTEGER NOT NULL,
  reason TEXT NOT NULL, PRIMARY KEY (device, channel, t_to)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS devices (
  device TEXT PRIMARY KEY, host TEXT NOT NULL, product_type TEXT, product_name TEXT,
  latest TEXT, latest_at INTEGER, problem TEXT, error TEXT, error_at INTEGER);
`;

export interface ChannelRow {
  device: string;
  channel: string;
  kind: ChannelKind;
  direction: 'import' | 'export';
  unit: string;
  label: string;
  policy: ChannelPolicy;
}

export interface DeviceRow {
  device: string;
  host: string;
  productType: string | null;
  productName: string | null;
  /** The latest measurement as JSON (the common model), and when it arrived. */
  latest: string | null;
  latestAt: number | null;
  /** The latest polling problem (offline, unauthorized, certificate-changed, refused, no-readings), its
   * user-facing message and when; null once polling works again. */
  problem: string | null;
  error: string | null;
  errorAt: number | null;
}

export interface HalfHourRow {
  start: number;
  amount: number;
  coveredMs: number;
}

export interface IngestResult {
  /** Readings stored (duplicates and out-of-order ones are skipped). */
  stored: number;
  breaks: { channel: string; reason: string }[];
}

export interface VerifyResult {
  integrity: string;
  readings: number;
  halfHours: number;
  /** Half-hours whose stored totals differ from a fresh derivation from the readings. */
  mismatches: {
    device: string;
    channel: string;
    start: number;
    stored: HalfHourTotal | null;
    derived: HalfHourTotal | null;
  }[];
}

function policyOf(r: {
  max_gap_ms: number;
  max_rate: number;
  tariff: number | null;
}): ChannelPolicy {
  return r.tariff === null
    ? { maxGapMs: r.max_gap_ms, maxRatePerHour: r.max_rate }
    : { maxGapMs: r.max_gap_ms, maxRatePerHour: r.max_rate, tariff: r.tariff };
}

export class Store {
  readonly db: Database.Database;
  private readonly stmt;
  private readonly known = new Map<string, string>();

  constructor(readonly path: string) {
    ownerOnly(path);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit survives the process being killed; only a power cut
    // can lose the last moments, and the database stays consistent either way.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION)
      throw new Error(
        `${path} was written by a newer meter-sheets (schema ${version}); update meter-sheets`,
      );
    this.db.exec(SCHEMA);
    if (version < SCHEMA_VERSION) this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    // SQLite gives its -wal and -shm files the database's mode; tighten any made before.
    for (const extra of ['-wal', '-shm']) tighten(path + extra);
    const db = this.db;
    this.stmt = {
      upsertChannel: db.prepare(
        `INSERT INTO channels VALUES (@device, @channel, @kind, @direction, @unit, @label, @maxGap, @maxRate, @tariff)
         ON CONFLICT (device, channel) DO UPDATE SET kind = excluded.kind, direction = excluded.direction,
           unit = excluded.unit, label = excluded.label, max_gap_ms = excluded.max_gap_ms,
           max_rate = excluded.max_rate, tariff = excluded.tariff`,
      ),
      last: db.prepare(
        'SELECT t, value, source, tariff FROM readings WHERE device = ? AND channel = ? ORDER BY t DESC LIMIT 1',
      ),
      insertReading: db.prepare('INSERT INTO readings VALUES (?, ?, ?, ?, ?, ?)'),
      addShare: db.prepare(
        `INSERT INTO half_hours VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (device, channel, start) DO UPDATE SET
           amount = amount + excluded.amount, covered_ms = covered_ms + excluded.covered_ms`,
      ),
      insertBreak: db.prepare('INSERT OR IGNORE INTO breaks VALUES (?, ?, ?, ?, ?)'),
      upsertDevice: db.prepare(
        `INSERT INTO devices (device, host, product_type, product_name) VALUES (?, ?, ?, ?)
         ON CONFLICT (device) DO UPDATE SET host = excluded.host,
           product_type = excluded.product_type, product_name = excluded.product_name`,
      ),
      setLatest: db.prepare(
        'UPDATE devices SET latest = ?, latest_at = ?, problem = NULL, error = NULL, error_at = NULL WHERE device = ?',
      ),
      setError: db.prepare(
        'UPDATE devices SET problem = ?, error = ?, error_at = ? WHERE device = ?',
      ),
      halfHours: db.prepare(
        'SELECT start, amount, covered_ms AS coveredMs FROM half_hours WHERE device = ? AND channel = ? AND start >= ? AND start < ? ORDER BY start',
      ),
      span: db.prepare(
        `SELECT MIN(start) AS first, MAX(start) AS last FROM half_hours
         WHERE device = ? AND channel = ? AND covered_ms >= ${HALF_HOUR_MS}`,
      ),
    };
  }

  /** Registers a device (by serial) at its address; kept across restarts. */
  registerDevice(device: string, host: string, productType?: string, productName?: string): void {
    this.stmt.upsertDevice.run(device, host, productType ?? null, productName ?? null);
  }

  private rememberChannel(device: string, c: ChannelSpec): void {
    const key = `${device}\u0000${c.id}`;
    const row = {
      device,
      channel: c.id,
      kind: c.kind,
      direction: c.direction,
      unit: c.unit,
      label: c.label,
      maxGap: c.policy.maxGapMs,
      maxRate: c.policy.maxRatePerHour,
      tariff: c.policy.tariff ?? null,
    };
    const fingerprint = JSON.stringify(row);
    if (this.known.get(key) === fingerprint) return;
    this.stmt.upsertChannel.run(row);
    this.known.set(key, fingerprint);
  }

  /**
   * Stores one poll's readings and shares each register's growth since its previous
   * reading over the half-hours, all in one transaction. Readings not newer than the
   * latest stored for their register (a repeated telegram, a gas value polled again) are
   * skipped, which is what makes re-polling and restarting harmless.
   */
  ingest(
    device: string,
    readings: ChannelReading[],
    latest?: { json: string; at: number },
  ): IngestResult {
    return this.db
      .transaction((): IngestResult => {
        const result: IngestResult = { stored: 0, breaks: [] };
        for (const { channel, reading } of readings) {
          if (!Number.isFinite(reading.value) || !Number.isFinite(reading.t)) continue;
          this.rememberChannel(device, channel);
          const prev = this.stmt.last.get(device, channel.id) as CounterReading | undefined;
          if (prev && reading.t <= prev.t) continue;
          const t = Math.round(reading.t);
          this.stmt.insertReading.run(
            device,
            channel.id,
            t,
            reading.value,
            reading.source,
            reading.tariff,
          );
          result.stored++;
          if (!prev) continue;
          const pair = sharePair(prev, { ...reading, t }, channel.policy);
          if (pair.kind === 'break') {
            this.stmt.insertBreak.run(device, channel.id, prev.t, t, pair.reason);
            result.breaks.push({ channel: channel.id, reason: pair.reason });
            continue;
          }
          for (const s of pair.shares)
            this.stmt.addShare.run(device, channel.id, s.start, s.amount, s.coveredMs);
        }
        if (latest) this.stmt.setLatest.run(latest.json, latest.at, device);
        return result;
      })
      .immediate();
  }

  recordError(device: string, problem: string, message: string, at: number): void {
    this.stmt.setError.run(problem, message, at, device);
  }

  devices(): DeviceRow[] {
    return this.db
      .prepare(
        `SELECT device, host, product_type AS productType, product_name AS productName,
                latest, latest_at AS latestAt, problem, error, error_at AS errorAt FROM devices ORDER BY device`,
      )
      .all() as DeviceRow[];
  }

  device(device: string): DeviceRow | undefined {
    return this.devices().find((d) => d.device === device);
  }

  channels(): ChannelRow[] {
    const rows = this.db.prepare('SELECT * FROM channels ORDER BY device, channel').all() as (Omit<
      ChannelRow,
      'policy'
    > & { max_gap_ms: number; max_rate: number; tariff: number | null })[];
    return rows.map((r) => ({
      device: r.device,
      channel: r.channel,
      kind: r.kind,
      direction: r.direction,
      unit: r.unit,
      label: r.label,
      policy: policyOf(r),
    }));
  }

  /** Half-hours starting in [from, to), as stored (complete or not). */
  halfHours(device: string, channel: string, from: number, to: number): HalfHourRow[] {
    return this.stmt.halfHours.all(device, channel, halfHourOf(from), to) as HalfHourRow[];
  }

  /** First and last complete half-hour of a channel, or null when none is complete yet. */
  span(device: string, channel: string): { first: number; last: number } | null {
    const r = this.stmt.span.get(device, channel) as { first: number | null; last: number | null };
    return r.first === null || r.last === null ? null : { first: r.first, last: r.last };
  }

  /** Deletes readings older than `before`, keeping each register's latest (needed to pair the next). */
  pruneReadings(before: number): number {
    return this.db
      .prepare(
        `DELETE FROM readings WHERE t < ? AND t < (
           SELECT MAX(r.t) FROM readings r WHERE r.device = readings.device AND r.channel = readings.channel)`,
      )
      .run(before).changes;
  }

  /**
   * Checks the file (SQLite's integrity check) and that every stored half-hour equals a
   * fresh derivation from the stored readings: proof that no transaction was half-applied
   * and nothing was counted twice. Half-hours before a register's first kept reading
   * (pruned history) are not comparable and are skipped.
   */
  verify(): VerifyResult {
    const integrity = String(this.db.pragma('integrity_check', { simple: true }));
    const result: VerifyResult = { integrity, readings: 0, halfHours: 0, mismatches: [] };
    const readingsOf = this.db.prepare(
      'SELECT t, value, source, tariff FROM readings WHERE device = ? AND channel = ? ORDER BY t',
    );
    const storedOf = this.db.prepare(
      'SELECT start, amount, covered_ms AS coveredMs FROM half_hours WHERE device = ? AND channel = ?',
    );
    for (const c of this.channels()) {
      const readings = readingsOf.all(c.device, c.channel) as CounterReading[];
      result.readings += readings.length;
      if (readings.length === 0) continue;
      const from = halfHourOf(readings[0].t) + HALF_HOUR_MS;
      const derived = deriveHalfHours(readings, c.policy);
      const stored = new Map<number, HalfHourTotal>();
      for (const h of storedOf.all(c.device, c.channel) as HalfHourRow[]) {
        result.halfHours++;
        if (h.start >= from) stored.set(h.start, { amount: h.amount, coveredMs: h.coveredMs });
      }
      for (const start of new Set([
        ...stored.keys(),
        ...[...derived.keys()].filter((s) => s >= from),
      ])) {
        const s = stored.get(start) ?? null;
        const d = derived.get(start) ?? null;
        const same =
          s !== null &&
          d !== null &&
          s.coveredMs === d.coveredMs &&
          Math.abs(s.amount - d.amount) <= 1e-9 * Math.max(1, Math.abs(d.amount));
        if (!same)
          result.mismatches.push({
            device: c.device,
            channel: c.channel,
            start,
            stored: s,
            derived: d,
          });
      }
    }
    return result;
  }

  close(): void {
    this.db.close();
  }
}
