// Long imports run month by month so the task pane can show real progress. Only aggregates
// whose rows never cross a month boundary are split (native intervals, hours, days,
// months: every bucket lies within one local day or month); weeks and profiles span the
// whole period and run as one request. Concatenating the months' rows gives exactly the
// rows of the whole period.
export interface Chunk {
  /** Inclusive local days, `yyyy-mm-dd`. */
  start: string;
  end: string;
}

const SPLITTABLE = new Set(['none', 'hour', 'day', 'month']);

function parse(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function planChunks(start: string, end: string, aggregate: string): Chunk[] {
  if (!SPLITTABLE.has(aggregate)) return [{ start, end }];
  const last = parse(end);
  const chunks: Chunk[] = [];
  let from = parse(start);
  while (from <= last) {
    const monthEnd = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 0));
    const to = monthEnd < last ? monthEnd : last;
    chunks.push({ start: format(from), end: format(to) });
    from = new Date(to.getTime() + 86_400_000);
  }
  return chunks.length > 0 ? chunks : [{ start, end }];
}

/** Runs tasks with at most `limit` in flight, reporting each completion. Results in order. */
export async function runLimited<T>(
  tasks: (() => Promise<T>)[],
  limit: number,
  onDone: (done: number, total: number) => void,
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
      onDone(++done, tasks.length);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Month tables joined under one header; null if the months disagree on their columns. */
export function joinTables<R>(tables: R[][]): R[] | null {
  if (tables.length === 0) return null;
  const header = JSON.stringify(tables[0][0]);
  if (tables.some((t) => JSON.stringify(t[0]) !== header)) return null;
  return [tables[0][0], ...tables.flatMap((t) => t.slice(1))];
}
