// Where `meter-sheets log` keeps its rows: a CSV file exactly like `usage --format csv`, or
// a SQLite database. Both are read whole and replaced from the first rewritten row on, so
// a run that fails part-way leaves the file as it was (CSV: a new file renamed over the
// old; SQLite: one transaction).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** A log's content: the header row and data rows as the CSV writes them (text cells). */
export interface LogContent {
  header: string[];
  rows: string[][];
}

export interface LogFile {
  read(): LogContent | null;
  /** Replaces every row starting at or after `from` (UTC ms) with `fresh`. */
  replaceFrom(header: string[], from: number, fresh: string[][]): void;
}

/** The UTC instant of a Start cell, `2024-10-27T01:00:00+01:00`. */
export function startUtc(cell: string): number {
  const t = Date.parse(cell);
  if (Number.isNaN(t)) throw new Error(`not a Start time: ${JSON.stringify(cell)}`);
  return t;
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function csvText(rows: string[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvLog(path: string): LogFile {
  const read = (): LogContent | null => {
    if (!existsSync(path)) return null;
    const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
    return header ? { header, rows } : null;
  };
  return {
    read,
    replaceFrom(header, from, fresh) {
      const old = read();
      const kept = (old?.rows ?? []).filter((r) => startUtc(r[0]) < from);
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, csvText([header, ...kept, ...fresh]), { mode: 0o644 });
      renameSync(tmp, path);
    },
  };
}

/** `kWh` → `"kWh"`: header names as SQL identifiers. */
function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/**
 * A SQLite log: table `usage`, one column per header cell (Start and End as the CSV writes
 * them, numbers as REAL, empty cells NULL) plus `start_utc`, the key rows are ordered by,
 * so `SELECT sum(kWh) FROM usage` works as it reads.
 */
export function sqliteLog(path: string, open: (path: string) => Database.Database): LogFile {
  const db = open(path);
  const columns = (): string[] =>
    (db.prepare('PRAGMA table_info(usage)').all() as { name: string }[])
      .map((c) => c.name)
      .filter((n) => n !== 'start_utc');
  const isText = (name: string) => name === 'Start' || name === 'End';
  return {
    read() {
      const header = columns();
      if (header.length === 0) return null;
      const rows = db
        .prepare(`SELECT ${header.map(ident).join(', ')} FROM usage ORDER BY start_utc`)
        .raw()
        .all() as unknown[][];
      return { header, rows: rows.map((r) => r.map((v) => (v === null ? '' : String(v)))) };
    },
    replaceFrom(header, from, fresh) {
      db.transaction(() => {
        if (columns().join('\n') !== header.join('\n')) {
          db.exec('DROP TABLE IF EXISTS usage');
          const defs = header.map((h) => `${ident(h)} ${isText(h) ? 'TEXT' : 'REAL'}`);
          db.exec(`CREATE TABLE usage (start_utc INTEGER PRIMARY KEY, ${defs.join(', ')})`);
        }
        db.prepare('DELETE FROM usage WHERE start_utc >= ?').run(from);
        const insert = db.prepare(
          `INSERT INTO usage (start_utc, ${header.map(ident).join(', ')}) VALUES (?${', ?'.repeat(header.length)})`,
        );
        for (const r of fresh)
          insert.run(
            startUtc(r[0]),
            ...r.map((v, i) => (v === '' ? null : isText(header[i]) ? v : Number(v))),
          );
      })();
    },
  };
}
