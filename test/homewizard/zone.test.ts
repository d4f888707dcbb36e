// A Dutch household's HomeWizard meters count Dutch days: the bridge's --timezone comes to
// the provider with the meter list and becomes each meter's home zone, so METER_USAGE by
// day and METER_NOW need no zone in Settings (`homewizard connect` stores none), and a zone
// in Settings or in the argument still wins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleApi } from '../../bridge/api';
import { bridgeToken } from '../../bridge/config';
import { type AsyncIO, runAsync } from '../../shared/flow';
import { runFunction } from '../../shared/functions/run';
import type { FunctionEnv } from '../../shared/functions/spec';
import type { HttpResponse } from '../../shared/http';
import { tableToJson } from '../../shared/table';
import { type Household, household } from './harness';

let hh: Household;
let token: string;

beforeAll(async () => {
  // From 21:50 in Amsterdam (19:50 UTC) to 02:05 the next day: across Dutch midnight.
  hh = await household({ start: Date.UTC(2024, 5, 27, 19, 50, 3), transport: 'in-process' });
  await hh.pollUntil(Date.UTC(2024, 5, 28, 0, 5), 40_000);
  token = bridgeToken(hh.dir).token;
});
afterAll(() => hh.close());

/** The provider's requests, answered in-process by a bridge whose --timezone is `zone`. */
function bridgeIO(zone: string, claimed?: string): AsyncIO {
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
          {
            store: hh.store,
            token,
            origins: [],
            zone,
            gasKwhPerM3: 9.769,
            clock: () => hh.clock.now(),
            staleMs: 3_600_000,
          },
        );
        // A bridge that claims another zone for its meters than it counts in (a newer or
        // broken one): only the meter list's zone is changed.
        const body =
          claimed && u.pathname === '/v1/meters'
            ? JSON.stringify({ ...JSON.parse(res.body), zone: claimed })
            : res.body;
        return { status: res.status, headers: res.headers, body };
      });
    },
  };
}

function env(timezone?: string): FunctionEnv {
  return {
    settings: {
      ...(timezone ? { timezone } : {}),
      providers: { homewizard: { baseUrl: 'http://127.0.0.1:8765', token } },
    },
    clock: () => hh.clock.now(),
    runtime: 'node',
  };
}

const usageDays = async (e: FunctionEnv, zone: string, tz?: string, claimed?: string) =>
  tableToJson(
    await runAsync(
      runFunction('USAGE', ['2024-06-28', '2024-06-28', 'day', 'homewizard', tz], e),
      bridgeIO(zone, claimed),
    ),
  );

describe("HomeWizard meters count days in the bridge's zone", () => {
  it('with no zone in Settings, a day is a Dutch day', async () => {
    const rows = await usageDays(env(), 'Europe/Amsterdam');
    expect(rows[1][0]).toBe('2024-06-28T00:00:00+02:00');
    expect(rows[1][1]).toBe('2024-06-29T00:00:00+02:00');
  });

  it('METER_NOW prints the reading in Dutch time', async () => {
    const now = tableToJson(
      await runAsync(runFunction('NOW', ['homewizard'], env()), bridgeIO('Europe/Amsterdam')),
    );
    expect(now[1][0]).toMatch(/^2024-06-28T02:0\d:\d\d\+02:00$/);
  });

  it('Settings and the argument still win over the bridge zone', async () => {
    expect((await usageDays(env('Europe/London'), 'Europe/Amsterdam'))[1][0]).toBe(
      '2024-06-28T00:00:00+01:00',
    );
    expect((await usageDays(env('Europe/London'), 'Europe/Amsterdam', 'UTC'))[1][0]).toBe(
      '2024-06-28T00:00:00+00:00',
    );
  });

  it('a bridge zone Intl does not know is ignored: London days, as before', async () => {
    const rows = await usageDays(env(), 'Europe/Amsterdam', undefined, 'Not/A_Zone');
    expect(rows[1][0]).toBe('2024-06-28T00:00:00+01:00');
  });
});
