// The Compare pane's overlay as the Excel host runs it (FunctionHost over real HTTP on
// 127.0.0.1): the usage of both periods and the grid intensity of both go out as ONE batch
// of fetches, and the table carries METER.CARBON's profile beside METER.COMPARE's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionHost } from '../../excel-addin/functions/host';
import { memoryStorage } from '../../excel-addin/functions/storage';
import { PROVIDERS } from '../../shared/providers';
import { fakeProvider } from '../helpers/fake-provider';
import * as ci from '../mocks/carbon-intensity';
import { type RunningMock, serveMock } from '../mocks/mock-http';
import { FAKE_ORIGIN, FAKE_TOKEN, routedFetch, serveFake } from './fake-http';

const NOW = Date.UTC(2025, 0, 10, 12);
let fake: RunningMock;
let grid: RunningMock;

beforeAll(async () => {
  fake = await serveFake();
  grid = await serveMock(ci.createMock({ now: () => NOW }).handler);
});

afterAll(async () => {
  await fake?.close();
  await grid?.close();
});

describe('the Compare overlay in Excel', () => {
  it('fetches the usage and the intensity of every period in one batch', async () => {
    const batches: string[][] = [];
    const host = new FunctionHost({
      providers: [...PROVIDERS, fakeProvider],
      fetch: routedFetch({
        [FAKE_ORIGIN]: fake.origin,
        'https://api.carbonintensity.org.uk': grid.origin,
      }),
      storage: memoryStorage(),
      clock: () => NOW,
      onBatch: (requests) => batches.push(requests.map((r) => new URL(r.url).host)),
    });
    await host.settings.save({ providers: { fake: { token: FAKE_TOKEN } } });
    await host.table('METERS', []); // the pane lists the meters when it opens
    batches.length = 0;
    const r = await host.compare({
      periods: ['2024-01', '2024-07'],
      meter: 'fake:m1',
      timezone: null,
      overlay: true,
      area: 'national',
    });
    expect(batches).toHaveLength(1);
    expect(new Set(batches[0])).toEqual(new Set(['fake.test', 'api.carbonintensity.org.uk']));
    expect(r.notes).toEqual([]);
    const jan = await host.table('CARBON', ['2024-01', null, 'profile', 'national']);
    expect(r.table.slice(1).map((row) => row[3])).toEqual(jan.slice(1).map((row) => row[1]));
    expect(r.table[0].slice(3)).toEqual(['2024-01 gCO2/kWh', '2024-07 gCO2/kWh']);
  });
});
