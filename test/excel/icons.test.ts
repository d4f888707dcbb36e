// The add-in's icons are committed PNGs rendered once from one SVG each by `npm run icons`
// (scripts/icons.mjs). These checks keep them honest without a browser: every icon the
// manifest names has its SVG, its fingerprint matches the SVG and PNGs as they are now (an
// SVG edited without rendering again is stale), and each PNG is an RGBA image of the size
// the manifest states, read from its IHDR header.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  ICON_DIR,
  iconFingerprint,
  iconFingerprintFile,
  iconNames,
  iconSource,
  manifestIcons,
} from '../../scripts/build/manifest/icons';
import { ROOT } from '../helpers/cli';

const RENDER = 'npm run icons, then commit excel-addin/assets/';
const read = (file: string) => readFileSync(join(ROOT, file));

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width, height, bit depth and colour type from a PNG's header chunk (always first). */
function pngHeader(bytes: Buffer): {
  width: number;
  height: number;
  depth: number;
  colour: number;
} {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1'), 'first chunk').toBe('IHDR');
  expect(bytes.readUInt32BE(8), 'IHDR length').toBe(13);
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    depth: bytes[24],
    colour: bytes[25],
  };
}

describe('icons', () => {
  it('has one square SVG source per icon the manifest names', () => {
    expect(iconNames()).toEqual(expect.arrayContaining(['icon', 'import', 'settings']));
    for (const name of iconNames()) {
      const file = iconSource(name);
      expect(existsSync(join(ROOT, file)), `${file} is missing`).toBe(true);
      const svg = read(file).toString('utf8');
      expect(XMLValidator.validate(svg), file).toBe(true);
      const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg)
        .svg as { viewBox: string };
      const [, , w, h] = root.viewBox.split(/\s+/).map(Number);
      expect(w, `${file} viewBox`).toBe(h);
    }
  });

  it('keeps PNGs rendered from the SVG as it is now (the fingerprint is fresh)', () => {
    for (const name of iconNames()) {
      const file = iconFingerprintFile(name);
      expect(existsSync(join(ROOT, file)), `${file} is missing: run ${RENDER}`).toBe(true);
      expect(
        read(file).toString('utf8'),
        `${iconSource(name)} or its PNGs changed since they were rendered: run ${RENDER}`,
      ).toBe(iconFingerprint(name, read));
    }
  });

  it('would call the PNGs stale after any edit of the SVG', () => {
    const edited = (file: string) =>
      file === iconSource('icon')
        ? Buffer.from(read(file).toString('utf8').replace('#0f766e', '#0f766f'))
        : read(file);
    expect(iconFingerprint('icon', edited)).not.toBe(iconFingerprint('icon', read));
  });

  it('commits every PNG the manifest names as RGBA at its stated size', () => {
    for (const icon of manifestIcons()) {
      expect(existsSync(join(ROOT, icon.committed)), `${icon.committed}: run ${RENDER}`).toBe(true);
      expect(pngHeader(read(icon.committed)), icon.committed).toEqual({
        width: icon.size,
        height: icon.size,
        depth: 8,
        colour: 6, // truecolour with alpha: the ribbon shows through the corners
      });
    }
  });

  it('keeps nothing else in excel-addin/assets/ (no icon left behind by a removed button)', () => {
    const expected = iconNames().flatMap((n) => [iconSource(n), iconFingerprintFile(n)]);
    expected.push(...manifestIcons().map((i) => i.committed));
    const present = readdirSync(join(ROOT, ICON_DIR)).map((f) => `${ICON_DIR}/${f}`);
    expect(present.sort()).toEqual(expected.sort());
  });
});
