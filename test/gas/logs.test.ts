// Meter › Keep a log… in the Apps Script harness on a virtual clock: a time-driven trigger
// runs every morning for ten days against an Octopus mock whose data arrives late (a day
// two days after the fact, a gap filled in days later) across the autumn DST change. The
// log sheet ends equal to METER_USAGE over its span; a failing provider leaves it intact;
// stopping the logs removes this add-on's trigger and nobody else's.
import { describe, expect, it } from 'vitest';
import { MS_PER_DAY, MS_PER_HOUR, daysFromCivil } from '../../shared/time/civil';
import { localMidnight } from '../../shared/time/zone';
import { type Fault, withFaults } from '../mocks/mock-http';
import { IMPORT_MPAN, SMART_SERIAL, createMock } from '../providers/octopus/mock';
import { type Sheets, sheets } from './harness';

const ZONE = 'Europe/London';
const METER = `octopus:${IMPORT_MPAN}:${SMART_SERIAL}`;
const day = (d: number) => localMidnight(ZONE, daysFromCivil(2024, 10, d));
const SHEET = `Log ${METER} half-hours`;

/** The 22nd shows up two days late; 10:00–12:00 on the 26th three days later. */
function arrives(t: number): number {
  if (t >= day(22) && t < day(23)) return day(24) + 5 * MS_PER_HOUR;
  if (t >= day(26) + 10 * MS_PER_HOUR && t < day(26) + 12 * MS_PER_HOUR) return day(29);
  return Math.floor(t / MS_PER_DAY) * MS_PER_DAY + MS_PER_DAY;
}

async function world() {
  const ref: { s?: Sheets } = {};
  const mock = createMock({ now: () => ref.s!.world.clock.now(), arrives });
  const s = (ref.s = await sheets({
    now: day(20) + 6 * MS_PER_HOUR,
    routes: { 'https://api.octopus.energy': mock.handler },
  }));
  s.saveSettings({ providers: { octopus: { apiKey: mock.apiKey, account: mock.account } } });
  return s;
}

function startLog(s: Sheets, form: Record<string, unknown>) {
  s.menu('meterShowLog');
  return s.menu('meterStartLog', s.panelState('dialog').nonce, form) as {
    sheet: string;
    status: string;
  };
}

/** The trigger firing: a new execution in trigger mode, one morning later. */
function nextMorning(s: Sheets) {
  s.world.clock.advance(MS_PER_DAY);
  const [trigger] = s.world.triggers;
  s.run('trigger', trigger.handler, { triggerUid: trigger.id });
}

function logRows(s: Sheets) {
  const grid = s.world.spreadsheet.getSheetByName(SHEET)!.grid();
  const [status, header, ...rows] = grid;
  const isDate = (v: unknown) => Object.prototype.toString.call(v) === '[object Date]';
  return { status: String(status[0]), header, rows: rows.filter((r) => isDate(r[0])) };
}

