/// <reference types="google-apps-script" />
// The logs kept in a spreadsheet ("Meter › Keep a log…"), in the user's properties: the
// trigger runs as that user, and one spreadsheet's list is one small value (a few logs, not
// a list that grows with every spreadsheet, so the 9 KB a value may hold is never reached).
export type LogSchedule = 'daily' | 'hourly';

export interface LogSpec {
  /** The sheet the log lives in. */
  sheet: string;
  meter: string;
  aggregate: 'none' | 'day';
  recheckDays: number;
  schedule: LogSchedule;
  /** First day of the log, YYYY-MM-DD. */
  since: string;
}

export interface LogBook {
  logs: LogSpec[];
  /** Where the next run starts, when the last one ran out of time before the end. */
  next: number;
  /** The trigger this add-on created for the spreadsheet, or null. */
  triggerId: string | null;
}

/** At most this many logs in one spreadsheet: each run must fit Apps Script's 6 minutes. */
export const MAX_LOGS = 10;

const KEY = 'meter-sheets.logs.';

export function readLogBook(spreadsheetId: string): LogBook {
  const text = PropertiesService.getUserProperties().getProperty(KEY + spreadsheetId);
  if (!text) return { logs: [], next: 0, triggerId: null };
  const book = JSON.parse(text) as LogBook;
  return { logs: book.logs ?? [], next: book.next ?? 0, triggerId: book.triggerId ?? null };
}

export function writeLogBook(spreadsheetId: string, book: LogBook): void {
  const props = PropertiesService.getUserProperties();
  if (book.logs.length === 0 && book.triggerId === null) props.deleteProperty(KEY + spreadsheetId);
  else props.setProperty(KEY + spreadsheetId, JSON.stringify(book));
}
