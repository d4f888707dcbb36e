// The Google Sheets add-on: the size of dist/gas/Code.js as deployed (minified; target at
// most 80 KB; each also against its size at issue 11), with every provider and as built for
// one provider (METER_SHEETS_PROVIDERS),
// and the requests a METER_USAGE for a year of half-hours makes cold and warm (warm
// target: none), run in the Apps Script harness against a provider's mock
// (BENCH_GAS_PROVIDER, default powershaper: any case in test/gas/provider-cases.ts).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { loadAddOn, sheets } from '../test/gas/harness';
import { PROVIDER_CASES } from '../test/gas/provider-cases';
import { AT_ISSUE_11, GAS_ONE_PROVIDER_AT_ISSUE_11 } from './_bundle-features';
import { flush, report } from './_harness';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TARGET_KB = 80;

const code = readFileSync(`${ROOT}/dist/gas/Code.js`);
const kb = code.length / 1024;
const then = AT_ISSUE_11.gas.total / 1024;
report(
  'gas.bundle.minified_kb',
  kb,
  'KB',
  `(${(kb / TARGET_KB).toFixed(2)}× the ${TARGET_KB} KB target; ${(kb / then).toFixed(2)}× the ` +
    `${then.toFixed(1)} KB at issue 11, before tariffs and carbon: npm run bench -- bundles)`,
);
report('gas.bundle.gzip_kb', gzipSync(code).length / 1024, 'KB');
for (const only of ['powershaper', 'octopus', 'kraken', 'aiaas', 'homewizard']) {
  const one = (await loadAddOn([], [only])).code.length / 1024;
  const before = GAS_ONE_PROVIDER_AT_ISSUE_11[only] / 1024;
  report(
    `gas.bundle.minified_kb.${only}_only`,
    one,
    'KB',
    `(${(one / TARGET_KB).toFixed(2)}× the target; ${before.toFixed(1)} KB at issue 11; ` +
      `METER_SHEETS_PROVIDERS=${only})`,
  );
}

const name = process.env.BENCH_GAS_PROVIDER ?? 'powershaper';
const c = PROVIDER_CASES.find((x) => x.provider === name);
if (!c)
  throw new Error(
    `no provider case ${name}; have ${PROVIDER_CASES.map((x) => x.provider).join(', ')}`,
  );
const s = await sheets({ preload: c.preload, routes: await c.routes() });
s.saveSettings({ providers: { [c.provider]: c.config }, allowFormulas: true });
const args = ['2024-01-01', '2024-12-31', 'none', c.provider];

for (const run of ['cold', 'warm']) {
  const requests = s.world.requests.length;
  const trips = s.world.batches.length;
  const t0 = performance.now();
  const rows = s.cell('METER_USAGE', ...args).length - 1;
  const ms = performance.now() - t0;
  report(
    `gas.usage_year.${name}.${run}_fetches`,
    s.world.requests.length - requests,
    'requests',
    `(${s.world.batches.length - trips} round trips, ${rows} rows)`,
  );
  report(`gas.usage_year.${name}.${run}_ms`, ms, 'ms', '(in the harness, Node V8)');
}
flush();
