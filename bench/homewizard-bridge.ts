// The HomeWizard bridge's costs: recording a poll (every register of a P1 meter with gas
// and water, one SQLite transaction on disk) and answering a year of half-hours.
// Targets: ≥ 500 polls/s recorded (a bridge polls each device every 10 s, so this leaves a
// Raspberry Pi idle), and a year's usage answered in ≤ 100 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleApi } from '../bridge/api';
import type { ChannelReading, ChannelSpec } from '../bridge/channels';
import { HALF_HOUR_MS } from '../bridge/halfhours';
import { Store } from '../bridge/store';
import { flush, report, timeIt } from './_harness';

const dir = mkdtempSync(join(tmpdir(), 'hw-bench-'));
const store = new Store(join(dir, 'readings.db'));
const policy = { maxGapMs: 300_000, maxRatePerHour: 100 };
const spec = (id: string, kind: ChannelSpec['kind'] = 'electricity'): ChannelSpec => ({
  id,
  kind,
  direction: id.startsWith('export') ? 'export' : 'import',
  unit: kind === 'electricity' ? 'kWh' : 'm3',
  label: id,
  policy: kind === 'electricity' ? policy : { maxGapMs: 900_000, maxRatePerHour: 40 },
});
const channels = [
  ...['import', 'import-t1', 'import-t2', 'export', 'export-t1', 'export-t2'].map((id) => spec(id)),
  spec('gas', 'gas'),
  spec('water', 'water'),
];
store.registerDevice('bench', '127.0.0.1');

let t = Date.UTC(2024, 0, 1);
const polls = 5000;
const started = performance.now();
for (let i = 0; i < polls; i++) {
  t += 10_000;
  const readings: ChannelReading[] = channels.map((channel, k) => ({
    channel,
    reading: { t, value: 1000 * (k + 1) + i * 0.003, source: 'm', tariff: 1 },
  }));
  store.ingest('bench', readings, { json: '{"api":2}', at: t });
}
const pollsPerS = polls / ((performance.now() - started) / 1000);
report(
  'homewizard.bridge.polls_recorded_per_s',
  pollsPerS,
  'polls/s',
  `(${(pollsPerS / 500).toFixed(1)}× the 500/s target; 8 registers each)`,
);

// A year of complete half-hours for one register, answered as the provider asks for it.
const year = Date.UTC(2023, 0, 1);
const insert = store.db.prepare('INSERT OR REPLACE INTO half_hours VALUES (?, ?, ?, ?, ?)');
store.db.transaction(() => {
  for (let s = year; s < year + 365 * 86_400_000; s += HALF_HOUR_MS)
    insert.run('bench', 'import', s, 0.2, HALF_HOUR_MS);
})();
const token = 'x'.repeat(43);
const ctx = {
  store,
  token,
  origins: [],
  zone: 'Europe/Amsterdam',
  gasKwhPerM3: 9.769,
  clock: () => Date.now(),
  staleMs: 60_000,
};
const url = `/v1/usage?meter=homewizard:bench:import&from=${year}&to=${year + 365 * 86_400_000}`;
const ms = timeIt(() => {
  const r = handleApi({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }, ctx);
  if (r.status !== 200) throw new Error(r.body);
});
report(
  'homewizard.bridge.year_of_usage_ms',
  ms,
  'ms',
  `(${(100 / ms).toFixed(1)}× faster than the 100 ms target)`,
);

store.close();
rmSync(dir, { recursive: true, force: true });
flush();
