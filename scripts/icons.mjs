// npm run icons: renders each icon's SVG (excel-addin/assets/<name>.svg) once, in Debian's
// headless chromium, to every PNG size the manifest names, and writes the fingerprint
// (the SVG's hash and each PNG's) that test/excel/icons.test.ts checks. Run it after
// editing an SVG or adding a ribbon button, and commit excel-addin/assets/. The build
// itself draws nothing: it copies these PNGs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { fromRoot } from './build/_common.mjs';
import { loadTools } from './build/excel-addin.mjs';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM))
  throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (Debian's) first.`);

const tools = await loadTools();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
  headless: true,
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const name of tools.iconNames()) {
    const svg = readFileSync(fromRoot(tools.iconSource(name)), 'utf8');
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    for (const icon of tools.manifestIcons().filter((i) => i.name === name)) {
      const { size } = icon;
      await page.setViewportSize({ width: size, height: size });
      // The SVG scaled to the whole square as an image, on a transparent page (setContent
      // waits for the load event, so for the image).
      await page.setContent(
        `<html><body style="margin:0;background:transparent">` +
          `<img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      const png = await page.screenshot({
        clip: { x: 0, y: 0, width: size, height: size },
        omitBackground: true,
      });
      writeFileSync(fromRoot(icon.committed), png);
    }
    const read = (file) => readFileSync(fromRoot(file));
    writeFileSync(fromRoot(tools.iconFingerprintFile(name)), tools.iconFingerprint(name, read));
    console.log(`rendered ${tools.iconSource(name)}`);
  }
} finally {
  await browser.close();
}
