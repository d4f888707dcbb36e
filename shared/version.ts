// The release this code is, from package.json: the builds define METER_SHEETS_VERSION, so
// the Sheets sidebar, the Excel task pane and `meter-sheets --version` say the same thing.
declare const METER_SHEETS_VERSION: string | undefined;

export const VERSION: string =
  typeof METER_SHEETS_VERSION === 'string' ? METER_SHEETS_VERSION : 'development';
