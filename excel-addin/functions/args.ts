// Arguments as Excel passes them, made into what the core expects. Excel desktop passes a
// reference to an empty cell as 0 (Excel on the web as null), so for date-like arguments
// (`any`: dates, periods) and inside ranges a 0 means "empty": serial 0 is 1900-01-00,
// never a date anyone means, and the core refuses serials below 61 anyway.
import type { ParamSpec } from '../../shared/functions/spec';

function blankZero(value: unknown): unknown {
  return value === 0 ? null : value;
}

function normaliseRange(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseRange);
  return blankZero(value);
}

export function normaliseArgs(params: ParamSpec[], args: unknown[]): unknown[] {
  return params.map((p, i) => {
    const v = args[i];
    if (v === undefined) return null;
    if (Array.isArray(v)) return normaliseRange(v);
    return p.type === 'any' || p.matrix ? blankZero(v) : v;
  });
}
