// Kraken's GraphQL, executed by graphql-js: every document is parsed and validated against
// the schema (schema-sdl.ts) before anything runs, exactly as a GraphQL server does, so a
// query Kraken would reject (an unknown field, a missing required variable, a wrong enum)
// fails here too. Resolvers are the mock household's plain objects: a field is a value or a
// function of its arguments (graphql-js's default resolver calls it with them), and an
// abstract type is resolved by the object's `__typename`.
import {
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  buildSchema,
  execute,
  getOperationAST,
  parse,
  validate,
} from 'graphql';
import { KRAKEN_SDL } from './schema-sdl';

/** "current": today's Octopus Kraken; "2024": without the fields added since (see the SDL). */
export type SchemaVariant = 'current' | '2024';

const built = new Map<SchemaVariant, GraphQLSchema>();

export function krakenSchema(variant: SchemaVariant): GraphQLSchema {
  let schema = built.get(variant);
  if (!schema) {
    const sdl =
      variant === 'current'
        ? KRAKEN_SDL
        : KRAKEN_SDL.split('\n')
            .filter((line) => !line.includes('# since 2025'))
            .join('\n');
    schema = buildSchema(sdl);
    built.set(variant, schema);
  }
  return schema;
}

export type Parsed = { document: DocumentNode } | { syntaxError: GraphQLError };

export function parseDocument(query: string): Parsed {
  try {
    return { document: parse(query) };
  } catch (e) {
    if (e instanceof GraphQLError) return { syntaxError: e };
    throw e;
  }
}

/** The root fields the chosen operation asks for, e.g. ['account'] (for call logs and limits). */
export function rootFields(document: DocumentNode, operationName?: string): string[] {
  const op = getOperationAST(document, operationName);
  if (!op) return [];
  return op.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}

/** Validates, then runs; a document that fails validation gets its errors and no data. */
export function run(
  schema: GraphQLSchema,
  document: DocumentNode,
  roots: { query: unknown; mutation: unknown },
  variables: Record<string, unknown>,
  operationName?: string,
): ExecutionResult {
  const invalid = validate(schema, document);
  if (invalid.length > 0) return { errors: invalid };
  const op = getOperationAST(document, operationName);
  const result = execute({
    schema,
    document,
    rootValue: op?.operation === 'mutation' ? roots.mutation : roots.query,
    variableValues: variables,
    operationName,
  });
  if (result instanceof Promise) throw new Error('the Kraken mock resolves synchronously');
  return result;
}

/** An error a resolver raises: the field becomes null, the error is listed with extensions. */
export class GraphqlFieldError extends Error {
  readonly extensions: Record<string, unknown>;
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.extensions = extensions;
  }
}
