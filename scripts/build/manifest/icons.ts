// The add-in's icons. Each is drawn once as SVG (excel-addin/assets/<name>.svg: the app
// icon, a bolt on a meter-teal tile, and one glyph per ribbon button); `npm run icons`
// (scripts/icons.mjs) renders it in chromium to the PNG sizes Office asks for (16, 32 and
// 80 px on the ribbon, 32 and 64 px for the add-in itself), commits them beside it with a
// fingerprint, and the build only copies the PNGs.
import { createHash } from 'node:crypto';
import { RIBBON } from '../../../excel-addin/manifest/ribbon';

export const ICON_SIZES = [16, 32, 64, 80] as const;

/** Sources, rendered PNGs and fingerprints, under the repository root. */
export const ICON_DIR = 'excel-addin/assets';

/** Where a rendered icon is served from (and kept, under excel-addin/). */
export function iconPath(name: string, size: number): string {
  return `assets/${name}-${size}.png`;
}

/** Every icon the manifest names: the app icon and each ribbon button's. */
export function iconNames(): string[] {
  return [...new Set(['icon', ...RIBBON.map((b) => b.icon)])];
}

export interface IconFile {
  name: string;
  size: number;
  /** Path under the served root, as the manifest names it. */
  path: string;
  /** The committed PNG, under the repository root. */
  committed: string;
}

/** Every PNG the manifest names, at every size. */
export function manifestIcons(): IconFile[] {
  return iconNames().flatMap((name) =>
    ICON_SIZES.map((size) => ({
      name,
      size,
      path: iconPath(name, size),
      committed: `${ICON_DIR}/${name}-${size}.png`,
    })),
  );
}

export const iconSource = (name: string): string => `${ICON_DIR}/${name}.svg`;
export const iconFingerprintFile = (name: string): string => `${ICON_DIR}/${name}.fingerprint`;

/**
 * What an icon's PNGs were rendered from, and what they were: the SVG's hash and each
 * PNG's. Written by `npm run icons`; a test recomputes it, so an SVG edited without
 * rendering again, or a PNG replaced by hand, shows up as stale.
 */
export function iconFingerprint(name: string, read: (file: string) => Uint8Array): string {
  const sha = (file: string) => createHash('sha256').update(read(file)).digest('hex');
  const files = [
    iconSource(name),
    ...manifestIcons().flatMap((i) => (i.name === name ? [i.committed] : [])),
  ];
  return files.map((f) => `${f.slice(ICON_DIR.length + 1)} sha256:${sha(f)}\n`).join('');
}
