// The pane's starting values: last month for an import; January against July of the
// latest year whose July is over, for a comparison (the demo's headline comparison).
function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function lastMonth(today: Date): { start: string; end: string } {
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0));
  return { start: iso(first), end: iso(last) };
}

/** This year's January and July once July is complete, else last year's. */
export function januaryAndJuly(today: Date): string[] {
  const year = today.getUTCMonth() >= 7 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  return [`${year}-01`, `${year}-07`];
}

/** A short label for an inclusive day range: `2024-01` for a whole month. */
export function rangeLabel(start: string, end: string): string {
  if (start === end) return start;
  const [y, m] = start.split('-').map(Number);
  const monthEnd = iso(new Date(Date.UTC(y, m, 0)));
  if (start.endsWith('-01') && end === monthEnd) return start.slice(0, 7);
  return `${start}..${end}`;
}
