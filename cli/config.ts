// Where the CLI finds settings: --config FILE, else $METER_SHEETS_CONFIG, else
// ~/.config/meter-sheets/config.json (absent is fine: the demo meter needs nothing).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MeterError } from '../shared/errors';

export function defaultConfigPath(): string {
  return join(homedir(), '.config', 'meter-sheets', 'config.json');
}

export function readConfigFile(explicit: string | undefined): unknown {
  const fromEnv = process.env.METER_SHEETS_CONFIG || undefined; // an empty variable means unset
  const path = configPath(explicit);
  const required = explicit !== undefined || fromEnv !== undefined;
  if (!existsSync(path)) {
    if (required) throw new MeterError('config', `config: no file at ${path}`);
    return null;
  }
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MeterError('config', `config: ${path} is not valid JSON (${jsonProblem(e, text)})`);
  }
}

/**
 * What is wrong with the JSON, without quoting it: V8's message quotes the text around the
 * mistake (`Unexpected token 'P', ..."token": PLANTEDsec"... is not valid JSON`), and a
 * config file holds credentials. The line and column say where to look instead.
 */
export function jsonProblem(e: unknown, text: string): string {
  const message = String((e as Error)?.message ?? e).split('\n')[0];
  const what = message
    .replace(/,\s*(\.\.\.)?".*$/, '')
    .replace(/\s*in JSON at position \d+.*$/, '')
    .replace(/^Unexpected token '.'/, 'Unexpected character');
  const at = /position (\d+)/.exec(message);
  if (!at) return what;
  const before = text.slice(0, Number(at[1])).split('\n');
  return `${what} at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * Whether other users of this machine may read the file (group or world bits): a config
 * file that holds credentials should be mode 600, as `homewizard connect` writes it.
 */
export function readableByOthers(path: string): boolean {
  if (process.platform === 'win32') return false;
  try {
    return (statSync(path).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}

export function configPath(explicit: string | undefined): string {
  return explicit ?? (process.env.METER_SHEETS_CONFIG || undefined) ?? defaultConfigPath();
}
