// The runtime bundles (dist/gas/Code.js, dist/excel-addin/functions.js) without the
// functions' documentation. A FunctionSpec's description, result, examples and parameter
// descriptions are read at build time only: the Sheets JSDoc and Excel's functions.json
// are generated from the specs by builds of their own, and no code in either bundle reads
// the text (the CLI, which prints it in --help, is built without this plugin). Left in,
// it is about 11 KB of every bundle, loaded on each recalculation.
//
// The plugin rewrites each `const X: FunctionSpec = { … }` in shared/functions/*.ts:
// those properties become '' and [] (so the objects keep their shape), and whatever only
// they referenced (shared long texts) is then tree-shaken away.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const TEXT = new Set(['description', 'result']);

function propertyName(p) {
  return ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))
    ? p.name.text
    : null;
}

/** [start, end, replacement] edits that blank the documentation of one spec literal. */
function specEdits(spec, source) {
  const edits = [];
  const blank = (p, text) => edits.push([p.initializer.getStart(source), p.initializer.end, text]);
  for (const p of spec.properties) {
    const name = propertyName(p);
    if (TEXT.has(name)) blank(p, "''");
    else if (name === 'examples') blank(p, '[]');
    else if (name === 'params' && ts.isArrayLiteralExpression(p.initializer))
      for (const param of p.initializer.elements)
        if (ts.isObjectLiteralExpression(param))
          for (const q of param.properties) if (propertyName(q) === 'description') blank(q, "''");
  }
  return edits;
}

/** The source with every FunctionSpec literal's documentation blanked. */
export function withoutSpecDocs(text, file = 'spec.ts') {
  if (!/:\s*FunctionSpec\s*=/.test(text)) return text;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edits = [];
  const visit = (node) => {
    if (
      ts.isVariableDeclaration(node) &&
      node.type &&
      ts.isTypeReferenceNode(node.type) &&
      node.type.typeName.getText(source) === 'FunctionSpec' &&
      node.initializer &&
      ts.isObjectLiteralExpression(node.initializer)
    )
      edits.push(...specEdits(node.initializer, source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = text;
  for (const [start, end, replacement] of edits.sort((a, b) => b[0] - a[0]))
    out = out.slice(0, start) + replacement + out.slice(end);
  return out;
}

export function stripSpecDocs() {
  return {
    name: 'strip-spec-docs',
    setup(build) {
      build.onLoad({ filter: /[\\/]shared[\\/]functions[\\/][^\\/]+\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const out = withoutSpecDocs(text, args.path);
        return out === text ? undefined : { contents: out, loader: 'ts' };
      });
    },
  };
}
