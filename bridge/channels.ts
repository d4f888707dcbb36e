// Which registers of a measurement the bridge records, and how each becomes a meter.
// A P1 meter gives import and export (in total and per tariff) and the external meters
// (gas, water, heat) hanging off the smart meter; a plug-in battery gives the energy it
// took in and gave back. Every register is recorded; those measuring energy (kWh, or gas
// and heat converted to kWh) are offered as meters.
import type { Direction, Fuel } from '../shared/model';
import {
  type Measurement,
  TARIFFS,
  exportTariffKey,
  importTariffKey,
} from '../shared/providers/homewizard/models';
import type { ChannelPolicy, CounterReading } from './halfhours';

export type ChannelKind = 'electricity' | 'gas' | 'water' | 'heat' | 'other';

export interface ChannelSpec {
  /** `import`, `import-t1`, `export-t2`, `gas`, `water`, `heat`, `gas-2`, … */
  id: string;
  kind: ChannelKind;
  direction: Direction;
  /** The register's unit as the device reports it: kWh, m3, GJ. */
  unit: string;
  label: string;
  policy: ChannelPolicy;
}

export interface ChannelReading {
  channel: ChannelSpec;
  reading: CounterReading;
}

const MINUTE = 60_000;

// A household never draws 100 kW; a register growing faster than that was swapped.
const ELECTRICITY: ChannelPolicy = { maxGapMs: 5 * MINUTE, maxRatePerHour: 100 };

// Gas meters report on their own clock: DSMR 5 every 5 minutes, DSMR 4 every hour, so an
// hourly gas reading is shared between its two half-hours.
function externalPolicy(kind: ChannelKind, protocolVersion: number | undefined): ChannelPolicy {
  const maxGapMs =
    protocolVersion !== undefined && protocolVersion < 50 ? 65 * MINUTE : 15 * MINUTE;
  const maxRatePerHour = kind === 'gas' ? 40 : kind === 'heat' ? 1 : 20;
  return { maxGapMs, maxRatePerHour };
}

const EXTERNAL_CHANNEL: Record<string, { id: string; kind: ChannelKind; label: string }> = {
  gas_meter: { id: 'gas', kind: 'gas', label: 'gas' },
  water_meter: { id: 'water', kind: 'water', label: 'water' },
  warm_water_meter: { id: 'warm-water', kind: 'water', label: 'warm water' },
  heat_meter: { id: 'heat', kind: 'heat', label: 'heat' },
  inlet_heat_meter: { id: 'inlet-heat', kind: 'heat', label: 'inlet heat' },
};

function describe(productType: string | undefined): { import: string; export: string } {
  return productType === 'HWE-BAT'
    ? { import: 'energy charged into the battery', export: 'energy delivered by the battery' }
    : { import: 'electricity import', export: 'electricity export' };
}

/** The registers in a measurement, each as a reading of its channel. */
export function channelReadings(m: Measurement, productType?: string): ChannelReading[] {
  const out: ChannelReading[] = [];
  const t = m.time ?? m.receivedAt;
  const source = m.uniqueId ?? '';
  const tariff = m.tariff ?? null;
  const words = describe(productType);
  for (const direction of ['import', 'export'] as const) {
    const totalKey = direction === 'import' ? 'energyImportKwh' : 'energyExportKwh';
    const tariffKey = direction === 'import' ? importTariffKey : exportTariffKey;
    const perTariff = TARIFFS.map((n) => ({ n, value: m[tariffKey(n)] })).filter(
      (x): x is { n: 1 | 2 | 3 | 4; value: number } => x.value !== undefined,
    );
    // Meters that send only tariff registers (as in HomeWizard's own 1-phase example) get
    // their total as the sum.
    const total =
      m[totalKey] ?? (perTariff.length ? perTariff.reduce((s, x) => s + x.value, 0) : undefined);
    if (total !== undefined)
      out.push({
        channel: {
          id: direction,
          kind: 'electricity',
          direction,
          unit: 'kWh',
          label: `${words[direction]}${perTariff.length ? ' (all tariffs)' : ''}`,
          policy: ELECTRICITY,
        },
        reading: { t, value: total, source, tariff },
      });
    for (const x of perTariff)
      out.push({
        channel: {
          id: `${direction}-t${x.n}`,
          kind: 'electricity',
          direction,
          unit: 'kWh',
          label: `${words[direction]}, tariff ${x.n}`,
          policy: { ...ELECTRICITY, tariff: x.n },
        },
        reading: { t, value: x.value, source, tariff },
      });
  }
  const seen = new Map<string, number>();
  for (const e of m.external) {
    if (e.value === undefined) continue;
    const known = EXTERNAL_CHANNEL[e.type];
    const base = known?.id ?? `ext-${e.type.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const kind = known?.kind ?? 'other';
    out.push({
      channel: {
        id: n === 1 ? base : `${base}-${n}`,
        kind,
        direction: 'import',
        unit: e.unit ?? '',
        label: `${known?.label ?? e.type}${n === 1 ? '' : ` (${n})`}`,
        policy: externalPolicy(kind, m.protocolVersion),
      },
      reading: { t: e.time ?? m.receivedAt, value: e.value, source: e.uniqueId, tariff: null },
    });
  }
  return out;
}

export const KWH_PER_GJ = 1e6 / 3600;

/**
 * kWh per unit of a channel's register, or null when it does not measure energy (water).
 * Gas volume becomes energy through its calorific value (a setting: 9.769 kWh/m³ is the
 * Dutch reference, 35.17 MJ/m³).
 */
export function kwhPerUnit(kind: ChannelKind, unit: string, gasKwhPerM3: number): number | null {
  const u = unit.toLowerCase();
  if (u === 'kwh') return 1;
  if (u === 'mwh') return 1000;
  if (u === 'gj') return KWH_PER_GJ;
  if (u === 'mj') return 1 / 3.6;
  if (kind === 'gas' && (u === 'm3' || u === 'm³')) return gasKwhPerM3;
  return null;
}

export function fuelOf(kind: ChannelKind): Fuel | null {
  return kind === 'electricity' || kind === 'gas' || kind === 'heat' ? kind : null;
}
