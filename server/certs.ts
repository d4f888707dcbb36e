// Office's development certificates (`npx office-addin-dev-certs install` writes and
// trusts them): with them the server speaks https, which Excel requires of an add-in.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface TlsFiles {
  key: Buffer;
  cert: Buffer;
  dir: string;
}

export function devCertsDir(): string {
  return join(homedir(), '.office-addin-dev-certs');
}

export function findDevCerts(dir: string = devCertsDir()): TlsFiles | null {
  const key = join(dir, 'localhost.key');
  const cert = join(dir, 'localhost.crt');
  if (!existsSync(key) || !existsSync(cert)) return null;
  return { key: readFileSync(key), cert: readFileSync(cert), dir };
}
