// The add-on's entry: what the generated top-level functions call (see scripts/build/codegen/gas.ts).
// Importing this module touches no Apps Script service; only calling its functions does.
export { customFunction } from './functions';
export { onInstall, onOpen, refresh, showCompare, showImport, showLog, showSettings } from './menu';
export { compareProfiles, importUsage, listMeters, saveSettings } from './commands';
export { runLogs, startLog, stopLogs } from './log-commands';
export { carbonMeters } from './carbon-commands';
export { compareTariffs, showCompareTariffs } from './tariff-compare-command';
