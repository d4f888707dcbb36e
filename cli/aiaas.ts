// The aiaas API's two writes as commands (never as spreadsheet functions, which a
// recalculation would repeat): registering the home's POD, and onboarding the household.
//   meter-sheets aiaas-pod --pod IT001E12345678901AB --company-code C --client-id … --account …
//   meter-sheets aiaas-onboard --house-type apartment --size 87 --province MI --adults 2 …
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fetchIO } from '../drivers/fetch';
import { MeterError } from '../shared/errors';
import { type Flow, runAsync } from '../shared/flow';
import { providerContext } from '../shared/functions/context';
import { userError } from '../shared/functions/run';
import type { FunctionEnv } from '../shared/functions/spec';
import { aiaasProvider } from '../shared/providers/aiaas';
import { onboard, onboardingBody, parsePod, registerPod } from '../shared/providers/aiaas/account';
import type { ProviderContext } from '../shared/providers/provider';
import type { Table } from '../shared/table';
import { FORMATS, type Format, formatTable } from './format';
import { registerCommand, settingsFrom, write } from './main';

type Options = ParseArgsConfig['options'] & object;

const COMMON: Options = {
  provider: { type: 'string' },
  format: { type: 'string' },
  config: { type: 'string' },
  'base-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
for (const f of aiaasProvider.fields) if (f.cli) COMMON[f.cli] = { type: 'string' };

const COMMON_HELP = [
  `  --format F       ${FORMATS.join(' | ')} (default table)`,
  '  --config FILE    settings JSON (default $METER_SHEETS_CONFIG, else ~/.config/meter-sheets/config.json)',
  '  --base-url URL   the API base URL you were given',
  ...aiaasProvider.fields
    .filter((f) => f.cli)
    .map((f) => `  --${(f.cli as string).padEnd(15)}${f.label}`),
];

interface Spec {
  name: string;
  summary: string;
  options: Options;
  help: string[];
  /** Checks the arguments (before any request) and returns the flow that does the work. */
  prepare(values: Record<string, unknown>): (ctx: ProviderContext) => Flow<Table>;
}

function aiaasCommand(spec: Spec): void {
  registerCommand({
    name: spec.name,
    summary: spec.summary,
    async run(argv) {
      let env: FunctionEnv = { settings: { providers: {} }, clock: Date.now };
      try {
        const { values } = parseArgs({
          args: argv,
          options: { ...COMMON, ...spec.options },
          strict: true,
          allowPositionals: false,
        });
        if (values.help) {
          await write(
            process.stdout,
            [
              `meter-sheets ${spec.name} — ${spec.summary}`,
              '',
              'Options:',
              ...spec.help,
              ...COMMON_HELP,
              '',
            ].join('\n'),
          );
          return 0;
        }
        const format = (values.format ?? 'table') as Format;
        if (!FORMATS.includes(format))
          throw new MeterError(
            'argument',
            `format: expected one of ${FORMATS.join(', ')}, got "${String(values.format)}"`,
          );
        if (
          values.provider !== undefined &&
          String(values.provider).trim().toLowerCase() !== aiaasProvider.id
        )
          throw new MeterError(
            'argument',
            `provider: ${spec.name} is for --provider ${aiaasProvider.id} only, got "${String(values.provider)}"`,
          );
        const work = spec.prepare(values);
        env = {
          settings: settingsFrom({ ...values, provider: aiaasProvider.id }).settings,
          clock: Date.now,
        };
        const table = await runAsync(work(providerContext(aiaasProvider, env)), fetchIO());
        await write(process.stdout, formatTable(table, format));
        return 0;
      } catch (e) {
        const err = e as { code?: string; message?: string };
        if (err.code && String(err.code).startsWith('ERR_PARSE_ARGS')) {
          process.stderr.write(
            `meter-sheets ${spec.name}: ${String(err.message).split('\n')[0]}; see --help\n`,
          );
          return 2;
        }
        const u = userError(e, env);
        process.stderr.write(`meter-sheets: ${u.message}\n`);
        return u.kind === 'argument' ? 2 : 1;
      }
    },
  });
}

aiaasCommand({
  name: 'aiaas-pod',
  summary: 'register your POD (Italian supply point) with the aiaas API',
  options: { pod: { type: 'string' }, 'company-code': { type: 'string' } },
  help: [
    '  --pod POD        (required) the POD on your bill, e.g. IT001E12345678901AB',
    '  --company-code C (required) the company code your supplier gave you',
  ],
  prepare(values) {
    const pod = parsePod(values.pod);
    return function* (ctx) {
      const r = yield* registerPod(ctx, pod, values['company-code']);
      return [
        ['Field', 'Value'],
        ['pod', r.pod ?? null],
        ['account_number', r.account_number ?? null],
        ['company_code', r.company_code ?? null],
      ];
    };
  },
});

aiaasCommand({
  name: 'aiaas-onboard',
  summary: 'tell the aiaas API about your household (house, residents, appliances)',
  options: {
    'house-type': { type: 'string' },
    size: { type: 'string' },
    province: { type: 'string' },
    adults: { type: 'string' },
    children: { type: 'string' },
    elderlies: { type: 'string' },
    appliance: { type: 'string', multiple: true },
  },
  help: [
    '  --house-type T   (required) e.g. apartment',
    '  --size M2        (required) floor area in square metres, e.g. 87',
    '  --province XX    (required) Italian province code, e.g. MI',
    '  --adults N       (required) adult residents',
    '  --children N     children (default 0)',
    '  --elderlies N    elderly residents (default 0)',
    '  --appliance A=N  an appliance and how many, e.g. airConditioner=1 (repeat, or separate with commas);',
    "                   none: the API's default set",
  ],
  prepare(values) {
    const body = onboardingBody({
      houseType: values['house-type'],
      size: values.size,
      province: values.province,
      adults: values.adults,
      children: values.children,
      elderlies: values.elderlies,
      appliances: values.appliance,
    });
    return function* (ctx) {
      const r = yield* onboard(ctx, body);
      const d = r.onboarding_data ?? body;
      const rows: Table = [
        ['Field', 'Value'],
        ['account_number', r.account_number ?? null],
        ['house.type', d.house?.type ?? null],
        ['house.dimesion', d.house?.dimesion ?? null],
        ['house.province', d.house?.province ?? null],
        ['residents.adults', d.residents?.adults ?? null],
        ['residents.children', d.residents?.children ?? null],
        ['residents.elderlies', d.residents?.elderlies ?? null],
      ];
      for (const a of d.appliances ?? []) rows.push([`appliances.${a.appliance}`, a.quantity]);
      return rows;
    };
  },
});
