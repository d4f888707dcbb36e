// Where the CLI finds settings: --config FILE, else $METER_SHEETS_CONFIG, else
// ~/.config/meter-sheets/config.json (absent is fine: the demo meter needs nothing).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MeterError } from '../shared/errors';

export function defaultConfigPath(): string {
  return join(homedir(), '.config', 'meter-sheets', 'config.json');
}

export function readConfigFile(explicit: string | undefined): unknown {
  const fromEnv = process.env.METER_SHEETS_CONFIG || undefined; // an empty variable means unset
  const path = explicit ?? fromEnv ?? defaultConfigPath();
  const required = explicit !== undefined || fromEnv !== undefined;
  if (!existsSync(path)) {
    if (required) throw new MeterError('config', `config: no file at ${path}`);
    return null;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new MeterError(
      'config',
      `config: ${path} is not valid JSON (${(e as Error).message.split('\n')[0]})`,
    );
  }
}
