// What a core table becomes in Excel cells. Excel has no date type: a date is a serial
// number that only looks like a date when the cell has a date format. Where the host
// supports number values carrying their own format (ExcelApi 1.16 FormattedNumber, 1.19
// Double with numberFormat) AND lets a custom function return such data types
// (CustomFunctionsRuntime 1.4), dates arrive already formatted; elsewhere they are plain
// serials. Empty cells are "" because Excel shows a null inside an array as 0, and
// missing data must never read as zero.
import {
  type Cell,
  type DateCell,
  type DateTimeCell,
  excelSerial,
  isDateCell,
  isDateTimeCell,
  wallMs,
} from '../../shared/table';
import type { Table } from '../../shared/table';

/** How dates are written: formatted number values where supported, else bare serials. */
export type DateStyle = 'double' | 'formatted-number' | 'serial';

export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
export const DATE_TIME_SECONDS_FORMAT = 'yyyy-mm-dd hh:mm:ss';

export interface FormattedNumberValue {
  type: 'Double' | 'FormattedNumber';
  basicValue: number;
  numberFormat: string;
}

export type ExcelCell = string | number | boolean | FormattedNumberValue;

/** The number format that shows this date cell as the wall-clock time it stands for. */
export function dateFormatOf(cell: DateTimeCell | DateCell): string {
  if (isDateCell(cell)) return DATE_FORMAT;
  return wallMs(cell) % 60_000 === 0 ? DATE_TIME_FORMAT : DATE_TIME_SECONDS_FORMAT;
}

export function toExcelCell(cell: Cell, style: DateStyle): ExcelCell {
  if (cell === null) return '';
  if (isDateTimeCell(cell) || isDateCell(cell)) {
    const serial = excelSerial(cell);
    if (style === 'serial') return serial;
    return {
      type: style === 'double' ? 'Double' : 'FormattedNumber',
      basicValue: serial,
      numberFormat: dateFormatOf(cell),
    };
  }
  return cell;
}

export function toExcelCells(table: Table, style: DateStyle): ExcelCell[][] {
  return table.map((row) => row.map((c) => toExcelCell(c, style)));
}

interface RequirementsLike {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/**
 * Returning data types from a custom function: Microsoft lists CustomFunctionsRuntime 1.4
 * as not supported on retail or volume-licensed perpetual Excel for Windows, although
 * Excel 2021/2024 have ExcelApi 1.16. There a formatted number would not reach the cell.
 */
export const DATA_TYPES_RUNTIME = { name: 'CustomFunctionsRuntime', version: '1.4' } as const;

/**
 * The best date style this Excel supports. Asked of Office.context.requirements, which
 * exists once Office has initialised; before that (or outside Office) dates are serials.
 */
export function detectDateStyle(requirements: RequirementsLike | undefined | null): DateStyle {
  try {
    if (!requirements?.isSetSupported(DATA_TYPES_RUNTIME.name, DATA_TYPES_RUNTIME.version))
      return 'serial';
    if (requirements.isSetSupported('ExcelApi', '1.19')) return 'double';
    if (requirements.isSetSupported('ExcelApi', '1.16')) return 'formatted-number';
  } catch {
    // Some hosts throw for unknown sets: fall through to plain serials.
  }
  return 'serial';
}
