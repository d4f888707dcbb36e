// meter-sheets: the spreadsheet functions on the command line. Every command is a function
// from the core's table, its flags are that function's parameters, and what it prints is
// exactly the table the function returns in a spreadsheet.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fetchIO } from '../drivers/fetch';
import { parseArea } from '../shared/carbon/area';
import { MeterError } from '../shared/errors';
import { runAsync } from '../shared/flow';
import { FUNCTIONS, findFunction } from '../shared/functions/catalog';
import { userError } from '../shared/functions/run';
import { runFunction } from '../shared/functions/run';
import { type FunctionEnv, type FunctionSpec, signature } from '../shared/functions/spec';
import { PROVIDERS, fieldsByProvider, findProvider } from '../shared/providers';
import { type Settings, secretValues, validateSettings } from '../shared/settings';
import { VERSION } from '../shared/version';
import { configPath, readConfigFile, readableByOthers } from './config';
import { FORMATS, type Format, formatTable } from './format';

type Options = ParseArgsConfig['options'] & object;

/** Flag aliases kept short for the terminal. */
const ALIASES: Record<string, string> = { tz: 'timezone' };

/** Extra commands a host may register (the HomeWizard pairing, the bridge…). */
export interface ExtraCommand {
  name: string;
  summary: string;
  run(argv: string[]): Promise<number>;
}
const extraCommands: ExtraCommand[] = [];
export function registerCommand(c: ExtraCommand): void {
  extraCommands.push(c);
}

export function credentialFlags(): { flag: string; provider: string; key: string; kind: string }[] {
  const out: { flag: string; provider: string; key: string; kind: string }[] = [];
  for (const p of PROVIDERS)
    for (const f of p.fields)
      if (f.cli) out.push({ flag: f.cli, provider: p.id, key: f.key, kind: f.kind });
  return out;
}

export function optionsFor(spec: FunctionSpec): Options {
  const opts: Options = {
    provider: { type: 'string' },
    format: { type: 'string' },
    config: { type: 'string' },
    'base-url': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    tz: { type: 'string' },
    'carbon-base-url': { type: 'string' },
    region: { type: 'string' },
    'tariff-base-url': { type: 'string' },
  };
  // Functions over a meter's usage take the grid carbon source; METER_CARBON its region.
  if (spec.params.some((p) => p.name === 'meter')) opts.carbon = { type: 'string' };
  for (const p of spec.params) opts[p.name] = { type: 'string' };
  for (const c of credentialFlags()) opts[c.flag] = { type: 'string' };
  return opts;
}

/** `tariff-compare` for METER_TARIFF_COMPARE: the terminal's spelling. */
export function commandName(spec: FunctionSpec): string {
  return spec.id.toLowerCase().replace(/_/g, '-');
}

function commandHelp(spec: FunctionSpec): string {
  const lines = [
    `meter-sheets ${commandName(spec)} — ${signature(spec)} in a spreadsheet`,
    '',
    spec.description,
    '',
    'Options:',
    ...spec.params.map(
      (p) => `  --${p.name.padEnd(12)} ${p.optional ? '' : '(required) '}${p.description}`,
    ),
    ...(spec.params.some((p) => p.name === 'timezone')
      ? ['  --tz           same as --timezone']
      : []),
    '  --provider P   use provider P (its default meter unless --meter), with the credential flags below',
    `  --format F     ${FORMATS.join(' | ')} (default table); json prints the exact 2-D array the function returns`,
    '  --config FILE  settings JSON (default $METER_SHEETS_CONFIG, else ~/.config/meter-sheets/config.json)',
    "  --base-url URL the provider's API base URL (another instance, or a local mock)",
    ...(spec.params.some((p) => p.name === 'meter')
      ? [
          '  --carbon A     grid carbon for electricity meters without their own: national, a region id 1-17 or an outward postcode (settings carbon.source)',
        ]
      : []),
    '  --carbon-base-url URL  the Carbon Intensity API base URL (default https://api.carbonintensity.org.uk; settings carbon.baseUrl)',
    '  --region R     Octopus region for product codes: a letter A-P or a postcode (settings tariffs.region)',
    "  --tariff-base-url URL  the Octopus products API's origin (settings tariffs.octopusBaseUrl)",
    ...credentialFlags().map((c) => `  --${c.flag.padEnd(12)} ${c.provider}: ${c.key}`),
    '',
    `Result: ${spec.result}`,
    '',
    'In a spreadsheet:',
    ...spec.examples.map((e) => `  ${e}`),
  ];
  return lines.join('\n') + '\n';
}

