// The core speaks Sheets (METER_USAGE); Excel users type METER.USAGE. Text shown in Excel
// (function descriptions, error messages) is translated for every function in the table.
import { EXCEL_NAMESPACE, type FunctionSpec, SHEETS_PREFIX } from '../../shared/functions/spec';

/** METER_METERS() → METER.METERS(), for every function in the list. */
export function excelText(text: string, functions: FunctionSpec[]): string {
  let out = text;
  for (const f of functions)
    out = out.replace(
      new RegExp(`\\b${SHEETS_PREFIX}${f.id}\\b`, 'g'),
      `${EXCEL_NAMESPACE}.${f.id}`,
    );
  return out;
}
