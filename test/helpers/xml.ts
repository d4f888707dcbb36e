// A small, strict XML parser for checking the add-in manifest offline: it refuses what a
// conforming parser refuses (unbalanced or crossed tags, unquoted or duplicate attributes,
// bare & or <, text outside the root) and returns a tree to query. No DTDs, no namespaces
// resolution beyond keeping prefixed names as written.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  parent: XmlElement | null;
}

const NAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, where: number): string {
  return text.replace(/&([^;]*);|&/g, (m, name: string | undefined) => {
    if (name === undefined) throw new Error(`bare & at ${where}`);
    if (name in ENTITIES) return ENTITIES[name];
    const num = /^#(x[0-9a-fA-F]+|\d+)$/.exec(name);
    if (num)
      return String.fromCodePoint(parseInt(num[1].replace('x', ''), num[1][0] === 'x' ? 16 : 10));
    throw new Error(`unknown entity &${name}; at ${where}`);
  });
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  if (source.startsWith('\ufeff')) i = 1;
  const doc: XmlElement = { name: '#document', attrs: {}, children: [], text: '', parent: null };
  let current = doc;
  let root: XmlElement | null = null;
  while (i < source.length) {
    if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i);
      if (end < 0) throw new Error(`unterminated processing instruction at ${i}`);
      if (source.slice(i, i + 5) === '<?xml' && i > 1)
        throw new Error('XML declaration not at the start');
      i = end + 2;
    } else if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end < 0) throw new Error(`unterminated comment at ${i}`);
      if (source.slice(i + 4, end).includes('--')) throw new Error(`"--" inside a comment at ${i}`);
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i);
      if (end < 0 || current === doc) throw new Error(`misplaced CDATA at ${i}`);
      current.text += source.slice(i + 9, end);
      i = end + 3;
    } else if (source.startsWith('<!', i)) {
      throw new Error(`DTDs are not expected in a manifest (at ${i})`);
    } else if (source.startsWith('</', i)) {
      const m = NAME.exec(source.slice(i + 2));
      if (!m) throw new Error(`bad end tag at ${i}`);
      if (m[0] !== current.name) throw new Error(`</${m[0]}> closes <${current.name}> at ${i}`);
      i += 2 + m[0].length;
      while (/\s/.test(source[i])) i++;
      if (source[i] !== '>') throw new Error(`bad end tag at ${i}`);
      i++;
      current = current.parent as XmlElement;
    } else if (source[i] === '<') {
      const m = NAME.exec(source.slice(i + 1));
      if (!m) throw new Error(`bad start tag at ${i}`);
      if (current === doc && root) throw new Error(`second root element <${m[0]}> at ${i}`);
      const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '', parent: current };
      i += 1 + m[0].length;
      for (;;) {
        const ws = /^\s*/.exec(source.slice(i))![0].length;
        i += ws;
        if (source.startsWith('/>', i)) {
          i += 2;
          current.children.push(el);
          break;
        }
        if (source[i] === '>') {
          i++;
          current.children.push(el);
          current = el;
          break;
        }
        if (ws === 0) throw new Error(`attributes must be separated by space at ${i}`);
        const a = NAME.exec(source.slice(i));
        if (!a) throw new Error(`bad attribute at ${i} in <${el.name}>`);
        i += a[0].length;
        const eq = /^\s*=\s*(["'])/.exec(source.slice(i));
        if (!eq) throw new Error(`attribute ${a[0]} without a quoted value at ${i}`);
        i += eq[0].length;
        const close = source.indexOf(eq[1], i);
        const raw = source.slice(i, close);
        if (close < 0 || raw.includes('<')) throw new Error(`bad value of ${a[0]} at ${i}`);
        if (a[0] in el.attrs) throw new Error(`duplicate attribute ${a[0]} at ${i}`);
        el.attrs[a[0]] = decode(raw, i);
        i = close + 1;
      }
      if (el.parent === doc) root = el;
    } else {
      const next = source.indexOf('<', i);
      const text = source.slice(i, next < 0 ? source.length : next);
      if (current === doc) {
        if (text.trim()) throw new Error(`text outside the root element at ${i}`);
      } else {
        if (text.includes('>') && text.includes(']]>')) throw new Error(`]]> in text at ${i}`);
        current.text += decode(text, i);
      }
      i = next < 0 ? source.length : next;
    }
  }
  if (current !== doc) throw new Error(`<${current.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element in document order. */
export function allElements(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(allElements)];
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function path(el: XmlElement, ...names: string[]): XmlElement {
  let at = el;
  for (const n of names) {
    const next = child(at, n);
    if (!next) throw new Error(`<${at.name}> has no <${n}>`);
    at = next;
  }
  return at;
}
