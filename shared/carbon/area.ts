// Where on Great Britain's grid a carbon intensity is for: the whole of GB (national), one
// of the Carbon Intensity API's 17 regions (14 distribution network areas, then England,
// Scotland and Wales), a postcode's outward code (which the API maps to a region), or the
// built-in demo series. One parser serves settings, function arguments and CLI flags.
import { MeterError } from '../errors';

export type Area =
  | { kind: 'national' }
  | { kind: 'region'; id: number }
  | { kind: 'postcode'; outward: string }
  | { kind: 'demo' };

/** The API's region ids and names (regionid, shortname). */
export const REGIONS: readonly { id: number; name: string }[] = [
  { id: 1, name: 'North Scotland' },
  { id: 2, name: 'South Scotland' },
  { id: 3, name: 'North West England' },
  { id: 4, name: 'North East England' },
  { id: 5, name: 'Yorkshire' },
  { id: 6, name: 'North Wales & Merseyside' },
  { id: 7, name: 'South Wales' },
  { id: 8, name: 'West Midlands' },
  { id: 9, name: 'East Midlands' },
  { id: 10, name: 'East England' },
  { id: 11, name: 'South West England' },
  { id: 12, name: 'South England' },
  { id: 13, name: 'London' },
  { id: 14, name: 'South East England' },
  { id: 15, name: 'England' },
  { id: 16, name: 'Scotland' },
  { id: 17, name: 'Wales' },
];

export const AREA_EXPECTED =
  'national, a region id 1-17 (13 = London; see docs/carbon.md) or a postcode\'s outward code like "RG10"';

/** An outward code: the part of a UK postcode before the space (SW1A, RG10, M1, EH3). */
const OUTWARD = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
const FULL_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}$/;

/** The area a text names; `full-postcode` for a whole postcode (only the outward part is taken). */
export function readArea(value: string): Area | 'full-postcode' | null {
  const text = value.trim();
  const lower = text.toLowerCase();
  if (lower === 'national' || lower === 'gb') return { kind: 'national' };
  if (lower === 'demo') return { kind: 'demo' };
  if (/^\d{1,2}$/.test(text)) {
    const id = Number(text);
    return id >= 1 && id <= REGIONS.length ? { kind: 'region', id } : null;
  }
  const upper = text.toUpperCase();
  if (OUTWARD.test(upper)) return { kind: 'postcode', outward: upper };
  // The inward part is never sent: it narrows a home down to a few streets.
  if (FULL_POSTCODE.test(upper)) return 'full-postcode';
  return null;
}

export const FULL_POSTCODE_HINT =
  'only the outward part of a postcode (like "RG10"), not a full postcode';

/** The area a text names, or an argument error saying what `name` accepts. */
export function parseArea(value: string, name: string): Area {
  const area = readArea(value);
  if (area === 'full-postcode')
    throw new MeterError('argument', `${name}: expected ${FULL_POSTCODE_HINT}`);
  if (area) return area;
  const text = value.trim();
  throw new MeterError(
    'argument',
    `${name}: expected ${AREA_EXPECTED}, got ${JSON.stringify(text.length > 30 ? text.slice(0, 27) + '...' : text)}`,
  );
}

/** How an area is written in settings, headers and cache keys. */
export function areaText(area: Area): string {
  switch (area.kind) {
    case 'national':
      return 'national';
    case 'demo':
      return 'demo';
    case 'region':
      return String(area.id);
    case 'postcode':
      return area.outward;
  }
}

/** A human name: "London (region 13)", "Great Britain", "postcode area RG10". */
export function areaLabel(area: Area): string {
  switch (area.kind) {
    case 'national':
      return 'Great Britain';
    case 'demo':
      return 'demo grid';
    case 'region':
      return `${REGIONS[area.id - 1].name} (region ${area.id})`;
    case 'postcode':
      return `postcode area ${area.outward}`;
  }
}
