// Polls every paired device on a fixed rhythm (default every 10 s, never faster than once a
// second), all devices in one batch, and records what they say. A device that does not
// answer is simply not recorded: the half-hours it misses stay incomplete, so they read as
// Missing, and polling carries on until it is back.
import { isMeterError } from '../shared/errors';
import { type AsyncIO, type Flow, all, runAsync } from '../shared/flow';
import { type DeviceAddress, deviceProblem, readMeasurement } from '../shared/providers/homewizard/client';
import type { Measurement } from '../shared/providers/homewizard/models';
import { redact } from '../shared/settings';
import { clockWarning } from '../shared/providers/homewizard/clock-skew';
import { channelReadings } from './channels';
import type { Clock } from './clock';
import type { PairedDevice } from './config';
import type { Store } from './store';

export const DEFAULT_POLL_MS = 10_000;
export const MIN_POLL_MS = 1_000;

export interface PollerOptions {
  store: Store;
  devices: PairedDevice[];
  /** Device I/O: the pinned-certificate driver, or an in-process mock in tests. */
  io: AsyncIO;
  clock: Clock;
  /** Zone of the meters' clocks (their timestamps carry none). */
  zone: string;
  pollMs?: number;
  /** Delete readings older than this many days (half-hours are kept); 0 keeps them all. */
  keepReadingsDays?: number;
  log?: (line: string) => void;
}

export type PollOutcome =
  | { device: string; ok: true; measurement: Measurement; stored: number }
  | { device: string; ok: false; problem: string; error: string };

export function clampPollMs(ms: number | undefined): number {
  return Math.max(MIN_POLL_MS, Math.round(ms ?? DEFAULT_POLL_MS));
}

/**
 * A message about the devices with their user tokens cut out, in every encoded form: it
 * goes to the log, the database and, through /v1/now, to the cells of whoever asks.
 */
export function withoutDeviceTokens(message: string, devices: PairedDevice[]): string {
  return redact(
    message,
    devices.map((d) => d.token ?? '').filter((t) => t !== ''),
  );
}

function address(d: PairedDevice): DeviceAddress {
  return { host: d.host, api: d.api, ...(d.token ? { token: d.token } : {}) };
}

export class Poller {
  readonly pollMs: number;
  private readonly failing = new Map<string, string>();
  /** Devices whose clock disagrees with ours, and the warning last logged. */
  private readonly skewed = new Map<string, string>();
  private lastPrune = 0;

  constructor(private readonly o: PollerOptions) {
    this.pollMs = clampPollMs(o.pollMs);
    this.setDevices(o.devices);
  }

  get devices(): PairedDevice[] {
    return this.o.devices;
  }

  /** Polls these devices from the next poll on (a device was paired or re-paired). */
  setDevices(devices: PairedDevice[]): void {
    this.o.devices = devices;
    for (const d of devices)
      this.o.store.registerDevice(d.serial, d.host, d.productType, d.productName);
  }

  /** Polls every device once, together, and stores the answers. */
  async pollOnce(): Promise<PollOutcome[]> {
    const { clock, zone } = this.o;
    function* one(d: PairedDevice): Flow<PollOutcome> {
      try {
        const m = yield* readMeasurement(address(d), zone, () => clock.now());
        // An answer without a single register (a P1 meter that gets no telegrams from the
        // smart meter) is no healthy poll: the status says so, and its half-hours read as
        // Missing because nothing was recorded for them.
        if (channelReadings(m, d.productType).length === 0)
          return {
            device: d.serial,
            ok: false,
            problem: 'no-readings',
            error: 'it answered without any meter register; is it connected to the smart meter?',
          };
        return { device: d.serial, ok: true, measurement: m, stored: 0 };
      } catch (e) {
        return {
          device: d.serial,
          ok: false,
          problem: deviceProblem(e) ?? 'refused',
          error: isMeterError(e) ? e.message : String(e),
        };
      }
    }
    const devices = this.o.devices;
    let outcomes: PollOutcome[];
    try {
      outcomes = await runAsync(all(devices.map(one)), this.o.io);
    } catch (e) {
      // The transport itself failed (no answer object at all): every device in the batch
      // is unreachable this time, and polling carries on.
      const why = String((e as Error)?.message ?? e).split('\n')[0];
      outcomes = devices.map((d) => ({
        device: d.serial,
        ok: false,
        problem: 'offline',
        error: `the HomeWizard device at ${d.host} could not be reached (${why})`,
      }));
    }
    for (let i = 0; i < outcomes.length; i++) this.record(devices[i], outcomes[i]);
    this.prune();
    return outcomes;
  }

  private record(d: PairedDevice, out: PollOutcome): void {
    const { store, log } = this.o;
    if (!out.ok) {
      out.error = withoutDeviceTokens(out.error, this.o.devices);
      store.recordError(d.serial, out.problem, out.error, this.o.clock.now());
      if (this.failing.get(d.serial) !== out.error)
        log?.(`${d.productType ?? 'device'} ${d.serial} at ${d.host}: ${out.error}`);
      this.failing.set(d.serial, out.error);
      return;
    }
    if (this.failing.delete(d.serial))
      log?.(`${d.productType ?? 'device'} ${d.serial} at ${d.host}: answering again`);
    const m = out.measurement;
    this.checkClock(d, m);
    const readings = channelReadings(m, d.productType);
    const result = store.ingest(d.serial, readings, {
      json: JSON.stringify(m),
      at: m.receivedAt,
    });
    out.stored = result.stored;
    // Gaps are explained by the device having been offline (logged above); the others
    // are worth telling.
    for (const b of result.breaks.filter((x) => x.reason !== 'gap'))
      log?.(
        `${d.serial} ${b.channel}: not counted across this poll (${describeBreak(b.reason)}); that half-hour will read as Missing`,
      );
  }

  /** Says (once, and again when it changes by minutes) that the meter's clock is off. */
  private checkClock(d: PairedDevice, m: Measurement): void {
    const warning = clockWarning(m, this.o.zone);
    const name = `${d.productType ?? 'device'} ${d.serial} at ${d.host}`;
    if (!warning) {
      if (this.skewed.delete(d.serial))
        this.o.log?.(`${name}: its clock agrees with this machine's again`);
      return;
    }
    if (this.skewed.get(d.serial) === warning) return;
    this.skewed.set(d.serial, warning);
    this.o.log?.(`${name}: warning: ${warning}`);
  }

  private prune(): void {
    const days = this.o.keepReadingsDays ?? 0;
    const now = this.o.clock.now();
    if (days <= 0 || now - this.lastPrune < 3_600_000) return;
    this.lastPrune = now;
    this.o.store.pruneReadings(now - days * 86_400_000);
  }

  /** Polls on the rhythm until the signal aborts. Late polls skip ticks rather than bunch up. */
  async run(signal: AbortSignal): Promise<void> {
    const { clock } = this.o;
    const start = clock.now();
    let tick = 0;
    while (!signal.aborted) {
      await this.pollOnce();
      tick = Math.max(tick + 1, Math.ceil((clock.now() - start) / this.pollMs));
      await clock.sleep(start + tick * this.pollMs - clock.now(), signal);
    }
  }
}

function describeBreak(reason: string): string {
  switch (reason) {
    case 'decrease':
      return 'the register went down: reset or replaced meter';
    case 'meter-changed':
      return 'a different meter answered';
    case 'implausible-jump':
      return 'the register jumped more than any household uses: replaced meter?';
    default:
      return reason;
  }
}
