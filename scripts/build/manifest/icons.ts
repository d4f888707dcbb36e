// The add-in's icons, drawn from a few shapes in a unit square and rasterised at any size
// with 4×4 supersampling: the app icon (a bolt on a meter-teal tile) and one glyph per
// ribbon button. Office asks for 16, 32 and 80 px (and 64 px for the store listing).
type Point = [number, number];

type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; r?: number }
  | { kind: 'circle'; cx: number; cy: number; r: number }
  | { kind: 'ring'; cx: number; cy: number; r: number; width: number; from?: number; to?: number }
  | { kind: 'polygon'; points: Point[] }
  | { kind: 'polyline'; points: Point[]; width: number }
  | {
      kind: 'gear';
      cx: number;
      cy: number;
      outer: number;
      inner: number;
      hole: number;
      teeth: number;
    };

interface Layer {
  color: string;
  shape: Shape;
}

export interface IconSpec {
  name: string;
  layers: Layer[];
}

const TEAL = '#0f766e';
const INK = '#1f2937';
const AMBER = '#d97706';
const WHITE = '#ffffff';

function insideSegment(x: number, y: number, a: Point, b: Point, half: number): boolean {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2));
  const px = a[0] + t * dx - x;
  const py = a[1] + t * dy - y;
  return px * px + py * py <= half * half;
}

function insidePolygon(x: number, y: number, pts: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function angleIn(a: number, from: number, to: number): boolean {
  const norm = (v: number) => ((v % 360) + 360) % 360;
  const s = norm(from);
  const e = norm(to);
  const v = norm(a);
  return s <= e ? v >= s && v <= e : v >= s || v <= e;
}

export function inside(shape: Shape, x: number, y: number): boolean {
  switch (shape.kind) {
    case 'rect': {
      const { x: rx, y: ry, w, h } = shape;
      const r = shape.r ?? 0;
      if (x < rx || x > rx + w || y < ry || y > ry + h) return false;
      const cx = Math.max(rx + r, Math.min(rx + w - r, x));
      const cy = Math.max(ry + r, Math.min(ry + h - r, y));
      return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    }
    case 'circle':
      return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
    case 'ring': {
      const d = Math.hypot(x - shape.cx, y - shape.cy);
      if (Math.abs(d - shape.r) > shape.width / 2) return false;
      if (shape.from === undefined || shape.to === undefined) return true;
      const a = (Math.atan2(y - shape.cy, x - shape.cx) * 180) / Math.PI;
      return angleIn(a, shape.from, shape.to);
    }
    case 'polygon':
      return insidePolygon(x, y, shape.points);
    case 'polyline':
      for (let i = 0; i + 1 < shape.points.length; i++)
        if (insideSegment(x, y, shape.points[i], shape.points[i + 1], shape.width / 2)) return true;
      return false;
    case 'gear': {
      const d = Math.hypot(x - shape.cx, y - shape.cy);
      if (d < shape.hole) return false;
      const a = Math.atan2(y - shape.cy, x - shape.cx);
      const phase = ((((a / (2 * Math.PI)) * shape.teeth) % 1) + 1) % 1;
      const r = phase < 0.5 ? shape.outer : shape.inner;
      return d <= r;
    }
  }
}

function parseColor(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** RGBA pixels of the icon at size × size, straight (not premultiplied) alpha. */
export function rasterise(icon: IconSpec, size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const S = 4;
  const layers = icon.layers.map((l) => ({ rgb: parseColor(l.color), shape: l.shape }));
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          for (let i = layers.length - 1; i >= 0; i--) {
            if (inside(layers[i].shape, x, y)) {
              r += layers[i].rgb[0];
              g += layers[i].rgb[1];
              b += layers[i].rgb[2];
              a += 1;
              break;
            }
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((255 * a) / (S * S));
      }
    }
  }
  return out;
}

const BOLT: Point[] = [
  [0.56, 0.12],
  [0.28, 0.56],
  [0.48, 0.56],
  [0.42, 0.88],
  [0.72, 0.42],
  [0.52, 0.42],
];

