// Executes a parsed GraphQL document against plain objects, answering only the fields
// asked for, the way a GraphQL server does. It checks what a server checks before running
// anything: required variables, undeclared variables, unknown fields (against the object
// actually returned). Resolvers throw GraphqlFieldError for errors with extensions; the
// field becomes null and the error is listed with its path, next to partial data.
import type { Document, GqlValue, Location, Selection } from './parse';

export { parse, GraphqlSyntaxError } from './parse';
export type { Document } from './parse';

/** An error a resolver raises: the field becomes null and the error is listed. */
export class GraphqlFieldError extends Error {
  readonly extensions: Record<string, unknown>;
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.extensions = extensions;
  }
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
