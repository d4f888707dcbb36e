// Fetching an import's usage table, the same way for the Import form and for Refresh:
// a date range runs month by month (real progress, parallel shards); a named period is
// one request that the core resolves against today in the import's zone.
import type { FunctionHost } from '../functions/host';
import type { Table } from '../../shared/table';
import { joinTables, planChunks, runLimited } from './chunks';
import { rangeLabel } from './defaults';
import { type ImportQuery, isRolling } from './remembered';

const CHUNK_CONCURRENCY = 3;

/** How the import is named in sheet titles and status lines. */
export function queryLabel(q: ImportQuery): string {
  return isRolling(q) ? q.start : rangeLabel(q.start, q.end ?? q.start);
}

/** The number of requests a query goes out as (1 for a named period). */
export function chunkCount(q: ImportQuery): number {
  return isRolling(q) ? 1 : planChunks(q.start, q.end ?? q.start, q.aggregate).length;
}

export async function fetchUsage(
  host: FunctionHost,
  q: ImportQuery,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<Table> {
  const args = (start: string, end: string | null) => [start, end, q.aggregate, q.meter, q.zone];
  if (isRolling(q)) return host.table('USAGE', args(q.start, null));
  const end = q.end ?? q.start;
  const chunks = planChunks(q.start, end, q.aggregate);
  const tables = await runLimited(
    chunks.map((c) => () => host.table('USAGE', args(c.start, c.end))),
    CHUNK_CONCURRENCY,
    onProgress,
  );
  return joinTables(tables) ?? (await host.table('USAGE', args(q.start, end)));
}
