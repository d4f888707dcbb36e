// A small GraphQL engine for provider mocks: it parses real query documents (operations,
// variable definitions, aliases, arguments of every literal kind, inline fragments and
// named fragments) and executes them against plain objects, answering only the fields
// asked for, the way a GraphQL server does. It checks what a server checks before running
// anything: required variables, undeclared variables, unknown fields (against the object
// actually returned). Resolvers throw GraphqlFieldError for errors with extensions; the
// field becomes null and the error is listed with its path, next to partial data.

export type GqlValue =
  | { kind: 'var'; name: string }
  | { kind: 'int' | 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'enum'; value: string }
  | { kind: 'list'; items: GqlValue[] }
  | { kind: 'object'; fields: Record<string, GqlValue> };

export interface Location {
  line: number;
  column: number;
}

export type Selection =
  | {
      kind: 'field';
      alias?: string;
      name: string;
      args: Record<string, GqlValue>;
      selections?: Selection[];
      loc: Location;
    }
  | { kind: 'inline'; typeCondition?: string; selections: Selection[] }
  | { kind: 'spread'; name: string };

export interface VariableDefinition {
  name: string;
  type: string;
  nonNull: boolean;
  defaultValue?: GqlValue;
}

export interface Operation {
  type: 'query' | 'mutation';
  name?: string;
  variables: VariableDefinition[];
  selections: Selection[];
}

export interface Document {
  operations: Operation[];
  fragments: Record<string, { typeCondition: string; selections: Selection[] }>;
}

export class GraphqlSyntaxError extends Error {
  readonly loc: Location;
  constructor(message: string, loc: Location) {
    super(message);
    this.loc = loc;
  }
}

/** An error a resolver raises: the field becomes null and the error is listed. */
export class GraphqlFieldError extends Error {
  readonly extensions: Record<string, unknown>;
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.extensions = extensions;
  }
}

type Token =
  | { t: 'punct'; v: string; loc: Location }
  | { t: 'name'; v: string; loc: Location }
  | { t: 'int' | 'float'; v: string; loc: Location }
  | { t: 'string'; v: string; loc: Location }
  | { t: 'eof'; v: ''; loc: Location };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const loc = (): Location => ({ line, column: i - lineStart + 1 });
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === ',' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (src.startsWith('...', i)) {
      out.push({ t: 'punct', v: '...', loc: loc() });
      i += 3;
      continue;
    }
    if ('!$():=@[]{}|&'.includes(c)) {
      out.push({ t: 'punct', v: c, loc: loc() });
      i++;
      continue;
    }
    if (/[_A-Za-z]/.test(c)) {
      const m = /^[_A-Za-z][_0-9A-Za-z]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'name', v: m[0], loc: loc() });
      i += m[0].length;
      continue;
    }
    if (/[-0-9]/.test(c)) {
      const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i));
      if (!m) throw new GraphqlSyntaxError(`Syntax Error: Invalid number.`, loc());
      out.push({ t: m[2] || m[3] ? 'float' : 'int', v: m[0], loc: loc() });
      i += m[0].length;
      continue;
    }
    if (c === '"') {
      const start = loc();
      if (src.startsWith('"""', i)) {
        const end = src.indexOf('"""', i + 3);
        if (end < 0) throw new GraphqlSyntaxError('Syntax Error: Unterminated string.', start);
        out.push({ t: 'string', v: src.slice(i + 3, end), loc: start });
        i = end + 3;
        continue;
      }
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\n')
          throw new GraphqlSyntaxError('Syntax Error: Unterminated string.', start);
        if (src[j] === '\\') {
          const e = src[j + 1];
          if (e === 'u') {
            s += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          s += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
          j += 2;
          continue;
        }
        s += src[j++];
      }
      if (j >= src.length)
        throw new GraphqlSyntaxError('Syntax Error: Unterminated string.', start);
      out.push({ t: 'string', v: s, loc: start });
      i = j + 1;
      continue;
    }
    throw new GraphqlSyntaxError(`Syntax Error: Unexpected character: "${c}".`, loc());
  }
  out.push({ t: 'eof', v: '', loc: loc() });
  return out;
}

