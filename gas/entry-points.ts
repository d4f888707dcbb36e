// The Apps Script globals besides the custom functions: triggers, menu commands and the
// server functions the sidebar and dialogs call through google.script.run. Apps Script
// only calls top-level functions, so the build generates one for each entry here; the
// menu and the HTML refer to them by these names, written once. Only the build reads this
// list (scripts/build/codegen/gas.ts); the bundle gets just the names by target.
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
    name: 'meterShowCompareTariffs',
    target: 'showCompareTariffs',
    params: [],
    doc: 'Meter ▸ Compare tariffs…: opens the tariff comparison dialog.',
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
    name: 'meterCompareTariffs',
    target: 'compareTariffs',
    params: ['nonce', 'form'],
    doc: 'Compare tariffs dialog: writes the comparison to a new sheet with a bar chart of cost per tariff.',
  },
  {
    name: 'meterSaveSettings',
    target: 'saveSettings',
    params: ['nonce', 'form'],
    doc: 'Settings sidebar: validates and saves the settings.',
  },
  {
    name: 'meterCarbonMeters',
    target: 'carbonMeters',
    params: ['nonce'],
    doc: "Settings sidebar: the meters for the Carbon section's per-meter choices.",
  },
];

/** Each entry point's global name by its target: what the bundle's menu and panels use. */
export function entryNames(): Record<string, string> {
  return Object.fromEntries(ENTRY_POINTS.map((e) => [e.target, e.name]));
}
