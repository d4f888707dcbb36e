// The spreadsheets whose formulas may use the credentials, in the user's properties: a
// property value holds at most 9 KB (the fake refuses more, as Apps Script does), so the
// list must not live in one value, which broke after about 190 spreadsheets of 44-
// character ids. Each spreadsheet is its own key; the old single list is still read, and
// replaced on the next save.
import { describe, expect, it } from 'vitest';
import {
  FORMULAS_PREFIX,
  LEGACY_FORMULAS_KEY,
  applyForm,
  readStored,
  writeStored,
} from '../../gas/settings-store';
import { FakeProperties } from './apps-script';

/** A spreadsheet id as Google makes them: 44 characters. */
const sheetId = (i: number) => `1${String(i).padStart(6, '0')}${'x'.repeat(37)}`;

function props() {
  return new FakeProperties() as unknown as GoogleAppsScript.Properties.Properties & FakeProperties;
}

describe('spreadsheets allowed to use formulas', () => {
  it('keeps allowing more spreadsheets long past what one 9 KB value holds', () => {
    const p = props();
    for (let i = 0; i < 400; i++) {
      const next = applyForm(readStored(p), { allowFormulas: true }, sheetId(i));
      writeStored(p, next);
    }
    const stored = readStored(p);
    expect(stored.formulaSpreadsheets).toHaveLength(400);
    expect(stored.formulaSpreadsheets).toContain(sheetId(0));
    expect(stored.formulaSpreadsheets).toContain(sheetId(399));
    expect(400 * (sheetId(0).length + 3)).toBeGreaterThan(9 * 1024); // one list would not fit
  });

  it('forgets a spreadsheet when its box is unticked, and only that one', () => {
    const p = props();
    for (const i of [1, 2, 3])
      writeStored(p, applyForm(readStored(p), { allowFormulas: true }, sheetId(i)));
    writeStored(p, applyForm(readStored(p), { allowFormulas: false }, sheetId(2)));
    expect(readStored(p).formulaSpreadsheets.sort()).toEqual([sheetId(1), sheetId(3)]);
    expect(p.getKeys().filter((k) => k.startsWith(FORMULAS_PREFIX))).toHaveLength(2);
  });

  it('reads the list older versions saved, and moves it to one key each on the next save', () => {
    const p = props();
    p.setProperty(LEGACY_FORMULAS_KEY, JSON.stringify([sheetId(7), sheetId(8)]));
    expect(readStored(p).formulaSpreadsheets).toEqual([sheetId(7), sheetId(8)]);
    writeStored(p, applyForm(readStored(p), { allowFormulas: true }, sheetId(9)));
    expect(p.getProperty(LEGACY_FORMULAS_KEY)).toBeNull();
    expect(readStored(p).formulaSpreadsheets.sort()).toEqual([sheetId(7), sheetId(8), sheetId(9)]);
  });
});
