// Reading a usage table (METER_USAGE's header and rows) as log rows: where Start, kWh and
// Missing are, and which local day a row belongs to.
import type { CivilDay } from '../time/civil';
import { civilDayAt } from '../time/zone';
import { type Cell, type Table, isDateTimeCell } from '../table';
import type { LogRowFacts } from './plan';

export interface UsageColumns {
  start: number;
  kwh: number;
  missing: number;
}

/** The columns a log needs, or a message naming what the header lacks. */
export function usageColumns(header: readonly unknown[]): UsageColumns | string {
  const at = (name: string) => header.findIndex((h) => h === name);
  const cols = { start: at('Start'), kwh: at('kWh'), missing: at('Missing') };
  const absent = Object.entries(cols)
    .filter(([, i]) => i < 0)
    .map(([k]) => ({ start: 'Start', kwh: 'kWh', missing: 'Missing' })[k]);
  return absent.length > 0 ? `no ${absent.join(', ')} column` : cols;
}

/** A row is complete when it has kWh and no expected interval is missing. */
export function isComplete(kwh: unknown, missing: unknown): boolean {
  return typeof kwh === 'number' && (missing === 0 || missing === '' || missing === null);
}

/** The facts of a table's rows (header excluded), days counted in `zone`. */
export function tableFacts(table: Table, zone: string): LogRowFacts[] {
  const cols = usageColumns(table[0] ?? []);
  if (typeof cols === 'string') throw new Error(`not a usage table: ${cols}`);
  return table.slice(1).map((row) => ({
    day: rowDay(row[cols.start], zone),
    complete: isComplete(row[cols.kwh], row[cols.missing]),
  }));
}

function rowDay(cell: Cell, zone: string): CivilDay {
  if (!isDateTimeCell(cell)) throw new Error('not a usage table: Start is not a date-time');
  return civilDayAt(zone, cell.utc);
}
