// The bridge against a mock P1 meter on simulated time: what it records must be exactly
// what the household used, half-hour by half-hour, through a restart, an offline hour,
// counter resets and DST days; and what METER_USAGE shows from it must agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiContext, handleApi } from '../../bridge/api';
import { channelReadings } from '../../bridge/channels';
import { bridgeToken } from '../../bridge/config';
import { HALF_HOUR_MS, isComplete } from '../../bridge/halfhours';
import type { PollOutcome } from '../../bridge/poller';
import { type RunningServer, serveApi } from '../../bridge/server';
import { fetchIO } from '../../drivers/fetch';
import { type AsyncIO, runAsync } from '../../shared/flow';
import { runFunction } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import type { HttpResponse } from '../../shared/http';
import { tableToJson } from '../../shared/table';
import { parseDay } from '../../shared/time/civil';
import { dayBoundaries } from '../../shared/time/zone';
import { type Household, QUICK, ZONE, household } from './harness';

const MIN = 60_000;
const EXACT = 1e-6; // kWh (and m³)

const dayOf = (text: string) => {
  const d = parseDay(text) as number;
  const [from, to] = dayBoundaries(ZONE, d, d);
  return { from, to };
};

function halfHoursOf(from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t += HALF_HOUR_MS) out.push(t);
  return out;
}

/** Half-hours that overlap a silence between two readings longer than `maxGap`. */
function silenced(times: number[], maxGapMs: number): Set<number> {
  const out = new Set<number>();
  for (let i = 1; i < times.length; i++) {
    const [a, b] = [times[i - 1], times[i]];
    if (b - a <= maxGapMs) continue;
    for (let h = Math.floor(a / HALF_HOUR_MS) * HALF_HOUR_MS; h < b; h += HALF_HOUR_MS) out.add(h);
  }
  return out;
}

function stored(hh: Household, channel: string, from: number, to: number) {
  return new Map(hh.store.halfHours(hh.device.serial, channel, from, to).map((h) => [h.start, h]));
}

function apiContext(hh: Household, token: string): ApiContext {
  return {
    store: hh.store,
    token,
    origins: ['https://localhost:3000'],
    zone: ZONE,
    gasKwhPerM3: 9.769,
    clock: () => hh.clock.now(),
    staleMs: 60_000,
  };
}

/** The provider's requests answered by the bridge API in-process (no socket). */
function inProcessBridge(ctx: () => ApiContext): AsyncIO {
  return {
    async fetchAll(requests) {
      return requests.map((r): HttpResponse => {
        const u = new URL(r.url);
        const res = handleApi(
          {
            method: r.method,
            url: u.pathname + u.search,
            headers: { authorization: r.headers?.Authorization },
          },
          ctx(),
        );
        return { status: res.status, headers: res.headers, body: res.body };
      });
    },
  };
}

function usageEnv(token: string, baseUrl: string, clock: () => number): FunctionEnv {
  return { settings: { timezone: ZONE, providers: { homewizard: { baseUrl, token } } }, clock };
}

