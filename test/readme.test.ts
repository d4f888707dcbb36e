// The README is part of the product: its quick start must be the two commands that work,
// and its function reference must be the one generated from the function table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateReadme } from '../scripts/readme-reference';
import { ROOT } from './helpers/cli';

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

  it('has the function reference generated from the function table (run npm run docs)', () => {
    expect(updateReadme(readme)).toBe(readme);
  });

  it('links only to headings it has (GitHub anchors)', () => {
    const slug = (heading: string) =>
      heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_\- ]/gu, '')
        .replace(/ /g, '-');
    const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((a) => !anchors.has(a))).toEqual([]);
  });

  it('.ci/run installs and runs the README test command', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
