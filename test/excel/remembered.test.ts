// The query an import remembers: kept as the user gave it (a named period stays a name),
// read back exactly, and refused with a reason when it cannot be used.
import { describe, expect, it } from 'vitest';
import {
  type RememberedImport,
  decodeRemembered,
  encodeRemembered,
  isRolling,
} from '../../excel-addin/taskpane/remembered';
import { describeOutcome } from '../../excel-addin/taskpane/refresh-imports';

const rolling: RememberedImport = {
  table: '{1A2B}',
  start: 'last-seven-days',
  end: null,
  aggregate: 'day',
  meter: 'demo:electricity',
  zone: 'Europe/London',
};

describe('remembered imports', () => {
  it('round-trips a query, named periods as named', () => {
    expect(decodeRemembered(encodeRemembered(rolling))).toEqual(rolling);
    const fixed = { ...rolling, start: '2024-01-01', end: '2024-01-31', meter: null, zone: null };
    expect(decodeRemembered(encodeRemembered(fixed))).toEqual(fixed);
    expect(isRolling(rolling)).toBe(true);
    expect(isRolling(fixed)).toBe(false);
  });

  it('fits a worksheet custom property and holds no setting beyond the query', () => {
    const text = encodeRemembered({ ...rolling, zone: 'America/Argentina/ComodRivadavia' });
    expect(text.length).toBeLessThan(255);
    expect(Object.keys(JSON.parse(text)).sort()).toEqual(
      ['aggregate', 'end', 'meter', 'start', 'table', 'v', 'zone'].sort(),
    );
  });

  it('says why a property cannot be used', () => {
    expect(decodeRemembered('{not json')).toBe('its remembered query is not readable');
    expect(
      decodeRemembered(JSON.stringify({ v: 2, table: 'x', start: 'y', aggregate: 'day' })),
    ).toMatch(/another version/);
    expect(decodeRemembered(JSON.stringify({ v: 1, start: 'y', aggregate: 'day' }))).toMatch(
      /incomplete/,
    );
  });

  it('sums a refresh up in one line', () => {
    expect(describeOutcome({ refreshed: [], failed: [] })).toMatch(/^No remembered imports/);
    expect(
      describeOutcome({
        refreshed: [{ sheet: 'A', rows: 1 }],
        failed: [{ sheet: 'B', message: 'down' }],
      }),
    ).toBe('Refreshed 1 import (“A”: 1 row). 1 import left as it was: “B”: down.');
  });
});
