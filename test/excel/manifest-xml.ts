// The add-in manifest as a tree to query, for the offline checks. fast-xml-parser's
// validator refuses what is not well-formed (crossed or unclosed tags, unquoted or repeated
// attributes, a bare & in text, text outside the root; it lets a bare & or < inside an
// attribute value through, which the byte-for-byte check against the generator and its
// escaping cover); its parse, kept in document order (the schema fixes the order of
// elements), becomes a tree with parents. Prefixed names such as bt:Image stay as written.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  parent: XmlElement | null;
}

/** One node of the ordered parse: `{ tag: children, ':@': attributes }` or `{ '#text': … }`. */
type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Values stay as written: a version 1.0 is not the number 1.
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function toElements(nodes: OrderedNode[], parent: XmlElement | null): XmlElement[] {
  const elements: XmlElement[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@')!;
    if (name === '#text') {
      if (!parent) throw new Error('text outside the root element');
      parent.text += String(node['#text']);
      continue;
    }
    const el: XmlElement = {
      name,
      attrs: (node[':@'] as Record<string, string> | undefined) ?? {},
      children: [],
      text: '',
      parent,
    };
    el.children = toElements(node[name] as OrderedNode[], el);
    elements.push(el);
  }
  return elements;
}

/** The root element of `source`; throws on XML that a conforming parser would refuse. */
export function parseXml(source: string): XmlElement {
  const verdict = XMLValidator.validate(source);
  if (verdict !== true)
    throw new Error(`not well-formed: ${verdict.err.msg} (line ${verdict.err.line})`);
  // The validator lets a second root element through; a document has exactly one.
  const roots = toElements(parser.parse(source) as OrderedNode[], null);
  if (roots.length !== 1) throw new Error(`${roots.length} root elements, not one`);
  return roots[0];
}

/** Every element in document order. */
export function allElements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(allElements)];
}

export function path(el: XmlElement, ...names: string[]): XmlElement {
  let at = el;
  for (const n of names) {
    const next = at.children.find((c) => c.name === n);
    if (!next) throw new Error(`<${at.name}> has no <${n}>`);
    at = next;
  }
  return at;
}
