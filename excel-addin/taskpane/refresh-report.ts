/// <reference types="office-js" />
// Refreshing remembered imports and saying how it went, for the ribbon's Refresh and for
// a workbook opened with refresh-on-open: the same run, the same status line.
import type { StatusReport } from './navigation';
import { describeOutcome, refreshImports, refreshSupported } from './refresh-imports';
import { REFRESH_API } from './remembered';

/** Runs the refresh and reports it; true when something was left as it was. */
export async function runRefreshImports(
  describe: (e: unknown) => Promise<string>,
  report: (r: StatusReport) => void,
): Promise<boolean> {
  const host = globalThis.meterSheets?.host();
  if (!host) return false;
  if (!refreshSupported((globalThis as { Office?: typeof Office }).Office)) {
    report({
      text: `Imports can be refreshed in Excel with ExcelApi ${REFRESH_API} (Microsoft 365, Excel 2021 or later); this Excel has not got it.`,
      kind: 'error',
    });
    return true;
  }
  report({ text: 'Refreshing imports…', kind: 'info' });
  let outcome;
  try {
    outcome = await refreshImports(host, describe);
  } catch (e) {
    // The workbook changed under the refresh (a sheet renamed or deleted meanwhile).
    report({ text: `Refreshing imports failed: ${await describe(e)}`, kind: 'error' });
    return true;
  }
  const failed = outcome.failed.length > 0;
  report({ text: describeOutcome(outcome), kind: failed ? 'error' : 'info' });
  return failed;
}