describe('a day of 10-second polling over HTTPS, with a restart and an offline hour', () => {
  const day = dayOf('2024-06-28'); // a Friday: tariff 2 from 07:00 to 23:00
  let hh: Household;
  let outcomes: PollOutcome[];
  let api: RunningServer;
  let token: string;

  beforeAll(async () => {
    // Polls fall 3.7 s past the 10-second marks: readings straddle every half-hour boundary.
    hh = await household({ start: day.from - 10 * MIN + 3_700, transport: 'https' });
    const at = (hhmm: string) =>
      day.from + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MIN;
    outcomes = await hh.pollUntil(at('11:00'));
    hh.mock.setOffline(true);
    outcomes.push(...(await hh.pollUntil(at('12:00'))));
    hh.mock.setOffline(false);
    outcomes.push(...(await hh.pollUntil(at('15:10'))));
    // The bridge stops for 40 s and starts again on the same database.
    hh.stopBridge();
    hh.clock.advance(40_000);
    hh.startBridge();
    outcomes.push(...(await hh.pollUntil(day.to + 10 * MIN)));
    token = bridgeToken(hh.dir).token;
    api = await serveApi(apiContext(hh, token), { bind: '127.0.0.1', port: 0 });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await hh?.close();
  });

  it('polled every 10 s and was refused nothing but the offline hour', () => {
    expect(outcomes.length).toBeGreaterThan(8640);
    const failed = outcomes.filter((o) => !o.ok);
    expect(failed.length).toBe(360);
    expect(failed.every((o) => !o.ok && o.problem === 'offline')).toBe(true);
  });

  it('records exactly the energy the household used in every half-hour it saw whole', () => {
    const times = outcomes
      .filter((o) => o.ok)
      .map((o) => (o.ok ? (o.measurement.time as number) : 0));
    const missing = silenced(times, 5 * MIN);
    const imports = stored(hh, 'import', day.from, day.to);
    const exports = stored(hh, 'export', day.from, day.to);
    const t1 = stored(hh, 'import-t1', day.from, day.to);
    const t2 = stored(hh, 'import-t2', day.from, day.to);
    let checked = 0;
    for (const start of halfHoursOf(day.from, day.to)) {
      const truth = hh.mock.consumed(start, start + HALF_HOUR_MS);
      const imp = imports.get(start);
      if (missing.has(start)) {
        expect(imp && isComplete(imp), `half-hour at ${new Date(start).toISOString()}`).toBeFalsy();
        continue;
      }
      expect(
        Math.abs((imp?.amount ?? NaN) - truth.importKwh),
        new Date(start).toISOString(),
      ).toBeLessThan(EXACT);
      expect(Math.abs((exports.get(start)?.amount ?? NaN) - truth.exportKwh)).toBeLessThan(EXACT);
      expect(Math.abs((t1.get(start)?.amount ?? NaN) - truth.importTariffKwh[1])).toBeLessThan(
        EXACT,
      );
      expect(Math.abs((t2.get(start)?.amount ?? NaN) - truth.importTariffKwh[2])).toBeLessThan(
        EXACT,
      );
      expect(isComplete(imp as { coveredMs: number; amount: number })).toBe(true);
      checked++;
    }
    // 48 half-hours, of which the offline hour and its two neighbours' tails are missing.
    expect([...missing].filter((s) => s >= day.from && s < day.to)).toHaveLength(4);
    expect(checked).toBe(44);
    // The day had real use on both tariffs and solar export.
    const total = hh.mock.consumed(day.from, day.to);
    expect(total.importTariffKwh[1]).toBeGreaterThan(0.5);
    expect(total.importTariffKwh[2]).toBeGreaterThan(0.5);
    expect(total.exportKwh).toBeGreaterThan(1);
  });

  it("records the gas meter's own 5-minute readings: exact, and missing only across the silence", () => {
    const gasTimes = [
      ...new Set(
        outcomes.flatMap((o) =>
          o.ok
            ? o.measurement.external
                .filter((e) => e.type === 'gas_meter')
                .map((e) => e.time as number)
            : [],
        ),
      ),
    ];
    const missing = silenced(gasTimes, 15 * MIN);
    const gas = stored(hh, 'gas', day.from, day.to);
    for (const start of halfHoursOf(day.from, day.to)) {
      const h = gas.get(start);
      if (missing.has(start)) expect(h && isComplete(h)).toBeFalsy();
      else
        expect(
          Math.abs((h?.amount ?? NaN) - hh.mock.consumed(start, start + HALF_HOUR_MS).gasM3),
        ).toBeLessThan(EXACT);
    }
    expect([...missing].filter((s) => s >= day.from && s < day.to)).toHaveLength(3);
  });

  it('did not count twice across the restart, even when a poll is replayed', () => {
    const before = hh.store.verify();
    expect(before.integrity).toBe('ok');
    expect(before.mismatches).toEqual([]);
    // The same answer ingested again (a retried poll): nothing may change.
    const last = hh.store.device(hh.device.serial)?.latest as string;
    const m = JSON.parse(last);
    const total = () =>
      hh.store
        .halfHours(hh.device.serial, 'import', day.from, day.to + HALF_HOUR_MS)
        .reduce((s, h) => s + h.amount, 0);
    const sum = total();
    expect(hh.store.ingest(hh.device.serial, channelReadings(m, 'HWE-P1')).stored).toBe(0);
    expect(total()).toBe(sum);
  });

  it('serves the day to METER_USAGE through the provider: the same numbers, the gaps as Missing', async () => {
    const env = usageEnv(token, api.url, () => hh.clock.now());
    const meter = `homewizard:${hh.device.serial}:import`;
    const rows = tableToJson(
      await runAsync(
        runFunction('USAGE', ['2024-06-28', '2024-06-28', 'none', meter], env),
        fetchIO(),
      ),
    );
    expect(rows[0]).toEqual(['Start', 'End', 'kWh', 'Missing']);
    expect(rows).toHaveLength(1 + 48);
    const dayTotal = tableToJson(
      await runAsync(
        runFunction('USAGE', ['2024-06-28', '2024-06-28', 'day', 'homewizard'], env),
        fetchIO(),
      ),
    );
    const body = rows.slice(1);
    expect(body.filter((r) => r[3] === 1)).toHaveLength(4);
    const known = body.filter((r) => r[3] === 0).reduce((s, r) => s + (r[2] as number), 0);
    // The provider's default meter is the electricity import; its day total is the sum of
    // the half-hours it has, with the 4 missing ones counted.
    expect(dayTotal[1][2]).toBeCloseTo(known, 9);
    expect(dayTotal[1][3]).toBe(4);
    const start = day.from + 8 * HALF_HOUR_MS; // 04:00
    expect(body[8][2]).toBeCloseTo(hh.mock.consumed(start, start + HALF_HOUR_MS).importKwh, 6);
  });

  it('lists the meters and the latest reading for METER_METERS and METER_NOW', async () => {
    const env = usageEnv(token, api.url, () => hh.clock.now());
    const meters = tableToJson(await runAsync(runFunction('METERS', [], env), fetchIO()));
    const ids = meters
      .slice(1)
      .filter((r) => r[1] === 'homewizard')
      .map((r) => r[0]);
    const s = hh.device.serial;
    expect(ids).toEqual([
      `homewizard:${s}:import`,
      `homewizard:${s}:export`,
      `homewizard:${s}:import-t1`,
      `homewizard:${s}:import-t2`,
      `homewizard:${s}:export-t1`,
      `homewizard:${s}:export-t2`,
      `homewizard:${s}:gas`,
    ]);
    // Water is recorded but is not energy: no kWh meter for it.
    expect(hh.store.channels().some((c) => c.channel === 'water')).toBe(true);
    const now = tableToJson(await runAsync(runFunction('NOW', ['homewizard'], env), fetchIO()));
    expect(now[0]).toEqual([
      'Time',
      'Demand (W)',
      'Import (kWh)',
      'Export (kWh)',
      'Import T1 (kWh)',
      'Import T2 (kWh)',
      'Export T1 (kWh)',
      'Export T2 (kWh)',
      'Average demand 15 min (W)',
      'Monthly peak (W)',
      'Gas (m³)',
      'Water (m³)',
      'Age (s)',
      'State',
    ]);
    expect(typeof now[1][1]).toBe('number');
  });
});

