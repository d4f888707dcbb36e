// The parsers and the bridge's channel mapping against payloads shaped like real captured
// HomeWizard answers (test/providers/homewizard/fixtures/README.md names each file's public
// model: home-assistant/core tests/components/homewizard/fixtures/ and
// homewizard/python-homewizard-energy tests/v1/fixtures/HWE-P1/). Nulls and missing data
// points must read as "not reported", never as zero; meters that send only tariff registers
// still get a total; gas readings off the 5-minute marks keep their own time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelReadings } from '../../bridge/channels';
import { clockSkewMs, clockWarning } from '../../shared/providers/homewizard/clock-skew';
import { parseV1Data } from '../../shared/providers/homewizard/v1';
import { parseV2Measurement } from '../../shared/providers/homewizard/v2';

const AMS = 'Europe/Amsterdam';
// 2024-06-28 14:12:40 in Amsterdam (UTC+2): six seconds after the telegrams' timestamp.
const ctx = { zone: AMS, receivedAt: Date.UTC(2024, 5, 28, 12, 12, 40) };

function fixture(name: string): unknown {
  return JSON.parse(
    readFileSync(join(__dirname, '..', 'providers', 'homewizard', 'fixtures', name), 'utf8'),
  ) as unknown;
}

const channels = (m: Parameters<typeof channelReadings>[0]) =>
  Object.fromEntries(channelReadings(m, 'HWE-P1').map((r) => [r.channel.id, r.reading.value]));

describe('API v1, a meter with little to say (data_minimal shape)', () => {
  const m = parseV1Data(fixture('v1-data-minimal.json'), ctx);

  it('reads the tariff registers and leaves nulls out, never as zero', () => {
    expect(m.energyImportT1Kwh).toBe(4321.098);
    expect(m.energyImportT2Kwh).toBe(3210.987);
    expect(m.energyExportT1Kwh).toBe(0);
    expect(m.powerW).toBe(412);
    expect(m.powerL1W).toBe(412);
    for (const absent of [
      'protocolVersion',
      'meterModel',
      'powerL2W',
      'powerL3W',
      'energyImportKwh',
      'uniqueId',
      'time',
    ] as const)
      expect(m[absent], absent).toBeUndefined();
    expect(m.external).toEqual([]); // total_gas_m3: null is no gas meter
  });

  it('records the total as the tariffs summed, and the tariff registers themselves', () => {
    expect(channels(m)).toEqual({
      import: 4321.098 + 3210.987,
      'import-t1': 4321.098,
      'import-t2': 3210.987,
      export: 0,
      'export-t1': 0,
      'export-t2': 0,
    });
    // Without unique_id the readings carry no meter identity (an empty source), not a made-up one.
    expect(channelReadings(m, 'HWE-P1').every((r) => r.reading.source === '')).toBe(true);
    // No telegram time in v1: the reading is as of its arrival.
    expect(channelReadings(m, 'HWE-P1')[0].reading.t).toBe(ctx.receivedAt);
  });

  it('tells nothing about the clock (no timestamp to compare)', () => {
    expect(clockSkewMs(m)).toBeUndefined();
  });
});

describe('API v1, imports only (unavailable-exports shape)', () => {
  it('offers import registers for four tariffs and no export channel at all', () => {
    const m = parseV1Data(fixture('v1-data-imports-only.json'), ctx);
    expect(channels(m)).toEqual({
      import: 9000.5,
      'import-t1': 3000.25,
      'import-t2': 2000.125,
      'import-t3': 2000.0625,
      'import-t4': 2000.0625,
    });
    expect(m.uniqueId).toBe('3153414D504C455F4D45544552');
    expect(m.powerL3W).toBe(210.5);
  });
});

describe('API v1 with every data point (data_all_data shape)', () => {
  const m = parseV1Data(fixture('v1-data-all.json'), ctx);

  it('keeps gas once (external list and legacy fields agree) at its own, off-mark time', () => {
    expect(m.external.map((e) => e.type)).toEqual(['gas_meter', 'water_meter']);
    // 240628140217: 14:02:17 in Amsterdam, not on a 5-minute mark.
    expect(m.external[0].time).toBe(Date.UTC(2024, 5, 28, 12, 2, 17));
    expect(m.external[1].time).toBe(Date.UTC(2024, 5, 28, 12, 7, 31));
    expect(m.monthlyPowerPeakTime).toBe(Date.UTC(2024, 5, 3, 16, 45, 0));
    expect(m.averagePower15mW).toBe(640);
    expect(m.monthlyPowerPeakW).toBe(4321);
    const c = channelReadings(m, 'HWE-P1');
    const gas = c.find((r) => r.channel.id === 'gas');
    expect(gas?.reading).toEqual({
      t: Date.UTC(2024, 5, 28, 12, 2, 17),
      value: 1840.213,
      source: '47415331323334',
      tariff: null,
    });
  });
});

describe('API v2 measurements', () => {
  it('reads the 1-phase shape: tariff registers only, a total from their sum', () => {
    const m = parseV2Measurement(fixture('v2-measurement-1-phase.json'), ctx);
    expect(m.time).toBe(Date.UTC(2024, 5, 28, 12, 12, 34));
    expect(m.energyImportKwh).toBeUndefined();
    expect(channels(m)).toMatchObject({ import: 5120.75 + 4100.5, export: 640.125 + 1500 });
    expect(clockSkewMs(m)).toBe(-6000);
    expect(clockWarning(m, AMS)).toBeNull();
  });

  it('reads gas and water at their own off-mark times', () => {
    const m = parseV2Measurement(fixture('v2-measurement-gas-water.json'), ctx);
    const byType = Object.fromEntries(m.external.map((e) => [e.type, e]));
    expect(byType.gas_meter.time).toBe(Date.UTC(2024, 5, 28, 12, 7, 41));
    expect(byType.water_meter.time).toBe(Date.UTC(2024, 5, 28, 12, 11, 3));
    expect(channels(m)).toMatchObject({ gas: 1840.213, water: 301.004, import: 7654.321 });
  });

  it('read in the wrong zone, the same payload is an hour off, and says so', () => {
    // The bridge started with --timezone Europe/London for a Dutch meter.
    const m = parseV2Measurement(fixture('v2-measurement-gas-water.json'), {
      zone: 'Europe/London',
      receivedAt: ctx.receivedAt,
    });
    expect(clockSkewMs(m)).toBe(3_600_000 - 6000);
    expect(clockWarning(m, 'Europe/London')).toMatch(
      /read in Europe\/London, is 60 min ahead of this machine's.*--timezone/,
    );
  });
});
