// METER_NOW from a Home Mini through Kraken's smartMeterTelemetry, within its budget.
import { describe, expect, it } from 'vitest';
import { krakenProvider } from '../../../shared/providers/kraken';
import { MS_PER_HALF_HOUR, parseDay } from '../../../shared/time/civil';
import { localMidnight } from '../../../shared/time/zone';
import { MOCK_POINTS } from './mock';
import { demandAt, importKwhAt } from './mock/household';
import { krakenHarness } from './harness';

const IMPORT = `kraken:${MOCK_POINTS.import.mpan}`;
const EXPORT = `kraken:${MOCK_POINTS.export.mpan}:export`;
const GAS = `kraken:gas:${MOCK_POINTS.gas.mprn}`;
const NOW = Date.UTC(2025, 0, 15, 12, 0, 7);

/** The import register (kWh, to the Wh) at t, counted from the mock's first day. */
function registerKwh(firstDay: string, t: number): number {
  let kwh = 0;
  let h = localMidnight('Europe/London', parseDay(firstDay) as number);
  for (; h + MS_PER_HALF_HOUR <= t; h += MS_PER_HALF_HOUR) kwh += importKwhAt(h);
  kwh += (importKwhAt(h) * (t - h)) / MS_PER_HALF_HOUR;
  return Math.round(kwh * 1000) / 1000;
}

describe('METER_NOW on a Kraken meter', () => {
  it('shows the Home Mini latest demand (W) and import register (kWh)', () => {
    const h = krakenHarness({ now: NOW, mock: { firstDay: '2025-01-01' } });
    const rows = h.call('NOW', 'kraken');
    const readAt = Math.floor((NOW - 5_000) / 10_000) * 10_000;
    expect(rows).toEqual([
      ['Time', 'Demand (W)', 'Import (kWh)'],
      ['2025-01-15T12:00:00+00:00', demandAt(readAt), registerKwh('2025-01-01', readAt)],
    ]);
    expect(h.mock.callsTo('smartMeterTelemetry').map((c) => c.variables)).toEqual([
      { deviceId: MOCK_POINTS.import.deviceId },
    ]);
  });

  it('asks once per device per refresh interval, whichever meter of that device the cell names', () => {
    const h = krakenHarness({ now: NOW });
    h.call('NOW', 'kraken');
    h.call('NOW', IMPORT);
    h.call('NOW', EXPORT); // the same smart meter (ESME) measures import and export
    expect(h.mock.callsTo('smartMeterTelemetry')).toHaveLength(1);
    h.advance(krakenProvider.nowRefreshMs as number);
    h.call('NOW', EXPORT);
    expect(h.mock.callsTo('smartMeterTelemetry')).toHaveLength(2);
  });

  it('refreshing at its pace for an hour uses under half of the budget it shares with the app', () => {
    const h = krakenHarness({ now: NOW });
    const pace = krakenProvider.nowRefreshMs as number;
    for (let t = 0; t < 3_600_000; t += pace) {
      h.call('NOW', 'kraken');
      h.advance(pace);
    }
    expect(h.mock.callsTo('smartMeterTelemetry').length).toBeLessThanOrEqual(50);
  });

  it('explains a spent budget (KT-GB-4042) and stops asking for a while', () => {
    const h = krakenHarness({ now: NOW, mock: { telemetryBudget: 3 } });
    const pace = krakenProvider.nowRefreshMs as number;
    for (let i = 0; i < 3; i++) {
      expect(h.call('NOW', 'kraken')[1][1]).toEqual(expect.any(Number));
      h.advance(pace);
    }
    expect(h.fail('NOW', 'kraken')).toEqual({
      kind: 'rate-limit',
      message: `Kraken has used up the live-reading budget of this Home Mini (about 100 readings an hour, shared with the Octopus app); try again in a few minutes (KT-GB-4042, the live reading)`,
    });
    const asked = h.mock.callsTo('smartMeterTelemetry').length;
    h.advance(pace);
    expect(h.fail('NOW', IMPORT)).toEqual({
      kind: 'rate-limit',
      message:
        'Kraken has used up the live-reading budget of this Home Mini (about 100 readings an hour, shared with the Octopus app); METER_NOW tries again in 9 min',
    });
    expect(h.mock.callsTo('smartMeterTelemetry')).toHaveLength(asked);
    h.advance(60 * 60_000); // the budget's hour has rolled over
    expect(h.call('NOW', IMPORT)[1][1]).toEqual(expect.any(Number));
  });

  it('says why there is no live reading for gas, or without a Home Mini', () => {
    const h = krakenHarness({ now: NOW });
    expect(h.fail('NOW', GAS)).toEqual({
      kind: 'unsupported',
      message: `${GAS} is gas: the Home Mini's live readings (METER_NOW) are for the electricity meter`,
    });
    const bare = krakenHarness({ now: NOW, mock: { homeMini: false } });
    expect(bare.fail('NOW', 'kraken')).toEqual({
      kind: 'no-data',
      message: `Kraken has no live reading for ${IMPORT}; METER_NOW needs an Octopus Home Mini paired with this meter`,
    });
  });
});
