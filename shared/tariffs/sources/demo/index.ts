// Built-in demo tariffs, so a tariff comparison runs with no network and no account:
// flat, two-rate (Economy 7 style), three-band time-of-use (Cosy style), a deterministic
// dynamic tariff (Agile style: half-hourly, cheap at night, dear at 16–19, published up
// to the end of tomorrow), a flat export tariff and a gas tariff.
import { MeterError } from '../../../errors';
import { pure } from '../../../flow';
import { MS_PER_DAY, MS_PER_HALF_HOUR, MS_PER_MINUTE } from '../../../time/civil';
import { civilDayAt, localMidnight, offsetAt } from '../../../time/zone';
import type { Table } from '../../../table';
import { ALWAYS, type RateSlot, type Tariff } from '../../model';
import type { PriceSource, TariffContext } from '../source';

const DEMO_ZONE = 'Europe/London';

interface DemoTariff {
  label: string;
  build(ctx: TariffContext): Omit<Tariff, 'name' | 'label' | 'currency'>;
}

const flat = (rate: number, standing: number) => ({
  unit: [{ ...ALWAYS, value: { kind: 'flat' as const, rate } }],
  standing: [{ ...ALWAYS, value: standing }],
});

/** A fixed pseudo-random number in [0, 1) per integer: the same rates on every run. */
function noise(k: number): number {
  let h = Math.imul(k ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** The demo dynamic rate of the half-hour starting at t (UTC ms), £/kWh. */
export function demoDynamicRate(t: number): number {
  const local = (((t + offsetAt(DEMO_ZONE, t)) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const minute = local / MS_PER_MINUTE;
  const k = Math.floor(t / MS_PER_HALF_HOUR);
  const season = 0.03 * Math.cos((2 * Math.PI * (t / MS_PER_DAY)) / 365.25);
  let rate = 0.16 + season + (noise(k) - 0.5) * 0.08;
  if (minute >= 16 * 60 && minute < 19 * 60) rate += 0.15;
  else if (minute < 5 * 60) rate -= 0.07;
  return Math.round(rate * 10000) / 10000;
}

/** Published like Agile: up to the end of tomorrow, local time; later slots are unknown. */
function dynamicSlots(ctx: TariffContext): RateSlot[] {
  const publishedTo = localMidnight(DEMO_ZONE, civilDayAt(DEMO_ZONE, ctx.clock()) + 2);
  const from = Math.floor(ctx.from / MS_PER_HALF_HOUR) * MS_PER_HALF_HOUR;
  const to = Math.min(ctx.to, publishedTo);
  const slots: RateSlot[] = [];
  for (let t = from; t < to; t += MS_PER_HALF_HOUR)
    slots.push({ from: t, to: t + MS_PER_HALF_HOUR, rate: demoDynamicRate(t) });
  return slots;
}

export const DEMO_TARIFFS: Record<string, DemoTariff> = {
  'demo-flat': { label: 'Demo flat: 24.50p/kWh, 60p/day', build: () => flat(0.245, 0.6) },
  'demo-two-rate': {
    label: 'Demo two-rate: 12p/kWh 00:30–07:30, 29p/kWh otherwise, 55p/day',
    build: () => ({
      unit: [
        {
          ...ALWAYS,
          value: { kind: 'bands', bands: [{ from: 30, to: 450, rate: 0.12 }], otherwise: 0.29 },
        },
      ],
      standing: [{ ...ALWAYS, value: 0.55 }],
    }),
  },
  'demo-tou': {
    label: 'Demo time-of-use: 13p 04–07 and 13–16, 40p 16–19, 27p otherwise, 50p/day',
    build: () => ({
      unit: [
        {
          ...ALWAYS,
          value: {
            kind: 'bands',
            bands: [
              { from: 240, to: 420, rate: 0.13 },
              { from: 780, to: 960, rate: 0.13 },
              { from: 960, to: 1140, rate: 0.4 },
            ],
            otherwise: 0.27,
          },
        },
      ],
      standing: [{ ...ALWAYS, value: 0.5 }],
    }),
  },
  'demo-dynamic': {
    label: 'Demo dynamic: half-hourly rates published to the end of tomorrow, 45p/day',
    build: (ctx) => ({
      unit: [{ ...ALWAYS, value: { kind: 'slots', slots: dynamicSlots(ctx) } }],
      standing: [{ ...ALWAYS, value: 0.45 }],
    }),
  },
  'demo-export': {
    label: 'Demo export: 15p/kWh paid for exported energy',
    build: () => ({ ...flat(0.15, 0), export: true }),
  },
  'demo-gas': {
    label: 'Demo gas: 6.2p/kWh, 31p/day',
    build: () => ({ ...flat(0.062, 0.31), fuel: 'gas' }),
  },
};

export const DEMO_SOURCE: PriceSource = {
  id: 'demo',
  hosts: [],
  claims: (text) => /^demo-/i.test(text),
  tariff(text, ctx) {
    const name = text.toLowerCase();
    const d = Object.prototype.hasOwnProperty.call(DEMO_TARIFFS, name)
      ? DEMO_TARIFFS[name]
      : undefined;
    if (!d)
      throw new MeterError(
        'argument',
        `tariff: no demo tariff "${text}"; the demo tariffs are ${Object.keys(DEMO_TARIFFS).join(', ')}`,
      );
    return pure({ name, label: d.label, currency: 'GBP', ...d.build(ctx) });
  },
  list(filter) {
    const rows: Table = [['Tariff', 'Product', 'Name', 'Kind']];
    for (const [name, d] of Object.entries(DEMO_TARIFFS))
      if (!filter || (name + ' ' + d.label).toLowerCase().includes(filter.toLowerCase()))
        rows.push([name, 'demo', d.label, name.slice(5)]);
    return pure(rows);
  },
};