export const ICONS: IconSpec[] = [
  {
    name: 'icon',
    layers: [
      { color: TEAL, shape: { kind: 'rect', x: 0.04, y: 0.04, w: 0.92, h: 0.92, r: 0.18 } },
      { color: WHITE, shape: { kind: 'polygon', points: BOLT } },
    ],
  },
  {
    name: 'import',
    layers: [
      { color: INK, shape: { kind: 'rect', x: 0.1, y: 0.3, w: 0.62, h: 0.6, r: 0.05 } },
      { color: WHITE, shape: { kind: 'rect', x: 0.16, y: 0.44, w: 0.5, h: 0.4 } },
      {
        color: INK,
        shape: {
          kind: 'polyline',
          points: [
            [0.16, 0.64],
            [0.66, 0.64],
          ],
          width: 0.06,
        },
      },
      {
        color: INK,
        shape: {
          kind: 'polyline',
          points: [
            [0.41, 0.44],
            [0.41, 0.84],
          ],
          width: 0.06,
        },
      },
      {
        color: TEAL,
        shape: {
          kind: 'polyline',
          points: [
            [0.78, 0.08],
            [0.78, 0.5],
          ],
          width: 0.12,
        },
      },
      {
        color: TEAL,
        shape: {
          kind: 'polygon',
          points: [
            [0.62, 0.44],
            [0.94, 0.44],
            [0.78, 0.64],
          ],
        },
      },
    ],
  },
  {
    name: 'compare',
    layers: [
      {
        color: INK,
        shape: {
          kind: 'polyline',
          points: [
            [0.1, 0.08],
            [0.1, 0.9],
            [0.94, 0.9],
          ],
          width: 0.07,
        },
      },
      {
        color: TEAL,
        shape: {
          kind: 'polyline',
          points: [
            [0.16, 0.7],
            [0.34, 0.52],
            [0.52, 0.6],
            [0.7, 0.26],
            [0.9, 0.34],
          ],
          width: 0.09,
        },
      },
      {
        color: AMBER,
        shape: {
          kind: 'polyline',
          points: [
            [0.16, 0.8],
            [0.36, 0.76],
            [0.54, 0.44],
            [0.72, 0.66],
            [0.9, 0.62],
          ],
          width: 0.09,
        },
      },
    ],
  },
  {
    // Three bars of different lengths on a baseline: costs side by side.
    name: 'tariffs',
    layers: [
      {
        color: INK,
        shape: {
          kind: 'polyline',
          points: [
            [0.1, 0.06],
            [0.1, 0.94],
          ],
          width: 0.07,
        },
      },
      { color: TEAL, shape: { kind: 'rect', x: 0.16, y: 0.14, w: 0.7, h: 0.18 } },
      { color: AMBER, shape: { kind: 'rect', x: 0.16, y: 0.41, w: 0.46, h: 0.18 } },
      { color: TEAL, shape: { kind: 'rect', x: 0.16, y: 0.68, w: 0.58, h: 0.18 } },
    ],
  },
  {
    name: 'settings',
    layers: [
      {
        color: INK,
        shape: { kind: 'gear', cx: 0.5, cy: 0.5, outer: 0.44, inner: 0.34, hole: 0.14, teeth: 8 },
      },
    ],
  },
  {
    name: 'refresh',
    layers: [
      {
        color: TEAL,
        shape: { kind: 'ring', cx: 0.5, cy: 0.52, r: 0.32, width: 0.12, from: -50, to: 250 },
      },
      {
        color: TEAL,
        shape: {
          kind: 'polygon',
          points: [
            [0.6, 0.06],
            [0.9, 0.24],
            [0.6, 0.42],
          ],
        },
      },
    ],
  },
];

export const ICON_SIZES = [16, 32, 64, 80] as const;

export function iconPath(name: string, size: number): string {
  return `assets/${name}-${size}.png`;
}