export function parse(src: string): Document {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const next = () => toks[p++];
  const fail = (tok: Token): never => {
    throw new GraphqlSyntaxError(
      `Syntax Error: Unexpected ${tok.t === 'eof' ? '<EOF>' : `"${tok.v}"`}.`,
      tok.loc,
    );
  };
  const expect = (v: string) => {
    const tok = next();
    if (tok.t !== 'punct' || tok.v !== v) fail(tok);
  };
  const isPunct = (v: string) => peek().t === 'punct' && peek().v === v;
  const name = (): string => {
    const tok = next();
    if (tok.t !== 'name') fail(tok);
    return tok.v;
  };

  const value = (constant: boolean): GqlValue => {
    const tok = peek();
    if (tok.t === 'punct' && tok.v === '$' && !constant) {
      next();
      return { kind: 'var', name: name() };
    }
    if (tok.t === 'int') return (next(), { kind: 'int', value: Number(tok.v) });
    if (tok.t === 'float') return (next(), { kind: 'float', value: Number(tok.v) });
    if (tok.t === 'string') return (next(), { kind: 'string', value: tok.v });
    if (tok.t === 'name') {
      next();
      if (tok.v === 'true' || tok.v === 'false')
        return { kind: 'boolean', value: tok.v === 'true' };
      if (tok.v === 'null') return { kind: 'null' };
      return { kind: 'enum', value: tok.v };
    }
    if (tok.t === 'punct' && tok.v === '[') {
      next();
      const items: GqlValue[] = [];
      while (!isPunct(']')) items.push(value(constant));
      next();
      return { kind: 'list', items };
    }
    if (tok.t === 'punct' && tok.v === '{') {
      next();
      const fields: Record<string, GqlValue> = {};
      while (!isPunct('}')) {
        const n = name();
        expect(':');
        fields[n] = value(constant);
      }
      next();
      return { kind: 'object', fields };
    }
    return fail(tok);
  };

  const directives = () => {
    if (isPunct('@')) fail(peek()); // not used by any provider; refuse rather than ignore
  };

  const typeRef = (): { type: string; nonNull: boolean } => {
    let type: string;
    if (isPunct('[')) {
      next();
      const inner = typeRef();
      expect(']');
      type = `[${inner.type}${inner.nonNull ? '!' : ''}]`;
    } else type = name();
    const nonNull = isPunct('!');
    if (nonNull) next();
    return { type, nonNull };
  };

  const selectionSet = (): Selection[] => {
    expect('{');
    const out: Selection[] = [];
    while (!isPunct('}')) {
      if (isPunct('...')) {
        next();
        if (peek().t === 'name' && peek().v === 'on') {
          next();
          const typeCondition = name();
          directives();
          out.push({ kind: 'inline', typeCondition, selections: selectionSet() });
        } else if (peek().t === 'name') {
          const n = name();
          directives();
          out.push({ kind: 'spread', name: n });
        } else {
          directives();
          out.push({ kind: 'inline', selections: selectionSet() });
        }
        continue;
      }
      const loc = peek().loc;
      let fieldName = name();
      let alias: string | undefined;
      if (isPunct(':')) {
        next();
        alias = fieldName;
        fieldName = name();
      }
      const args: Record<string, GqlValue> = {};
      if (isPunct('(')) {
        next();
        while (!isPunct(')')) {
          const n = name();
          expect(':');
          args[n] = value(false);
        }
        next();
      }
      directives();
      const field: Selection = { kind: 'field', alias, name: fieldName, args, loc };
      if (isPunct('{')) field.selections = selectionSet();
      out.push(field);
    }
    next();
    return out;
  };

  const doc: Document = { operations: [], fragments: {} };
  while (peek().t !== 'eof') {
    const tok = peek();
    if (tok.t === 'punct' && tok.v === '{') {
      doc.operations.push({ type: 'query', variables: [], selections: selectionSet() });
      continue;
    }
    if (tok.t !== 'name') fail(tok);
    if (tok.v === 'fragment') {
      next();
      const n = name();
      if (name() !== 'on') fail(toks[p - 1]);
      const typeCondition = name();
      doc.fragments[n] = { typeCondition, selections: selectionSet() };
      continue;
    }
    if (tok.v !== 'query' && tok.v !== 'mutation') fail(tok);
    next();
    const op: Operation = { type: tok.v as 'query' | 'mutation', variables: [], selections: [] };
    if (peek().t === 'name') op.name = name();
    if (isPunct('(')) {
      next();
      while (!isPunct(')')) {
        expect('$');
        const n = name();
        expect(':');
        const t = typeRef();
        const def: VariableDefinition = { name: n, type: t.type, nonNull: t.nonNull };
        if (isPunct('=')) {
          next();
          def.defaultValue = value(true);
        }
        op.variables.push(def);
      }
      next();
    }
    directives();
    op.selections = selectionSet();
    doc.operations.push(op);
  }
  if (doc.operations.length === 0) fail(peek());
  return doc;
}

