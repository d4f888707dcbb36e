// What the two runtime bundles are made of (`npm run bench -- bundles`): each one's bytes by
// feature against the build at issue 11 (bench/_bundle-features.ts), then its largest
// modules. BUNDLE_MODULES=n lists n modules (default 15). The figures come from the
// metafiles npm run build writes to dist/.gen; https://esbuild.github.io/analyze/ draws
// the same files as a treemap.
import { readFileSync } from 'node:fs';
import {
  AT_ISSUE_11,
  type Bundle,
  FEATURES,
  ROOT,
  breakdown,
  kb,
  readMetafile,
} from './_bundle-features';
import { flush, report } from './_harness';

const FILES: Record<Bundle, { file: string; figure: string }> = {
  'excel-functions': { file: 'dist/excel-addin/functions.js', figure: 'excel.functions_bundle' },
  gas: { file: 'dist/gas/Code.js', figure: 'gas.bundle' },
};
const listed = Number(process.env.BUNDLE_MODULES ?? 15);
const what = Object.fromEntries(FEATURES.map((f) => [f.name, f.what]));
what.esbuild = "esbuild's module wrapper and helpers";
what['entry points'] = 'top-level functions with their JSDoc, generated after the bundle';

for (const [bundle, { file, figure }] of Object.entries(FILES) as [
  Bundle,
  (typeof FILES)[Bundle],
][]) {
  const shipped = readFileSync(`${ROOT}/${file}`).length;
  const b = breakdown(readMetafile(bundle), shipped);
  const then = AT_ISSUE_11[bundle];
  console.log(
    `\n${file}: ${kb(b.total).toFixed(1)} KB (at issue 11: ${kb(then.total).toFixed(1)} KB)`,
  );
  for (const [name, bytes] of Object.entries(b.features)) {
    const before = then[name] ?? 0;
    report(
      `${figure}.kb.${name.replace(/ /g, '_')}`,
      kb(bytes),
      'KB',
      `(at issue 11: ${kb(before).toFixed(1)} KB; ${what[name]})`,
    );
  }
  console.log(`  largest modules:`);
  for (const [path, bytes] of b.modules.slice(0, listed))
    console.log(`  ${kb(bytes).toFixed(1).padStart(6)} KB  ${path}`);
}
flush();
