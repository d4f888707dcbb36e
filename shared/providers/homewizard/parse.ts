// Small, strict readers for device JSON: a data point that is missing, null or of the
// wrong type is left out of the model, never turned into zero.
import {
  type ExternalReading,
  KNOWN_EXTERNAL_TYPES,
  type Measurement,
  type MeasurementNumber,
} from './models';
import { parseWallTime, wallToUtc } from './timestamp';

export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Where and when a response was read: the zone of the meter's clock and the arrival time. */
export interface ReadContext {
  zone: string;
  receivedAt: number;
}

/** A zone-less device timestamp (v2 ISO text or v1 yymmddhhmmss) as a UTC instant. */
export function deviceTime(value: unknown, ctx: ReadContext): number | undefined {
  const wall = parseWallTime(value);
  return wall === null ? undefined : wallToUtc(ctx.zone, wall, ctx.receivedAt);
}

/** Copies the numeric data points named in `fields` (wire name → model name). */
export function copyNumbers(
  json: Json,
  fields: Record<string, MeasurementNumber>,
  into: Measurement,
): void {
  const target = into as unknown as Record<string, number>;
  for (const wire of Object.keys(fields)) {
    const v = num(json[wire]);
    if (v !== undefined) target[fields[wire]] = v;
  }
}

/** The `external` list: every entry with an id and a type is kept, known type or not. */
export function parseExternal(value: unknown, ctx: ReadContext): ExternalReading[] {
  if (!Array.isArray(value)) return [];
  const out: ExternalReading[] = [];
  for (const item of value) {
    const e = asObject(item);
    const uniqueId = e && str(e.unique_id);
    const type = e && str(e.type);
    if (!e || !uniqueId || !type) continue;
    const reading: ExternalReading = {
      uniqueId,
      type,
      known: (KNOWN_EXTERNAL_TYPES as readonly string[]).includes(type),
    };
    const value = num(e.value);
    if (value !== undefined) reading.value = value;
    const unit = str(e.unit);
    if (unit !== undefined) reading.unit = unit;
    const time = deviceTime(e.timestamp, ctx);
    if (time !== undefined) reading.time = time;
    out.push(reading);
  }
  return out;
}