export interface GraphqlErrorOut {
  message: string;
  locations?: Location[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface ExecutionResult {
  data?: Record<string, unknown> | null;
  errors?: GraphqlErrorOut[];
}

/** A resolved object: `__typename`, fields as values or as (args) => value. */
export type GqlObject = { __typename: string; __implements?: string[] } & Record<string, unknown>;

/**
 * Runs one operation. `roots` are the Query and Mutation objects; a field's function gets
 * its arguments with variables substituted (absent optional arguments are left out).
 */
export function execute(
  doc: Document,
  roots: { query: GqlObject; mutation: GqlObject },
  variables: Record<string, unknown> = {},
  operationName?: string,
): ExecutionResult {
  const ops = operationName
    ? doc.operations.filter((o) => o.name === operationName)
    : doc.operations;
  if (ops.length !== 1)
    return {
      errors: [
        {
          message: operationName
            ? `Unknown operation named '${operationName}'.`
            : 'Must provide operation name if query contains multiple operations.',
        },
      ],
    };
  const op = ops[0];
  const vars: Record<string, unknown> = {};
  const problems: GraphqlErrorOut[] = [];
  for (const def of op.variables) {
    const given = variables[def.name];
    if (given === undefined || given === null) {
      if (def.defaultValue) vars[def.name] = literal(def.defaultValue, {});
      else if (def.nonNull)
        problems.push({
          message: `Variable '$${def.name}' of required type '${def.type}!' was not provided.`,
        });
      else if (given === null) vars[def.name] = null;
    } else vars[def.name] = given;
  }
  if (problems.length) return { errors: problems };

  const declared = new Set(op.variables.map((v) => v.name));
  const errors: GraphqlErrorOut[] = [];
  let invalid = false;

  const resolveArgs = (args: Record<string, GqlValue>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) {
      if (v.kind === 'var') {
        if (!declared.has(v.name)) {
          invalid = true;
          errors.push({ message: `Variable '$${v.name}' is not defined.` });
          continue;
        }
        if (v.name in vars) out[k] = vars[v.name];
        continue;
      }
      out[k] = literal(v, vars);
    }
    return out;
  };

  const collect = (obj: GqlObject, selections: Selection[], into: Selection[]): void => {
    for (const s of selections) {
      if (s.kind === 'field') into.push(s);
      else if (s.kind === 'inline') {
        if (!s.typeCondition || matches(obj, s.typeCondition)) collect(obj, s.selections, into);
      } else {
        const f = doc.fragments[s.name];
        if (!f) {
          invalid = true;
          errors.push({ message: `Unknown fragment '${s.name}'.` });
        } else if (matches(obj, f.typeCondition)) collect(obj, f.selections, into);
      }
    }
  };

  // The fields a selection set asks of an object of one type: worked out once per request,
  // not once per object (a page of measurements is a thousand objects of one type).
  const fieldLists = new Map<Selection[], Map<string, (Selection & { kind: 'field' })[]>>();
  const fieldsOf = (obj: GqlObject, selections: Selection[]) => {
    let byType = fieldLists.get(selections);
    if (!byType) fieldLists.set(selections, (byType = new Map()));
    // A type name means one shape (and one set of interfaces) in a mock.
    const key = obj.__typename;
    let fields = byType.get(key);
    if (!fields) {
      fields = [];
      collect(obj, selections, fields as Selection[]);
      byType.set(key, fields);
    }
    return fields;
  };

  const complete = (value: unknown, field: Selection & { kind: 'field' }, path: Path): unknown => {
    if (value === null || value === undefined) return null;
    if (Array.isArray(value)) {
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i++)
        out[i] = complete(value[i], field, { parent: path, key: i });
      return out;
    }
    if (field.selections) {
      if (typeof value !== 'object') {
        invalid = true;
        errors.push({
          message: `Field '${field.name}' must not have a selection since its type has no subfields.`,
          locations: [field.loc],
        });
        return null;
      }
      return selectObject(value as GqlObject, field.selections, path);
    }
    if (typeof value === 'object' && !(value instanceof Date)) {
      if ((value as GqlObject).__typename && !(value as { __scalar?: boolean }).__scalar) {
        invalid = true;
        errors.push({
          message: `Field '${field.name}' of type '${(value as GqlObject).__typename}' must have a selection of subfields.`,
          locations: [field.loc],
        });
        return null;
      }
      const { __scalar: _s, ...rest } = value as Record<string, unknown>;
      return rest; // a JSON scalar (GenericScalar)
    }
    return value;
  };

