import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/functions/catalog';
import { signature } from '../../shared/functions/spec';
import { PROVIDERS } from '../../shared/providers';
import { cli, cliJson } from '../helpers/cli';

const usage = (start: string, end: string, aggregate: string, ...more: string[]) =>
  cliJson([
    'usage',
    '--provider',
    'demo',
    '--start',
    start,
    '--end',
    end,
    '--aggregate',
    aggregate,
    ...more,
  ]);

describe('meter-sheets usage', () => {
  it('prints a January profile: a header and 48 half-hour rows', () => {
    const rows = usage('2024-01-01', '2024-01-31', 'profile');
    expect(rows[0]).toEqual(['Time', 'kWh', 'Days', 'Missing']);
    expect(rows).toHaveLength(49);
    expect(rows[48][0]).toBe('23:30');
  });

  it('gives 46 half-hours on the spring-forward day and 50 on the fall-back day', () => {
    expect(usage('2024-03-31', '2024-03-31', 'none')).toHaveLength(1 + 46);
    expect(usage('2024-10-27', '2024-10-27', 'none')).toHaveLength(1 + 50);
  });

  it("agrees with itself: January's half-hours, day totals and month total match to 1e-9", () => {
    const halfHours = usage('2024-01-01', '2024-01-31', 'none');
    const days = usage('2024-01-01', '2024-01-31', 'day');
    const month = usage('2024-01', '2024-01', 'month');
    expect(days).toHaveLength(1 + 31);
    const perDay = new Map<string, number>();
    for (const r of halfHours.slice(1)) {
      const d = (r[0] as string).slice(0, 10);
      perDay.set(d, (perDay.get(d) ?? 0) + ((r[2] as number | null) ?? 0));
    }
    let total = 0;
    for (const r of days.slice(1)) {
      expect(Math.abs((r[2] as number) - perDay.get((r[0] as string).slice(0, 10))!)).toBeLessThan(
        1e-9,
      );
      total += r[2] as number;
    }
    expect(Math.abs((month[1][2] as number) - total)).toBeLessThan(1e-9);
    // Missing half-hours are counted in the day they fall in, and in the month.
    const missing = halfHours.slice(1).filter((r) => r[5] === 1).length;
    expect(days.slice(1).reduce((s, r) => s + (r[5] as number), 0)).toBe(missing);
    expect(month[1][5]).toBe(missing);
  });

  it('prints the same table as CSV and as an aligned table', () => {
    const csv = cli(['usage', '--start', '2024-01-01', '--aggregate', 'day', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('Start,End,kWh,Carbon (kg),Cost (GBP),Missing');
    const json = usage('2024-01-01', '2024-01-01', 'day');
    expect(lines[1].split(',').map((v, i) => (i >= 2 ? Number(v) : v))).toEqual(json[1]);
    const table = cli(['usage', '--start', '2024-01-01', '--aggregate', 'day']);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^Start\s+End\s+kWh\s+Carbon \(kg\)\s+Cost \(GBP\)\s+Missing$/,
    );
  });
});

describe('bad input', () => {
  const fails = (args: string[], message: string, code = 2) => {
    const r = cli(args);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([message]);
  };

  it('exits non-zero with one line naming the argument and what is accepted', () => {
    fails(
      ['usage', '--start', '2024-13-01'],
      'meter-sheets: start: expected a date like 2024-01-31 or 2024-01, got "2024-13-01"',
    );
    fails(
      ['usage', '--start', '2024-01-01', '--aggregate', 'daily'],
      'meter-sheets: aggregate: expected one of none, hour, day, week, month, profile, weekday-profile, weekend-profile, got "daily"',
    );
    fails(
      ['usage', '--start', '2024-01-01', '--tz', 'Mars/Base'],
      'meter-sheets: timezone: expected an IANA time zone like Europe/London or America/New_York, got "Mars/Base"',
    );
    fails(
      ['usage', '--start', '2024-01-01', '--format', 'xml'],
      'meter-sheets: format: expected one of table, csv, json, got "xml"',
    );
    fails(
      ['usage', '--start', '2024-01-01', '--provider', 'nope'],
      `meter-sheets: provider: expected one of ${PROVIDERS.map((p) => p.id).join(', ')}, got "nope"`,
    );
    fails(
      ['compare', '--periods', '2024-01, July'],
      'meter-sheets: periods[2]: expected a period like 2024-01, 2024-01-05 or 2024-01-01..2024-01-14, got "July"',
    );
    fails(['frobnicate'], 'meter-sheets: unknown command "frobnicate"; try meter-sheets --help');
  });

  it('rejects unknown flags', () => {
    const r = cli(['usage', '--start', '2024-01-01', '--agregate', 'day']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^meter-sheets usage: Unknown option '--agregate'/);
  });

  it('reports settings problems naming the file or field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ms-config-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    const r = cli(['meters', '--config', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`meter-sheets: config: ${bad} is not valid JSON (`)).toBe(true);
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ timezone: 'Nowhere/Land' }));
    fails(
      ['meters', '--config', wrong],
      'meter-sheets: settings.timezone: expected an IANA time zone like Europe/London',
      1,
    );
    fails(
      ['meters', '--config', join(dir, 'missing.json')],
      `meter-sheets: config: no file at ${join(dir, 'missing.json')}`,
      1,
    );
  });
});

describe('settings and help', () => {
  it('reads the default meter and zone from --config or $METER_SHEETS_CONFIG', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ms-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ defaultMeter: 'demo:gas', timezone: 'America/New_York' }));
    const rows = cliJson([
      'usage',
      '--start',
      '2024-01-02',
      '--aggregate',
      'day',
      '--config',
      file,
    ]);
    expect(rows[1][0]).toBe('2024-01-02T00:00:00-05:00');
    const viaEnv = cliJson(['usage', '--start', '2024-01-02', '--aggregate', 'day'], {
      METER_SHEETS_CONFIG: file,
    });
    expect(viaEnv).toEqual(rows);
  });

  it('documents every command from the function table', () => {
    const main = cli(['--help']);
    expect(main.code).toBe(0);
    for (const f of FUNCTIONS) {
      expect(main.stdout).toContain(signature(f));
      const help = cli([f.id.toLowerCase(), '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(f.description);
      for (const p of f.params) expect(help.stdout).toContain(`--${p.name}`);
    }
  });

  it('meters, compare and now work on the demo meter', () => {
    expect(cliJson(['meters']).map((r) => r[0])).toEqual([
      'Meter',
      'demo:electricity',
      'demo:export',
      'demo:gas',
    ]);
    expect(cliJson(['compare', '--periods', '2024-01,2024-07'])[0]).toEqual([
      'Time',
      '2024-01',
      '2024-07',
    ]);
    const now = cliJson(['now']);
    expect(now[0]).toEqual(['Time', 'Demand (W)', 'Import (kWh)', 'Export (kWh)']);
    expect(Math.abs(Date.parse(now[1][0] as string) - Date.now())).toBeLessThan(60_000);
  });
});
