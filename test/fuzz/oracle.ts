import { MAX_TABLE_ROWS } from '../../shared/functions/limits';
// What every call must come back with: a table a spreadsheet can show, or an error a
// person can read. Anything else (a JS internal leaking out, a ragged array, NaN in a
// cell, a call that takes seconds to refuse) is a bug the fuzzers report.

/** Messages that are JavaScript talking, not the add-on. */
const INTERNAL = [
  /^undefined$/,
  /^null$/,
  /\[object Object\]/,
  /\n\s+at /, // a stack trace
  /Cannot read propert/,
  /Cannot convert/,
  /is not a function/,
  /is not defined/,
  /is not iterable/,
  /Maximum call stack/,
  /Invalid time value/,
  /Invalid array length/,
  /Invalid Date/,
  /out of memory/i,
  /unexpected error/, // userError's wording for a non-MeterError
  /\bundefined\b/,
];

/** Why a message is not one to show a user, or null when it is fine. */
export function unreadable(message: unknown): string | null {
  if (typeof message !== 'string') return `message is ${typeof message}`;
  if (message.trim().length < 8) return `message too short: ${JSON.stringify(message)}`;
  if (message.length > 600) return `message too long (${message.length} chars)`;
  const hit = INTERNAL.find((re) => re.test(message));
  return hit ? `message looks internal (${hit}): ${message}` : null;
}

/** Why a value is not a valid table, or null when it is. `cellOk` judges each cell. */
export function notATable(value: unknown, cellOk: (cell: unknown) => boolean): string | null {
  if (!Array.isArray(value) || value.length === 0) return 'not a non-empty array';
  if (value.length > MAX_TABLE_ROWS + 1) return `${value.length} rows, over the limit`;
  const width = Array.isArray(value[0]) ? value[0].length : -1;
  if (width < 1) return 'first row is not a non-empty array';
  for (const [i, row] of value.entries()) {
    if (!Array.isArray(row) || row.length !== width) return `row ${i} is ragged`;
    for (const [j, cell] of row.entries()) {
      if (i === 0 && (typeof cell !== 'string' || cell === ''))
        return `header cell ${j} is ${JSON.stringify(cell)}`;
      if (!cellOk(cell)) return `cell [${i}][${j}] is ${String(cell)} (${typeof cell})`;
    }
  }
  return null;
}

/** Excel serials of 1900-03-01 and of the end of 9999-12-31: the dates a cell can show. */
export const FIRST_SERIAL = 61;
export const END_SERIAL = 2958466;
export const FIRST_MS = Date.UTC(1900, 2, 1);
export const END_MS = Date.UTC(10000, 0, 1);

export function isFiniteNumber(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Generous: a call that legitimately computes a month of half-hours takes well under this. */
export const CALL_BUDGET_MS = Number(process.env.FUZZ_CALL_BUDGET_MS ?? 4000);
