// `meter-sheets serve`: the local add-in server, for `npm start` and by hand. Prints where
// the add-in is and how to sideload it, then serves until interrupted.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { registerCommand } from '../cli/main';
import { defaultConfigPath } from '../cli/config';
import { devCertsDir } from './certs';
import { DEFAULT_ORIGIN } from '../excel-addin/manifest/origin';
import { DEFAULT_PORT, type RunningServer, START_PAGE, startServer } from './server';

const HELP = `meter-sheets serve — serve the Excel add-in (dist/excel-addin) for Excel and a browser preview

Options:
  --port N          port (default ${DEFAULT_PORT}; Excel's manifest.xml expects ${DEFAULT_PORT})
  --http            plain http even when Office dev certificates exist
  --allow-host H    also let the provider pass-through reach H (host or host:port); repeatable
  --root DIR        the built add-in (default: dist/excel-addin next to this CLI)
`;

/** The built add-in next to the bundled CLI (dist/cli.js → dist/excel-addin). */
function defaultRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'excel-addin');
}

function packageVersion(root: string): string | undefined {
  const pkg = join(root, '..', '..', 'package.json');
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export function describeServer(s: RunningServer): string {
  const lines = [
    `Excel add-in served at ${s.origin}${s.tls ? ` (Office dev certificates from ${s.tls.dir})` : ''}`,
    `  Preview in a browser:  ${s.origin}${START_PAGE}`,
  ];
  if (s.protocol === 'http')
    lines.push(
      `  No Office dev certificates in ${devCertsDir()}: plain http, fine for the preview.`,
      '  Excel needs https: run `npx office-addin-dev-certs install`, then npm start again.',
    );
  if (s.port !== DEFAULT_PORT)
    lines.push(
      `  manifest.xml names port ${DEFAULT_PORT}; for this port use ${s.origin}/manifest.xml`,
    );
  lines.push(
    '  Sideload in Excel on the web: Add-ins › More Add-ins › Upload My Add-in, choose manifest.xml',
    '  Sideload in Excel on Windows or Mac: npm run start:excel (office-addin-debugging, via npx)',
    `  Provider pass-through: ${s.origin}/proxy, allowed hosts: ${[...s.allowList].join(', ') || '(none)'}`,
    '  Ctrl+C stops the server.',
  );
  return lines.join('\n');
}

async function serve(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        http: { type: 'boolean' },
        'allow-host': { type: 'string', multiple: true },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    process.stderr.write(
      `meter-sheets serve: ${(e as Error).message.split('\n')[0]}; see --help\n`,
    );
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port =
    values.port === undefined ? Number(process.env.PORT || DEFAULT_PORT) : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(
      `meter-sheets serve: port: expected a number from 0 to 65535, got "${values.port}"\n`,
    );
    return 2;
  }
  const root = values.root ?? defaultRoot();
  if (!existsSync(join(root, 'taskpane.html'))) {
    process.stderr.write(`meter-sheets serve: no built add-in in ${root}; run npm run build\n`);
    return 1;
  }
  let running: RunningServer;
  try {
    running = await startServer({
      root,
      port,
      tls: values.http ? false : 'auto',
      allowHosts: values['allow-host'] ?? [],
      configFile: process.env.METER_SHEETS_CONFIG || defaultConfigPath(),
      version: packageVersion(root),
    });
  } catch (e) {
    const err = e as { code?: string; message?: string };
    process.stderr.write(
      err.code === 'EADDRINUSE'
        ? `meter-sheets serve: port ${port} is in use (another npm start?); stop it or use --port\n`
        : `meter-sheets serve: ${err.message}\n`,
    );
    return 1;
  }
  process.stdout.write(describeServer(running) + '\n');
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}

registerCommand({
  name: 'serve',
  summary: `serve the Excel add-in on ${DEFAULT_ORIGIN}`,
  run: serve,
});
