// Entry bundled by the platform-free test: the core, with nothing but a synchronous
// driver, exposed as one global the way the Apps Script bundle exposes its functions.
import { runSync } from '../../shared/flow';
import { runFunction } from '../../shared/functions/run';
import { tableToJson } from '../../shared/table';

export function call(id: string, args: unknown[], now: number): unknown {
  const env = { settings: { providers: {} }, clock: () => now };
  return tableToJson(runSync(runFunction(id, args, env), { fetchAll: () => [] }));
}
