// The words and ticks of the charts: the value axis reads the same for an import and a
// comparison of half-hours; titles name the meter; the time axis is labelled at round
// times with labels that fit (the browser tests measure the rendered boxes).
import { describe, expect, it } from 'vitest';
import { labelBox, timeTicks } from '../../excel-addin/taskpane/time-ticks';
import {
  energyAxisTitle,
  meterTitle,
  profileLabelSpacing,
  rowMinutes,
} from '../../shared/chart-text';
import { runSync } from '../../shared/flow';
import { runFunction } from '../../shared/functions/run';
import type { Table } from '../../shared/table';

function core(id: string, args: unknown[]): Table {
  return runSync(runFunction(id, args, { settings: { providers: {} }, clock: Date.now }), {
    fetchAll: () => [],
  });
}

describe('chart text', () => {
  it('words the value axis by the rows’ step, the same for an import and an average day', () => {
    expect(energyAxisTitle(core('USAGE', ['2024-01-01', '2024-01-02', 'none']))).toBe(
      'kWh per half-hour',
    );
    expect(energyAxisTitle(core('USAGE', ['2024-01-01', '2024-01-02', 'hour']))).toBe(
      'kWh per hour',
    );
    expect(energyAxisTitle(core('USAGE', ['2024-01-01', '2024-01-31', 'day']))).toBe('kWh per day');
    const profile = core('USAGE', ['2024-01-01', '2024-01-31', 'profile']);
    const compare = core('COMPARE', ['2024-01, 2024-07']);
    expect(energyAxisTitle(profile)).toBe('kWh per half-hour (average day)');
    expect(energyAxisTitle(compare)).toBe(energyAxisTitle(profile));
    expect(profileLabelSpacing(compare)).toBe(6);
  });

  it('names the meter, never "Default meter"', () => {
    expect(meterTitle('octopus:elec-1', 'demo')).toBe('octopus:elec-1');
    expect(meterTitle(null, 'octopus:elec-1')).toBe('octopus:elec-1');
    expect(meterTitle('', undefined)).toBe('Demo meter');
    expect(meterTitle(null, 'demo')).toBe('Demo meter');
  });
});

describe('time ticks', () => {
  const font = 10;
  const axis = (n: number, width: number) => {
    const left = 46;
    const w = width - left - 14;
    return { x: (i: number) => left + (i / (n - 1)) * w, bounds: { left: 4, right: width - 4 } };
  };

  it('labels an average day every 3 hours when wide, every 6 when narrow', () => {
    const minutes = Array.from({ length: 48 }, (_, i) => i * 30);
    const cats = minutes.map(
      (m) => `${String((m / 60) | 0).padStart(2, '0')}:${m % 60 ? '30' : '00'}`,
    );
    const wide = axis(48, 420);
    expect(timeTicks(minutes, cats, wide.x, font, wide.bounds).map((t) => t.label)).toEqual([
      '00:00',
      '03:00',
      '06:00',
      '09:00',
      '12:00',
      '15:00',
      '18:00',
      '21:00',
    ]);
    const narrow = axis(48, 276);
    expect(timeTicks(minutes, cats, narrow.x, font, narrow.bounds).map((t) => t.label)).toEqual([
      '00:00',
      '06:00',
      '12:00',
      '18:00',
    ]);
  });

  it('keeps every label clear of the next and inside the chart, whatever the width', () => {
    const table = core('USAGE', ['2024-01-01', '2024-03-31', 'none']);
    const minutes = table.slice(1).map((r) => rowMinutes(r[0]));
    for (const width of [200, 276, 300, 340, 500, 800]) {
      const a = axis(minutes.length, width);
      const ticks = timeTicks(minutes, minutes.map(String), a.x, font, a.bounds);
      expect(ticks.length).toBeGreaterThan(1);
      const boxes = ticks.map((t) => labelBox(t, a.x, font, a.bounds));
      for (let i = 1; i < boxes.length; i++)
        expect(boxes[i].left).toBeGreaterThan(boxes[i - 1].right);
      for (const b of boxes) {
        expect(b.left).toBeGreaterThanOrEqual(a.bounds.left);
        expect(b.right).toBeLessThanOrEqual(a.bounds.right);
      }
    }
  });
});
