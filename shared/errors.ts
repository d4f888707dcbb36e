// One error type for everything a user can be told. `kind` decides how a host shows it:
// an argument problem is #VALUE! in Excel, the rest #N/A; the CLI exits 2 for arguments.

export type ErrorKind =
  | 'argument' // a function argument or CLI flag is not acceptable
  | 'config' // settings are missing or malformed
  | 'auth' // credentials refused or expired beyond recovery
  | 'not-found' // no such meter / account / device
  | 'no-data' // the request is valid but there is nothing to show
  | 'rate-limit' // the provider asks us to slow down
  | 'provider' // the provider answered with an error or something unreadable
  | 'unavailable' // the provider could not be reached, or not within the time budget
  | 'unsupported'; // this provider cannot do that (e.g. ranges the API has no way to ask for)

export class MeterError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.kind = kind;
    this.name = 'MeterError';
  }
}

/** A bad argument: the message names the argument and says what is accepted. */
export function argumentError(name: string, expected: string, got?: unknown): MeterError {
  const shown = got === undefined ? '' : `, got ${describeValue(got)}`;
  return new MeterError('argument', `${name}: expected ${expected}${shown}`);
}

/** A short, safe rendering of a user's value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Object.prototype.toString.call(value) === '[object Date]') return 'a date';
  if (Array.isArray(value)) return 'a range of cells';
  return 'a value of type ' + typeof value;
}

export function isMeterError(e: unknown): e is MeterError {
  return (
    e instanceof MeterError ||
    (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'MeterError')
  );
}