// Ten executions against a mock holding years of half-hours: allow for a busy machine.
describe('Meter › Keep a log…', { timeout: 120_000 }, () => {
  it('keeps a sheet equal to METER_USAGE through ten mornings of late data and a DST day', async () => {
    const s = await world();
    const first = startLog(s, {
      meter: METER,
      aggregate: 'none',
      since: '2024-10-18',
      recheckDays: 3,
    });
    expect(first.sheet).toBe(SHEET);
    expect(s.world.triggers).toEqual([
      expect.objectContaining({ handler: 'meterRunLogs', everyDays: 1, atHour: 6, timezone: ZONE }),
    ]);
    for (let k = 0; k < 9; k++) {
      const before = s.world.setValuesCalls.length;
      nextMorning(s);
      // The data rows go in as one range per run.
      const dataWrites = s.world.setValuesCalls
        .slice(before)
        .filter((c) => c.sheet === SHEET && c.row >= 3);
      expect(dataWrites.length).toBeLessThanOrEqual(1);
    }
    const log = logRows(s);
    // The last run fetched only the days it had to: three again, and the gap of the 26th.
    expect(log.status).toMatch(
      /Last run 2024-10-29 0\d:00: fetched 2024-10-25 to 2024-10-28; 530 rows\./,
    );
    s.saveSettings({ providers: {}, allowFormulas: true }); // the owner's formulas, for the oracle
    const mock = createMock({ now: () => s.world.clock.now(), arrives });
    s.saveSettings({
      providers: { octopus: { apiKey: mock.apiKey, account: mock.account } },
      allowFormulas: true,
    });
    const usage = s.cell('METER_USAGE', '2024-10-18', '2024-10-28', 'none', METER, ZONE);
    expect(log.header).toEqual([...usage[0], 'Fetched']);
    expect(log.rows.map((r) => r.slice(0, -1))).toEqual(usage.slice(1));
    expect(log.rows).toHaveLength(11 * 48 + 2); // 27 October has 50 half-hours
    const starts = log.rows.map((r) => (r[0] as Date).getTime());
    expect(new Set(starts).size).toBe(starts.length);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('records a failing run in the status line and changes no data', async () => {
    const down: Fault[] = Array.from(
      { length: 40 },
      () => ({ kind: 'status', status: 503 }) as Fault,
    );
    const s = await world();
    startLog(s, { meter: METER, aggregate: 'day', since: '2024-10-10' });
    const sheet = `Log ${METER} days`;
    const before = s.world.spreadsheet.getSheetByName(sheet)!.grid().slice(1);
    // The provider goes down.
    s.world.options.routes['https://api.octopus.energy'] = withFaults(
      createMock({ now: () => s.world.clock.now(), arrives }).handler,
      { queue: down },
    );
    nextMorning(s);
    const after = s.world.spreadsheet.getSheetByName(sheet)!.grid();
    expect(String(after[0][0])).toMatch(
      /failed: .*Nothing was changed; the next run tries again\./,
    );
    expect(after.slice(1)).toEqual(before);
    expect(s.world.logs.some((l) => l.startsWith('warn'))).toBe(true);
  });

  it('stops: removes its own trigger only, keeps the sheets, and the sidebar lists the logs', async () => {
    const s = await world();
    startLog(s, { meter: METER, aggregate: 'day', since: '2024-10-15' });
    startLog(s, { meter: METER, aggregate: 'none', since: '2024-10-19', schedule: 'hourly' });
    // One trigger for the spreadsheet, hourly now that a log asks for it.
    expect(s.world.triggers).toHaveLength(1);
    expect(s.world.triggers[0].everyHours).toBe(1);
    s.world.triggers.push({ id: 'someone-elses', handler: 'myOwnFunction', owner: s.world.user });
    s.menu('meterShowSettings');
    expect(s.panelState('sidebar')).toMatchObject({
      logs: [
        { sheet: `Log ${METER} days`, schedule: 'daily' },
        { sheet: `Log ${METER} half-hours`, schedule: 'hourly' },
      ],
    });
    s.menu('meterStopLogs');
    expect(s.world.triggers.map((t) => t.id)).toEqual(['someone-elses']);
    expect(s.world.spreadsheet.getSheetByName(`Log ${METER} days`)).not.toBe(null);
  });

  it('refuses a bad form with the field named', async () => {
    const s = await world();
    s.menu('meterShowLog');
    expect(() =>
      s.menu('meterStartLog', s.panelState('dialog').nonce, { aggregate: 'week' }),
    ).toThrow(/Aggregate: expected half-hours or days/);
    expect(() =>
      s.menu('meterStartLog', s.panelState('dialog').nonce, { recheckDays: '99' }),
    ).toThrow(/Days to check again: expected a whole number from 0 to 31/);
    expect(s.world.triggers).toEqual([]);
  });
});