function mainHelp(): string {
  return [
    'meter-sheets — smart-meter data as the spreadsheet functions return it',
    '',
    'Usage: meter-sheets <command> [options]      meter-sheets <command> --help      meter-sheets --version',
    '',
    'Commands:',
    ...FUNCTIONS.map((f) => `  ${commandName(f).padEnd(14)} ${signature(f)}`),
    ...extraCommands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
    '',
    'Example: meter-sheets usage --provider demo --start 2024-01 --end 2024-01 --aggregate profile',
    '',
  ].join('\n');
}

/**
 * `params`: the command's own arguments; a flag that is one of them (METER_CARBON's and
 * METER_TARIFFS' `--region`) is that argument, not a setting.
 */
export function settingsFrom(
  values: Record<string, unknown>,
  params: string[] = [],
): {
  settings: Settings;
  meterDefault?: string;
} {
  const fields = fieldsByProvider();
  const base = readConfigFile(values.config as string | undefined) as Record<
    string,
    unknown
  > | null;
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  // Anything but an object (a list, a string) is left for validation to name, not spread.
  if (base !== null && !isObject(base)) return { settings: validateSettings(base, fields) };
  const raw = {
    ...(base ?? {}),
    providers: isObject(base?.providers) ? { ...base.providers } : (base?.providers ?? {}),
  } as { providers: Record<string, Record<string, unknown>> };
  if (base) warnIfLoose(configPath(values.config as string | undefined), base, fields);
  const providerFlag = values.provider as string | undefined;
  const provider = providerFlag === undefined ? undefined : findProvider(providerFlag);
  if (providerFlag !== undefined && !provider)
    throw new MeterError(
      'argument',
      `provider: expected one of ${PROVIDERS.map((p) => p.id).join(', ')}, got "${providerFlag}"`,
    );
  const overrides: Record<string, unknown> = {};
  for (const c of credentialFlags()) {
    const v = values[c.flag];
    if (v === undefined || c.provider !== provider?.id) continue;
    overrides[c.key] = c.kind === 'number' ? Number(v) : v;
  }
  const stray = credentialFlags().find(
    (c) => values[c.flag] !== undefined && c.provider !== provider?.id,
  );
  if (stray && !credentialFlags().some((c) => c.flag === stray.flag && c.provider === provider?.id))
    throw new MeterError('argument', `--${stray.flag} belongs to --provider ${stray.provider}`);
  if (values['base-url'] !== undefined) {
    if (!provider || !fields[provider.id].some((f) => f.key === 'baseUrl'))
      throw new MeterError('argument', '--base-url needs a --provider that talks to an API');
    overrides.baseUrl = values['base-url'];
  }
  tariffOverrides(raw as Record<string, unknown>, values, params);
  if (provider && Object.keys(overrides).length > 0 && isObject(raw.providers))
    raw.providers[provider.id] = isObject(raw.providers[provider.id])
      ? { ...raw.providers[provider.id], ...overrides }
      : overrides;
  const carbon: Record<string, unknown> = {};
  if (values.carbon !== undefined) {
    parseArea(String(values.carbon), 'carbon'); // an argument error naming the flag
    carbon.source = values.carbon;
  }
  if (values['carbon-base-url'] !== undefined) carbon.baseUrl = values['carbon-base-url'];
  if (Object.keys(carbon).length > 0) {
    const r = raw as Record<string, unknown>;
    r.carbon = isObject(r.carbon) ? { ...r.carbon, ...carbon } : carbon;
  }
  return { settings: validateSettings(raw, fields), meterDefault: provider?.id };
}

