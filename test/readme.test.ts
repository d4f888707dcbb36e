// The README and docs are part of the product: the quick start must be the two commands that
// work, the function reference the one generated from the function table, and every link
// must land.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateReadme } from '../scripts/readme-reference';
import { ROOT } from './helpers/cli';
import { brokenReason, docPages, relativeLinks } from './helpers/markdown';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('has a quick start of exactly the two commands', () => {
    const section = readme.split('## Quick start')[1].split('\n## ')[0];
    const commands = section
      .split('```')[1]
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('sh'))
      .map((l) => l.split('#')[0].trim());
    expect(commands).toEqual(['npm ci && npm start', 'npm test']);
  });

  it('is short: at most 200 lines, the rest in docs/', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
  });

  it('links to every page of docs/', () => {
    const linked = new Set<string>();
    const queue = ['README.md'];
    while (queue.length > 0) {
      const page = queue.pop()!;
      if (linked.has(page)) continue;
      linked.add(page);
      for (const l of relativeLinks(ROOT, page)) {
        const path = join(page, '..', l.target.split('#')[0] || page.split('/').pop()!);
        const normal = path.replace(/\\/g, '/');
        if (normal.endsWith('.md')) queue.push(normal);
      }
    }
    expect(docPages(ROOT).filter((p) => !linked.has(p))).toEqual([]);
  });

  it('.ci/run installs and runs the README test command', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});

describe('docs', () => {
  it('has the function reference generated from the function table (run npm run docs)', () => {
    const reference = readFileSync(join(ROOT, 'docs', 'reference.md'), 'utf8');
    expect(updateReadme(reference)).toBe(reference);
  });

  it('links only to files and headings that exist (GitHub anchors)', () => {
    const links = docPages(ROOT).flatMap((p) => relativeLinks(ROOT, p));
    expect(links.length).toBeGreaterThan(20);
    const broken = links
      .map((l) => ({ ...l, why: brokenReason(ROOT, l) }))
      .filter((l) => l.why !== null)
      .map((l) => `${l.page}: ${l.target} (${l.why})`);
    expect(broken).toEqual([]);
  });

  it('names no file outside the repository (the reference documents behind it are cited by URL)', () => {
    for (const page of docPages(ROOT)) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      expect({ page, hits: text.match(/\bseeds?\b ?0\d\d|\.\.\/shared\//gi) }).toEqual({
        page,
        hits: null,
      });
    }
  });
});
