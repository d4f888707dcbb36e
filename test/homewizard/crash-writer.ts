// A bridge that does nothing but record, as fast as it can, so that a kill lands in the
// middle of a write. Run by crash.test.ts as a child process (bundled), which kills it.
//   node crash-writer.cjs <database> <resume-at-ms>
// Prints `committed <n> <t>` after each poll's transaction has committed.
import { SimulatedClock } from '../../bridge/clock';
import { Poller } from '../../bridge/poller';
import { Store } from '../../bridge/store';
import { createMock } from '../providers/homewizard/mock/device';
import { asyncMockIO } from '../mocks/mock-http';

const [database, resumeAt] = process.argv.slice(2);
const ORIGIN = Date.UTC(2024, 5, 28, 0, 0, 3);
const clock = new SimulatedClock(ORIGIN);
// The registers are integrated from a fixed origin, so every run continues the same meter.
const mock = createMock({ clock: () => clock.now(), tokens: ['0123456789ABCDEF0123456789ABCDEF'] });
clock.set(Number(resumeAt));
const store = new Store(database);
const poller = new Poller({
  store,
  devices: [
    {
      host: 'p1.test',
      api: 2,
      token: '0123456789ABCDEF0123456789ABCDEF',
      serial: mock.serial,
      productType: 'HWE-P1',
      pairedAt: '',
    },
  ],
  io: asyncMockIO({ 'https://p1.test': mock.handler }),
  clock,
  zone: 'Europe/Amsterdam',
  pollMs: 10_000,
});

async function main() {
  for (let n = 1; ; n++) {
    await poller.pollOnce();
    process.stdout.write(`committed ${n} ${clock.now()}\n`);
    clock.advance(10_000);
  }
}
void main();
