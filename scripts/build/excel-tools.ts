// What scripts/build/excel-addin.mjs needs from TypeScript at build time (bundled for Node
// by the build): the function table, the declaration generator, the manifest and the icons it names.
export { FUNCTIONS } from '../../shared/functions/catalog';
export { associateSource, declarationsSource } from './codegen/excel';
export { DEFAULT_ORIGIN, manifestPaths, manifestXml } from './manifest/manifest';
export {
  iconFingerprint,
  iconFingerprintFile,
  iconNames,
  iconSource,
  manifestIcons,
} from './manifest/icons';
