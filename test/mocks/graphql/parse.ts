// A GraphQL document parser for provider mocks: operations, variable definitions,
// aliases, arguments of every literal kind, inline and named fragments. Enough to read
// what real clients send, with GraphQL's own syntax errors for anything else.
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