describe('daylight saving days', () => {
  for (const [date, halfHours] of [
    ['2024-03-31', 46],
    ['2024-10-27', 50],
  ] as const) {
    it(`${date} has ${halfHours} half-hours, each exactly what was used`, async () => {
      const day = dayOf(date);
      const hh = await household({ start: day.from - QUICK.lead, transport: 'in-process' });
      try {
        await hh.pollUntil(day.to + 10 * MIN, QUICK.stepMs);
        const env = usageEnv(bridgeToken(hh.dir).token, 'http://127.0.0.1:8765', () =>
          hh.clock.now(),
        );
        const ctx = () => apiContext(hh, bridgeToken(hh.dir).token);
        const rows = tableToJson(
          await runAsync(
            runFunction(
              'USAGE',
              [date, date, 'none', `homewizard:${hh.device.serial}:import`],
              env,
            ),
            inProcessBridge(ctx),
          ),
        );
        expect(rows).toHaveLength(1 + halfHours);
        let total = 0;
        for (let i = 1; i < rows.length; i++) {
          const start = day.from + (i - 1) * HALF_HOUR_MS;
          expect(rows[i][3]).toBe(0);
          expect(
            Math.abs(
              (rows[i][2] as number) - hh.mock.consumed(start, start + HALF_HOUR_MS).importKwh,
            ),
          ).toBeLessThan(EXACT);
          total += rows[i][2] as number;
        }
        expect(Math.abs(total - hh.mock.consumed(day.from, day.to).importKwh)).toBeLessThan(EXACT);
        // The same local day seen as hours: the fall-back day repeats 02:00, spring skips it.
        const hours = tableToJson(
          await runAsync(
            runFunction('USAGE', [date, date, 'hour', 'homewizard'], env),
            inProcessBridge(ctx),
          ),
        );
        expect(hours).toHaveLength(1 + halfHours / 2);
      } finally {
        await hh.close();
      }
    }, 30_000);
  }
});

