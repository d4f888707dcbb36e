// Shared esbuild settings and paths for the build targets.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = join(root, 'dist');
export const fromRoot = (...parts) => join(root, ...parts);
