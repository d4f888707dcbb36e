// What both host code generators (codegen/gas.ts, codegen/excel.ts) write the same way: a
// name that must be a JavaScript identifier, and JSDoc text that must stay one line of
// one comment. Sheets reads the JSDoc for autocomplete, custom-functions-metadata for
// functions.json; a stray `*/` or `@` in a description would break either.

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with yield let static implements interface package private ' +
    'protected public await arguments eval'
  ).split(' '),
);

/** `name`, if it can be a JavaScript function or parameter name (and is not in `taken`). */
export function identifier(name: string, what: string, taken: string[] = []): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(name) || RESERVED.has(name) || taken.includes(name))
    throw new Error(`${what}: "${name}" cannot be a JavaScript parameter or function name`);
  return name;
}

/** One line of JSDoc text: no comment terminator, no line breaks, no tag openers. */
export function docLine(text: string): string {
  if (/(^|\s)@\w/.test(text)) throw new Error(`JSDoc text may not start a tag: ${text}`);
  return text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim();
}
