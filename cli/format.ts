// Printing a function's table: json is the exact 2-D array (date-times as ISO 8601 with
// offset), csv is RFC 4180 with full precision, table is aligned for reading.
import { type Table, plainCell } from '../shared/table';

export const FORMATS = ['table', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];

function csvField(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function displayNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toFixed(6)));
}

export function formatTable(table: Table, format: Format): string {
  const plain = table.map((row) => row.map(plainCell));
  if (format === 'json') return JSON.stringify(plain) + '\n';
  if (format === 'csv')
    return plain.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
  const text = plain.map((row) =>
    row.map((c) => (c === null ? '' : typeof c === 'number' ? displayNumber(c) : String(c))),
  );
  const widths: number[] = [];
  for (const row of text) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const numeric = (i: number) => plain.slice(1).some((r) => typeof r[i] === 'number');
  return (
    text
      .map((row, r) =>
        row
          .map((c, i) => (r > 0 && numeric(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
