// A P1 meter that answers but carries no register (its cable is out of the smart meter)
// must not pass for a healthy device: the bridge's status says why, and the half-hours
// it could not see stay Missing rather than reading as zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HALF_HOUR_MS, isComplete } from '../../bridge/halfhours';
import type { PollOutcome } from '../../bridge/poller';
import { type Household, QUICK, household } from './harness';

const START = Date.UTC(2024, 5, 3, 7, 25, 3, 700);
const SILENT_FROM = Date.UTC(2024, 5, 3, 8, 5); // until 09:05: 08:00–09:00 unseen
const EIGHT = Date.UTC(2024, 5, 3, 8, 0);

describe('a P1 meter that gets no telegrams from the smart meter', () => {
  let hh: Household;
  let silent: PollOutcome[];

  beforeAll(async () => {
    hh = await household({ start: START, transport: 'in-process' });
    await hh.pollUntil(SILENT_FROM, QUICK.stepMs);
    hh.mock.state.noTelegrams = true;
    silent = await hh.pollUntil(SILENT_FROM + 2 * HALF_HOUR_MS, QUICK.stepMs);
    hh.mock.state.noTelegrams = false;
    await hh.pollUntil(SILENT_FROM + 4 * HALF_HOUR_MS, QUICK.stepMs);
  });

  afterAll(() => hh?.close());

  it('is reported as a problem while it lasts, in words that say what to check', () => {
    expect(silent.length).toBeGreaterThan(0);
    for (const o of silent) {
      expect(o.ok).toBe(false);
      if (!o.ok) {
        expect(o.problem).toBe('no-readings');
        expect(o.error).toMatch(/without any meter register.*connected to the smart meter/);
      }
    }
  });

  it('clears the problem once registers come back', () => {
    const row = hh.store.device(hh.device.serial);
    expect(row?.problem).toBeNull();
  });

  it('leaves the half-hours it could not see incomplete, so they read as Missing', () => {
    const from = EIGHT;
    const complete = hh.store
      .halfHours(hh.device.serial, 'import', from - HALF_HOUR_MS, from + 4 * HALF_HOUR_MS)
      .filter(isComplete)
      .map((h) => h.start);
    // Seen whole before the silence and after it; the two silent half-hours never.
    expect(complete).toContain(from - HALF_HOUR_MS);
    expect(complete).toContain(from + 3 * HALF_HOUR_MS);
    expect(complete).not.toContain(from);
    expect(complete).not.toContain(from + HALF_HOUR_MS);
  });
});