  const selectObject = (obj: GqlObject, selections: Selection[], path: Path) => {
    const fields = fieldsOf(obj, selections);
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const key = f.alias ?? f.name;
      if (f.name === '__typename') {
        out[key] = obj.__typename;
        continue;
      }
      if (!(f.name in obj)) {
        invalid = true;
        errors.push({
          message: `Cannot query field '${f.name}' on type '${obj.__typename}'.`,
          locations: [f.loc],
        });
        continue;
      }
      const fieldPath: Path = { parent: path, key };
      try {
        const raw = obj[f.name];
        const value = typeof raw === 'function' ? raw(resolveArgs(f.args)) : raw;
        out[key] = complete(value, f, fieldPath);
      } catch (e) {
        if (!(e instanceof GraphqlFieldError)) throw e;
        out[key] = null;
        errors.push({
          message: e.message,
          locations: [f.loc],
          path: pathArray(fieldPath),
          extensions: e.extensions,
        });
      }
    }
    return out;
  };

  const data = selectObject(
    op.type === 'query' ? roots.query : roots.mutation,
    op.selections,
    null,
  );
  if (invalid) return { errors: errors.filter((e) => !e.path) };
  return errors.length ? { data, errors } : { data };
}

/** A response path as a linked list: built for free, turned into an array only for errors. */
type Path = { parent: Path; key: string | number } | null;

function pathArray(p: Path): (string | number)[] {
  const out: (string | number)[] = [];
  for (let q = p; q; q = q.parent) out.unshift(q.key);
  return out;
}

function matches(obj: GqlObject, typeName: string): boolean {
  return obj.__typename === typeName || (obj.__implements ?? []).includes(typeName);
}

function literal(v: GqlValue, vars: Record<string, unknown>): unknown {
  switch (v.kind) {
    case 'var':
      return vars[v.name];
    case 'int':
    case 'float':
    case 'string':
    case 'boolean':
    case 'enum':
      return v.value;
    case 'null':
      return null;
    case 'list':
      return v.items.map((x) => literal(x, vars));
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v.fields)) o[k] = literal(x, vars);
      return o;
    }
  }
}

/** A JSON value returned as a scalar (Kraken's GenericScalar `payload`), not an object type. */
export function jsonScalar<T extends object>(value: T): T {
  return { ...value, __scalar: true };
}
