// The targets a benchmark run is judged by: each figure with its bound, its value and whether the
// run met it — in the JSON document, and as a short table on stderr for the person running it.

export interface Target {
  target: string;
  value: number | Record<string, number>;
  met: boolean;
  /** Where the run measured it when that differs from the target's own condition (smaller knobs). */
  measured_at?: string;
}

export const atLeast = (value: number, bound: number, measuredAt?: string): Target => ({
  target: `>= ${bound}`,
  value,
  met: value >= bound,
  ...(measuredAt ? { measured_at: measuredAt } : {}),
});

export const atMost = (value: number, bound: number, measuredAt?: string): Target => ({
  target: `<= ${bound}`,
  value,
  met: value <= bound,
  ...(measuredAt ? { measured_at: measuredAt } : {}),
});

/** The targets as aligned lines: figure, value, target, met. */
export function targetTable(targets: Record<string, Target>): string {
  const rows = Object.entries(targets).map(([figure, t]) => [
    figure,
    typeof t.value === 'number' ? String(t.value) : JSON.stringify(t.value),
    t.target,
    (t.met ? 'met' : 'NOT MET') + (t.measured_at ? ` (at ${t.measured_at})` : ''),
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), 6));
  return rows.map((r) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ')).join('\n');
}
