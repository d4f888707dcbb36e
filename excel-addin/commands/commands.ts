/// <reference types="office-js" />
// The ribbon's ExecuteFunction handlers, associated from the same list the manifest's
// buttons are generated from. Import usage and Compare profiles open the task pane on
// their section (they need a period); Refresh forgets every cached answer, makes Excel
// recalculate (so METER formulas fetch afresh) and re-runs every remembered import.
import { RIBBON, type RibbonButton } from '../manifest/ribbon';
import { reportStatus, requestSection } from '../taskpane/navigation';
import { runRefreshImports } from '../taskpane/refresh-report';

async function refresh(): Promise<void> {
  await globalThis.meterSheets?.host().refresh();
  await Excel.run(async (context) => {
    context.workbook.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
  const failed = await runRefreshImports(safeMessage, reportStatus);
  if (failed) {
    // A problem is shown where the user can read it: the task pane, on Import.
    requestSection('import');
    await Office.addin.showAsTaskpane();
  }
}

async function safeMessage(e: unknown): Promise<string> {
  try {
    const host = globalThis.meterSheets?.host();
    if (host) return (await host.describeError(e)).message;
  } catch {
    // fall through: say nothing rather than something unredacted
  }
  return 'an unexpected error (details withheld: they could hold a credential)';
}

async function handle(button: RibbonButton, event: Office.AddinCommands.Event): Promise<void> {
  try {
    if (button.action.kind === 'execute' && button.action.effect === 'refresh') await refresh();
    else if (button.section) {
      requestSection(button.section);
      await Office.addin.showAsTaskpane();
    }
  } catch (e) {
    // Only the redacted message: the raw error (its message, a response it holds, its
    // stack) may quote a credential, and the console is kept by Office's diagnostics.
    console.error(`meter-sheets: ${button.label} failed: ${await safeMessage(e)}`);
  } finally {
    event.completed();
  }
}

export function associateCommands(office: typeof Office): string[] {
  const names: string[] = [];
  for (const button of RIBBON) {
    if (button.action.kind !== 'execute') continue;
    office.actions.associate(button.action.functionName, (event: Office.AddinCommands.Event) =>
      handle(button, event),
    );
    names.push(button.action.functionName);
  }
  return names;
}

const office = (globalThis as { Office?: typeof Office }).Office;
if (office?.onReady)
  void office.onReady((info) => {
    // Only inside Excel: in a plain browser office.js loads but there is no ribbon.
    if (String(info.host) === 'Excel' && office.actions) associateCommands(office);
  });