/** --region and --tariff-base-url: the settings' tariffs section, for this run only. */
function tariffOverrides(
  raw: Record<string, unknown>,
  values: Record<string, unknown>,
  params: string[],
): void {
  const t: Record<string, unknown> = {};
  if (typeof values.region === 'string' && !params.includes('region')) t.region = values.region;
  if (typeof values['tariff-base-url'] === 'string') t.octopusBaseUrl = values['tariff-base-url'];
  if (Object.keys(t).length === 0) return;
  const base = raw.tariffs;
  raw.tariffs =
    typeof base === 'object' && base !== null && !Array.isArray(base) ? { ...base, ...t } : t;
}

/** A config file holding credentials that others on this machine can read: say so. */
function warnIfLoose(path: string, base: unknown, fields: ReturnType<typeof fieldsByProvider>) {
  if (!readableByOthers(path)) return;
  let secrets: string[] = [];
  try {
    secrets = secretValues(validateSettings(base, fields), fields);
  } catch {
    return; // the validation error is reported below
  }
  if (secrets.length > 0)
    process.stderr.write(
      `meter-sheets: warning: ${path} holds credentials and other users of this machine can read it; run chmod 600 ${path}\n`,
    );
}

export function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) =>
    stream.write(text) ? resolve() : stream.once('drain', () => resolve()),
  );
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V' || command === 'version') {
    await write(process.stdout, `meter-sheets ${VERSION}\n`);
    return 0;
  }
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    await write(process.stdout, mainHelp());
    return command ? 0 : 2;
  }
  const extra = extraCommands.find((c) => c.name === command);
  if (extra) return extra.run(rest);
  const spec = findFunction(command);
  if (!spec || commandName(spec) !== command.toLowerCase().replace(/_/g, '-')) {
    process.stderr.write(`meter-sheets: unknown command "${command}"; try meter-sheets --help\n`);
    return 2;
  }
  let env: FunctionEnv = { settings: { providers: {} }, clock: Date.now };
  try {
    const { values } = parseArgs({
      args: rest,
      options: optionsFor(spec),
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      await write(process.stdout, commandHelp(spec));
      return 0;
    }
    for (const [alias, name] of Object.entries(ALIASES))
      if (values[alias] !== undefined && values[name] === undefined) values[name] = values[alias];
    const format = (values.format ?? 'table') as Format;
    if (!FORMATS.includes(format))
      throw new MeterError(
        'argument',
        `format: expected one of ${FORMATS.join(', ')}, got "${String(values.format)}"`,
      );
    const { settings, meterDefault } = settingsFrom(
      values,
      spec.params.map((p) => p.name),
    );
    if (meterDefault && values.meter === undefined && spec.params.some((p) => p.name === 'meter'))
      values.meter = meterDefault;
    // `carbon --provider demo`: the demo grid, offline, like the demo meter.
    if (
      meterDefault === 'demo' &&
      values.region === undefined &&
      spec.params.some((p) => p.name === 'region')
    )
      values.region = 'demo';
    env = { settings, clock: Date.now };
    const args = spec.params.map((p) => values[p.name]);
    const table = await runAsync(runFunction(spec.id, args, env), fetchIO());
    await write(process.stdout, formatTable(table, format));
    return 0;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(
        `meter-sheets ${command}: ${String(err.message).split('\n')[0]}; see --help\n`,
      );
      return 2;
    }
    const u = userError(e, env);
    process.stderr.write(`meter-sheets: ${u.message}\n`);
    return u.kind === 'argument' ? 2 : 1;
  }
}
