// Headless Debian chromium for the layout and screenshot tests, and measurements of what
// it rendered: horizontal overflow, and the boxes of a chart's axis labels.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type RunningServer, startServer } from '../../server/server';
import { ROOT } from '../helpers/cli';

export const CHROMIUM = '/usr/bin/chromium';
export const MISSING = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does it). The browser tests need it.`;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
  // Hermetic: no name resolves (no office.js, no Google stylesheet); 127.0.0.1 only.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(MISSING);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** The built add-in served on 127.0.0.1 over http, with no pass-through to any provider. */
export function servePane(): Promise<RunningServer> {
  return startServer({
    root: join(ROOT, 'dist', 'excel-addin'),
    port: 0,
    host: '127.0.0.1',
    tls: false,
    providerHosts: [],
    allowHosts: [],
    log: () => undefined,
  });
}

/** How far the page is wider than its viewport, px (0: no horizontal scrolling). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** Elements wider than the viewport or reaching past its right edge, for the message. */
export function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // Inside a box that scrolls by design (a wide table), it does not widen the page.
      const scroller = el.parentElement?.closest('.table-wrap, [data-scrolls]');
      if (scroller) continue;
      if (
        r.right > limit + 0.5 ||
        ((el as HTMLElement).scrollWidth > (el as HTMLElement).clientWidth + 1 &&
          getComputedStyle(el).overflowX === 'visible' &&
          el.children.length === 0)
      )
        out.push(
          `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} right=${Math.round(r.right)}`,
        );
    }
    return out.slice(0, 10);
  });
}

export interface LabelBox {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The rendered boxes of the x-axis labels of the chart under `selector`, left to right. */
export function axisLabelBoxes(page: Page, selector: string): Promise<LabelBox[]> {
  return page.evaluate((sel) => {
    const labels = Array.from(document.querySelectorAll(`${sel} svg text.x-tick`));
    return labels
      .map((t) => {
        const r = t.getBoundingClientRect();
        return {
          text: t.textContent ?? '',
          left: r.left,
          right: r.right,
          top: r.top,
          bottom: r.bottom,
        };
      })
      .sort((a, b) => a.left - b.left);
  }, selector);
}

/** Pairs of labels whose boxes overlap (or touch within `gap` px). */
export function collisions(boxes: LabelBox[], gap = 1): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const apart =
        a.right + gap <= b.left ||
        b.right + gap <= a.left ||
        a.bottom <= b.top ||
        b.bottom <= a.top;
      if (!apart)
        out.push(
          `"${a.text}" [${a.left.toFixed(1)}–${a.right.toFixed(1)}] × "${b.text}" [${b.left.toFixed(1)}–${b.right.toFixed(1)}]`,
        );
    }
  return out;
}
