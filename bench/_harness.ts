// Helpers for benchmarks: time a function repeatedly and report figures the way
// scripts/bench.mjs collects them (a line `BENCH {"name": {"value": n, "unit": "…"}}`).
export interface Figure {
  value: number;
  unit: string;
}

const figures: Record<string, Figure> = {};

/** Median ms per call over repeated runs lasting at least `minMs` (after warm-up). */
export function timeIt(fn: () => void, minMs = 1500): number {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  const started = performance.now();
  while (performance.now() - started < minMs || samples.length < 5) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

export function report(name: string, value: number, unit: string, note = ''): void {
  figures[name] = { value: Number(value.toPrecision(4)), unit };
  console.log(
    `${name.padEnd(44)} ${String(figures[name].value).padStart(10)} ${unit}${note ? '  ' + note : ''}`,
  );
}

export function flush(): void {
  console.log('BENCH ' + JSON.stringify(figures));
}
