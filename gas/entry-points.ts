// The Apps Script globals besides the custom functions: triggers, menu commands and the
// server functions the sidebar and dialogs call through google.script.run. Apps Script
// only calls top-level functions, so the build generates one for each entry here; the
// menu and the HTML refer to them by these names, written once.
export interface EntryPoint {
  /** The top-level function's name. Menu items and google.script.run use it. */
  name: string;
  /** The add-on's export it calls (gas/main.ts). */
  target: string;
  params: string[];
  doc: string;
}

export const ENTRY_POINTS: EntryPoint[] = [
  {
    name: 'onOpen',
    target: 'onOpen',
    params: ['e'],
    doc: 'Adds the Meter menu. Runs in any authorisation mode, so it touches nothing else.',
  },
  {
    name: 'onInstall',
    target: 'onInstall',
    params: ['e'],
    doc: 'Adds the Meter menu right after the add-on is installed.',
  },
  {
    name: 'meterShowImport',
    target: 'showImport',
    params: [],
    doc: 'Meter ▸ Import usage…: opens the import dialog.',
  },
  {
    name: 'meterShowCompare',
    target: 'showCompare',
    params: [],
    doc: 'Meter ▸ Compare profiles…: opens the profile comparison dialog.',
  },
  {
    name: 'meterShowSettings',
    target: 'showSettings',
    params: [],
    doc: 'Meter ▸ Settings…: opens the settings sidebar.',
  },
  {
    name: 'meterShowLog',
    target: 'showLog',
    params: [],
    doc: 'Meter ▸ Keep a log…: opens the dialog that starts a log sheet kept up to date by a trigger.',
  },
  {
    name: 'meterStopLogs',
    target: 'stopLogs',
    params: [],
    doc: "Meter ▸ Stop keeping logs: removes this spreadsheet's log trigger (the sheets stay).",
  },
  {
    name: 'meterRunLogs',
    target: 'runLogs',
    params: ['e'],
    doc: "The time-driven trigger: brings this spreadsheet's log sheets up to date.",
  },
  {
    name: 'meterStartLog',
    target: 'startLog',
    params: ['nonce', 'form'],
    doc: 'Log dialog: starts (or changes) a log and fills it for the first time.',
  },
  {
    name: 'meterRefresh',
    target: 'refresh',
    params: [],
    doc: "Meter ▸ Refresh: forgets this user's cached meter data so formulas fetch anew.",
  },
  {
    name: 'meterListMeters',
    target: 'listMeters',
    params: ['nonce'],
    doc: 'Dialogs: the meters to choose from.',
  },
  {
    name: 'meterImport',
    target: 'importUsage',
    params: ['nonce', 'form'],
    doc: 'Import dialog: writes the usage table to a new sheet.',
  },
  {
    name: 'meterCompare',
    target: 'compareProfiles',
    params: ['nonce', 'form'],
    doc: 'Compare dialog: writes the profiles to a new sheet with a line chart.',
  },
  {
    name: 'meterSaveSettings',
    target: 'saveSettings',
    params: ['nonce', 'form'],
    doc: 'Settings sidebar: validates and saves the settings.',
  },
];

/** The global name of an entry point, by its target. */
export function entryName(target: string): string {
  const e = ENTRY_POINTS.find((x) => x.target === target);
  if (!e) throw new Error(`no entry point for ${target}`);
  return e.name;
}
