// Which days a log run fetches, and how its rows are replaced: the rule every host shares.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LOOKBACK_DAYS, logState, planLogRun, spliceLog } from '../../shared/log/plan';
import { daysFromCivil } from '../../shared/time/civil';

const TODAY = daysFromCivil(2024, 10, 30);
const policy = { today: TODAY, recheckDays: 3, since: TODAY - 30 };

describe('planLogRun', () => {
  it('starts a new log at since and ends yesterday', () => {
    expect(planLogRun({ firstDay: null, lastDay: null, incompleteDays: [] }, policy)).toEqual({
      first: TODAY - 30,
      last: TODAY - 1,
    });
  });

  it('fetches the last N days again and appends the rest', () => {
    expect(
      planLogRun({ firstDay: TODAY - 20, lastDay: TODAY - 1, incompleteDays: [] }, policy),
    ).toEqual({
      first: TODAY - 3,
      last: TODAY - 1,
    });
    // A week behind: three days again, then the six new ones.
    expect(
      planLogRun({ firstDay: TODAY - 20, lastDay: TODAY - 7, incompleteDays: [] }, policy),
    ).toEqual({
      first: TODAY - 9,
      last: TODAY - 1,
    });
  });

  it('goes back to an incomplete day, but not past the lookback', () => {
    const state = {
      firstDay: TODAY - 60,
      lastDay: TODAY - 1,
      incompleteDays: [TODAY - 40, TODAY - 10],
    };
    expect(planLogRun(state, policy)).toEqual({ first: TODAY - 10, last: TODAY - 1 });
    expect(TODAY - 40 < TODAY - 1 - MAX_LOOKBACK_DAYS).toBe(true);
  });

  it('never grows a young log backwards', () => {
    const state = { firstDay: TODAY - 2, lastDay: TODAY - 1, incompleteDays: [] };
    expect(planLogRun(state, policy)).toEqual({ first: TODAY - 2, last: TODAY - 1 });
  });

  it('has nothing to do when up to date and asked to recheck nothing', () => {
    expect(
      planLogRun(
        { firstDay: TODAY - 20, lastDay: TODAY - 1, incompleteDays: [] },
        { ...policy, recheckDays: 0 },
      ),
    ).toBe(null);
  });

  it('summarises rows by day', () => {
    expect(
      logState([
        { day: 5, complete: true },
        { day: 6, complete: false },
        { day: 6, complete: true },
        { day: 7, complete: true },
      ]),
    ).toEqual({ firstDay: 5, lastDay: 7, incompleteDays: [6] });
  });
});

describe('spliceLog', () => {
  it('keeps rows before the cut in order, replaces the rest, never duplicates', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1000 })),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 50 }),
        (starts, from, n) => {
          const fresh = Array.from({ length: n }, (_, i) => from + i);
          const out = spliceLog(starts, (s) => s, from, fresh);
          expect(out).toEqual([...starts.filter((s) => s < from).sort((a, b) => a - b), ...fresh]);
          expect(new Set(out).size).toBe(out.length);
        },
      ),
    );
  });
});