describe('real life at the meter', () => {
  const day = dayOf('2024-06-28');

  it('a counter reset and a meter swap leave one half-hour missing each, with no negative or huge value', async () => {
    const hh = await household({ start: day.from + 8 * 60 * MIN + 3_000, transport: 'in-process' });
    try {
      await hh.pollUntil(day.from + 10 * 60 * MIN + 12 * MIN);
      hh.mock.resetRegisters(); // 10:12: the registers start again from zero
      await hh.pollUntil(day.from + 11 * 60 * MIN + 7 * MIN);
      hh.mock.resetRegisters({ to: 60_000, newMeter: true }); // 11:07: a new smart meter, reading 60 000
      await hh.pollUntil(day.from + 13 * 60 * MIN);
      const from = day.from + 9 * 60 * MIN;
      const to = day.from + 12.5 * 60 * MIN; // the last half-hour polled is still open
      for (const channel of ['import', 'gas']) {
        const rows = stored(hh, channel, from, to);
        const incomplete = [...rows.values()]
          .filter((h) => !isComplete(h))
          .map((h) => (h.start - day.from) / MIN / 60);
        expect(incomplete, channel).toEqual([10, 11]);
        for (const h of rows.values()) {
          const truth = hh.mock.consumed(h.start, h.start + HALF_HOUR_MS);
          expect(h.amount).toBeGreaterThanOrEqual(0);
          if (isComplete(h))
            expect(
              Math.abs(h.amount - (channel === 'gas' ? truth.gasM3 : truth.importKwh)),
            ).toBeLessThan(EXACT);
          // An incomplete half-hour holds only what was seen: never more than was used.
          else
            expect(h.amount).toBeLessThanOrEqual(
              (channel === 'gas' ? truth.gasM3 : truth.importKwh) + EXACT,
            );
        }
      }
      const reasons = hh.store.db
        .prepare("SELECT DISTINCT reason FROM breaks WHERE channel = 'import'")
        .pluck()
        .all();
      expect(reasons.sort()).toEqual(['decrease', 'meter-changed']);
    } finally {
      await hh.close();
    }
  });

  it('pruning old raw readings keeps every half-hour and the chain to the next reading', async () => {
    const hh = await household({ start: day.from + 6 * 60 * MIN + 3_000, transport: 'in-process' });
    try {
      await hh.pollUntil(day.from + 8 * 60 * MIN);
      const before = hh.store.halfHours(hh.device.serial, 'import', day.from, day.to);
      const deleted = hh.store.pruneReadings(day.from + 7 * 60 * MIN);
      // An hour of 10-s polls × 6 electricity registers, and 12 five-minute gas and water readings.
      expect(deleted).toBe(360 * 6 + 12 * 2);
      expect(hh.store.halfHours(hh.device.serial, 'import', day.from, day.to)).toEqual(before);
      expect(hh.store.verify().mismatches).toEqual([]);
      await hh.pollUntil(day.from + 8.5 * 60 * MIN + 10_000);
      const next = stored(hh, 'import', day.from + 8 * 60 * MIN, day.from + 8.5 * 60 * MIN).get(
        day.from + 8 * 60 * MIN,
      );
      const truth = hh.mock.consumed(day.from + 8 * 60 * MIN, day.from + 8.5 * 60 * MIN).importKwh;
      expect(Math.abs((next?.amount ?? NaN) - truth)).toBeLessThan(EXACT);
    } finally {
      await hh.close();
    }
  });

  it('an API v1 device is recorded the same way (no token, plain HTTP)', async () => {
    // Polls on whole seconds: API v1 readings carry no meter time, only the arrival.
    const hh = await household({
      start: day.from + 6 * 60 * MIN + 3_000,
      transport: 'in-process',
      api: 1,
    });
    try {
      await hh.pollUntil(day.from + 8 * 60 * MIN + 5 * MIN);
      const rows = stored(hh, 'import', day.from + 6.5 * 60 * MIN, day.from + 8 * 60 * MIN);
      expect(rows.size).toBe(3);
      for (const h of rows.values()) {
        expect(isComplete(h)).toBe(true);
        expect(
          Math.abs(h.amount - hh.mock.consumed(h.start, h.start + HALF_HOUR_MS).importKwh),
        ).toBeLessThan(EXACT);
      }
      expect(hh.mock.state.requests).toBeGreaterThan(700);
    } finally {
      await hh.close();
    }
  });

  it('a plug-in battery gives charged and delivered energy, state of charge and cycles', async () => {
    const hh = await household({
      start: day.from + 9.5 * 60 * MIN,
      transport: 'in-process',
      product: 'HWE-BAT',
    });
    try {
      await hh.pollUntil(day.from + 11 * 60 * MIN + 10_000);
      const charged = stored(hh, 'import', day.from + 10 * 60 * MIN, day.from + 11 * 60 * MIN);
      expect(charged.size).toBe(2);
      for (const h of charged.values()) {
        const truth = hh.mock.consumed(h.start, h.start + HALF_HOUR_MS).importKwh;
        expect(truth).toBeGreaterThan(0.2);
        expect(Math.abs(h.amount - truth)).toBeLessThan(EXACT);
      }
      const token = bridgeToken(hh.dir).token;
      const env = usageEnv(token, 'http://127.0.0.1:8765', () => hh.clock.now());
      const now = tableToJson(
        await runAsync(
          runFunction('NOW', ['homewizard'], env),
          inProcessBridge(() => apiContext(hh, token)),
        ),
      );
      expect(now[0]).toEqual([
        'Time',
        'Demand (W)',
        'Charged (kWh)',
        'Delivered (kWh)',
        'State of charge (%)',
        'Cycles (count)',
        'Age (s)',
        'State',
      ]);
      expect(now[1][4]).toBeGreaterThan(50);
    } finally {
      await hh.close();
    }
  });
});
