// The documentation's links, checked the way GitHub renders them: README.md, SECURITY.md and
// every page under docs/ link to files that exist and to headings those files have.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface Heading {
  anchor: string;
  heading: string;
  /** The nearest heading of level 1 or 2 above (or the heading itself). */
  parent: string;
}

/** GitHub's anchors for a Markdown document's headings (duplicates get -1, -2, …). */
export function anchors(markdown: string): Heading[] {
  const seen = new Map<string, number>();
  let parent = '';
  const out: Heading[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = fenced ? null : /^(#{1,6}) (.+)$/.exec(line);
    if (!m) continue;
    const heading = m[2].trim();
    if (m[1].length <= 2) parent = heading;
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.push({ anchor: n === 0 ? base : `${base}-${n}`, heading, parent });
  }
  return out;
}

/** The repository's documentation: README.md, SECURITY.md and docs/**.md, root-relative. */
export function docPages(root: string): string[] {
  const pages = ['README.md', 'SECURITY.md'];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) pages.push(p);
    }
  };
  if (existsSync(join(root, 'docs'))) walk('docs');
  return pages;
}

export interface Link {
  page: string;
  target: string;
}

/** Links (and images) outside code, relative ones only: `[x](docs/a.md#b)`, `[x](#b)`. */
export function relativeLinks(root: string, page: string): Link[] {
  let fenced = false;
  const text = readFileSync(join(root, page), 'utf8')
    .split('\n')
    .filter((l) => {
      if (l.startsWith('```')) fenced = !fenced;
      return !fenced;
    })
    .join('\n')
    .replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t))
    .map((target) => ({ page, target }));
}

/** Why a link does not land, or null when it does. */
export function brokenReason(root: string, link: Link): string | null {
  const [path, anchor] = link.target.split('#');
  const file = path === '' ? join(root, link.page) : resolve(dirname(join(root, link.page)), path);
  if (!file.startsWith(root)) return 'leaves the repository';
  if (!existsSync(file)) return `no file ${relative(root, file)}`;
  if (anchor === undefined) return null;
  if (!file.endsWith('.md')) return 'anchor into a file that is not Markdown';
  const found = anchors(readFileSync(file, 'utf8')).some((h) => h.anchor === anchor);
  return found ? null : `no heading #${anchor} in ${relative(root, file)}`;
}
