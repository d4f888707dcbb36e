// Tariffs typed into a cell, the same in every host:
//   0.245                                   a flat unit rate per kWh
//   0.245 + 0.60/day                        plus a standing charge per local day
//   00:30-05:30 0.085, 0.30 + 0.60/day      listed local-time bands, every other time at
//                                           the last bare rate
//   Mon-Fri 08:00-19:00 0.30, Sat 07:00-23:00 0.25, 0.20   bands on some weekdays only
// The currency is the settings' (default GBP): a cell holds numbers, not money.
import { MeterError } from '../errors';
import { type Band, ALWAYS, type Tariff, type UnitPricing } from './model';

const NUMBER = '-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)';
const BARE = new RegExp(`^(${NUMBER})(?:\\s*\\+\\s*(${NUMBER})\\s*/\\s*day)?$`, 'i');
const BAND = new RegExp(
  `^(?:([a-z]+(?:-[a-z]+)?)\\s+)?(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s+(${NUMBER})$`,
  'i',
);
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const INLINE_EXPECTED =
  'a rate like 0.245, "0.245 + 0.60/day" or "00:30-05:30 0.085, 0.30 + 0.60/day"';

/** Whether text looks like an inline tariff at all (starts with a number, a time or a day). */
export function looksInline(text: string): boolean {
  return /^\s*(?:-?[\d.]|[a-z]+(?:-[a-z]+)?\s+\d{1,2}:)/i.test(text);
}

function days(word: string | undefined, text: string): number[] | undefined {
  if (word === undefined) return undefined;
  const w = word.toLowerCase();
  if (w === 'daily') return undefined;
  if (w === 'weekdays') return [1, 2, 3, 4, 5];
  if (w === 'weekends') return [6, 7];
  const [a, b] = w.split('-');
  const i = DAY_NAMES.indexOf(a);
  const j = b === undefined ? i : DAY_NAMES.indexOf(b);
  if (i < 0 || j < 0)
    throw new MeterError(
      'argument',
      `tariff: "${word}" in "${text}" is not a day: use Mon…Sun, a range like Mon-Fri, weekdays, weekends or daily`,
    );
  const out: number[] = [];
  for (let k = i; ; k = (k + 1) % 7) {
    out.push(k + 1);
    if (k === j) break;
  }
  return out;
}

function minute(h: string, m: string, text: string): number {
  const hh = Number(h);
  const mm = Number(m);
  if (hh > 24 || mm > 59 || (hh === 24 && mm > 0))
    throw new MeterError('argument', `tariff: ${h}:${m} in "${text}" is not a time of day`);
  return hh * 60 + mm;
}

function overlaps(a: Band, b: Band): boolean {
  const pieces = (x: Band) =>
    x.from < x.to
      ? [[x.from, x.to]]
      : [
          [x.from, 1440],
          [0, x.to],
        ];
  const sameDay = !a.days || !b.days || a.days.some((d) => b.days?.includes(d));
  return (
    sameDay && pieces(a).some(([p, q]) => pieces(b).some(([r, s]) => p < s && r < q && p !== q))
  );
}

/** Parses an inline tariff; null when the text is not one (so other sources may claim it). */
export function parseInline(text: string, currency: string): Tariff | null {
  if (!looksInline(text)) return null;
  const bands: Band[] = [];
  let bare: { rate: number; standing: number } | null = null;
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (bare !== null)
      throw new MeterError(
        'argument',
        `tariff: the bare rate comes last in "${text}" (${INLINE_EXPECTED})`,
      );
    const band = BAND.exec(part);
    const flat = band ? null : BARE.exec(part);
    if (band) {
      const b: Band = {
        from: minute(band[2], band[3], text),
        to: minute(band[4], band[5], text),
        rate: Number(band[6]),
      };
      const d = days(band[1], text);
      if (d) b.days = d;
      if (b.from === b.to) throw new MeterError('argument', `tariff: the band "${part}" is empty`);
      const clash = bands.find((x) => overlaps(x, b));
      if (clash)
        throw new MeterError('argument', `tariff: the bands in "${text}" overlap at "${part}"`);
      bands.push(b);
    } else if (flat) bare = { rate: Number(flat[1]), standing: Number(flat[2] ?? 0) };
    else throw new MeterError('argument', `tariff: expected ${INLINE_EXPECTED}, got "${text}"`);
  }
  if (bare === null)
    throw new MeterError(
      'argument',
      `tariff: "${text}" needs a last bare rate for the other times, e.g. "${text}, 0.30"`,
    );
  const unit: UnitPricing =
    bands.length === 0
      ? { kind: 'flat', rate: bare.rate }
      : { kind: 'bands', bands, otherwise: bare.rate };
  return {
    name: text,
    label: text,
    currency,
    unit: [{ ...ALWAYS, value: unit }],
    standing: [{ ...ALWAYS, value: bare.standing }],
  };
}

/**
 * A list of tariffs in one text: `demo-flat, AGILE-24-10-01, 0.245 + 0.60/day`. Commas
 * also separate an inline tariff's bands, so a band stays with what follows it until the
 * bare rate that ends it; `;` separates tariffs too.
 */
export function splitTariffList(text: string): string[] {
  const out: string[] = [];
  for (const chunk of text.split(/[;\n]/)) {
    let open: string | null = null;
    for (const raw of chunk.split(',')) {
      const part = raw.trim();
      if (part === '') continue;
      if (open !== null) {
        open = `${open}, ${part}`;
        if (!BAND.test(part)) {
          out.push(open);
          open = null;
        }
      } else if (BAND.test(part)) open = part;
      else out.push(part);
    }
    if (open !== null) out.push(open);
  }
  return out;
}
