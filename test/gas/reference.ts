// What the core itself answers for a call (the oracle for the Sheets host), and how a
// spreadsheet would show both: dates as the wall-clock text they display in the
// spreadsheet's zone, read with Intl, independently of the add-on's time code.
import { type SyncIO, runSync } from '../../shared/flow';
import { runFunction, userError } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import { PROVIDERS, type Provider } from '../../shared/providers';
import type { Settings } from '../../shared/settings';
import { type Table, isDateCell, isDateTimeCell, isoLocal } from '../../shared/table';
import { formatDay } from '../../shared/time/civil';
import { carbonRoutes } from '../mocks/carbon-intensity';
import { type MockHandler, syncMockIO } from '../mocks/mock-http';

export type Outcome = { rows: unknown[][] } | { error: string };

export function coreOutcome(
  id: string,
  args: unknown[],
  options: {
    settings?: Settings;
    providers?: Provider[];
    cellZone: string;
    now: number;
    routes?: Record<string, MockHandler>;
  },
): { outcome: Outcome; table?: Table; requests: number } {
  const env: FunctionEnv = {
    settings: options.settings ?? { providers: {} },
    providers: options.providers ?? PROVIDERS,
    clock: () => options.now,
    cellZone: options.cellZone,
    runtime: 'sheets',
  };
  const io = syncMockIO({ ...carbonRoutes(), ...(options.routes ?? {}) });
  const requests = () => io.record.requests.length;
  try {
    const table = runSync(runFunction(id, args, env as FunctionEnv), io as SyncIO);
    return { outcome: { rows: expectedView(table) }, table, requests: requests() };
  } catch (e) {
    return { outcome: { error: userError(e, env).message }, requests: requests() };
  }
}

/** A core table as a spreadsheet shows it: date-times and days as wall-clock text. */
export function expectedView(table: Table): unknown[][] {
  return table.map((row) =>
    row.map((c) => {
      if (isDateTimeCell(c)) return { shows: isoLocal(c).slice(0, 16) };
      if (isDateCell(c)) return { shows: `${formatDay(c.day)}T00:00` };
      return c === null ? '' : c;
    }),
  );
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time a Date displays in a spreadsheet set to `zone`: yyyy-mm-ddThh:mm. */
export function shownIn(zone: string, date: Date): string {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** What the add-on returned, as the spreadsheet shows it. */
export function sheetsView(values: unknown[][], zone: string): unknown[][] {
  return values.map((row) => row.map((v) => (v instanceof Date ? { shows: shownIn(zone, v) } : v)));
}

/** `=METER_USAGE("2024-01", , "day")` → ['2024-01', undefined, 'day']; null if a cell is referenced. */
export function literalArgs(formula: string): unknown[] | null {
  const m = /^=\s*[A-Z_.]+\((.*)\)\s*$/.exec(formula.trim());
  if (!m) return null;
  const src = m[1];
  const args: unknown[] = [];
  let i = 0;
  const skip = () => {
    while (src[i] === ' ') i++;
  };
  if (src.trim() === '') return [];
  for (;;) {
    skip();
    if (src[i] === '"') {
      let s = '';
      for (i++; i < src.length; i++) {
        if (src[i] === '"' && src[i + 1] === '"') {
          s += '"';
          i++;
        } else if (src[i] === '"') break;
        else s += src[i];
      }
      i++;
      args.push(s);
    } else {
      const t = /^[^,]*/.exec(src.slice(i))![0].trim();
      i += /^[^,]*/.exec(src.slice(i))![0].length;
      if (t === '') args.push(undefined);
      else if (/^-?\d+(\.\d+)?$/.test(t)) args.push(Number(t));
      else if (/^(TRUE|FALSE)$/i.test(t)) args.push(t.toUpperCase() === 'TRUE');
      else return null;
    }
    skip();
    if (i >= src.length) return args;
    if (src[i] !== ',') return null;
    i++;
  }
}
