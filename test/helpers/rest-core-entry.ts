// Entry bundled by the REST providers' platform-free test: the core and its providers with
// a synchronous driver whose fetchAll the test hands in (as Apps Script's UrlFetchApp would).
import { runSync } from '../../shared/flow';
import type { HttpRequest, HttpResponse } from '../../shared/http';
import { runFunction } from '../../shared/functions/run';
import type { Settings } from '../../shared/settings';
import { tableToJson } from '../../shared/table';

export function call(
  id: string,
  args: unknown[],
  now: number,
  settings: Settings,
  fetchAll: (requests: HttpRequest[]) => HttpResponse[],
): unknown {
  return tableToJson(runSync(runFunction(id, args, { settings, clock: () => now }), { fetchAll }));
}
