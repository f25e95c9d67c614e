// Histograms from Prometheus text (the API's prom-client /metrics, the worker's Temporal SDK
// exporter): each series' sum and count, so a benchmark can take deltas over a run.

export interface Series {
  labels: Record<string, string>;
  /** Sum of observations, in milliseconds. */
  sumMs: number;
  count: number;
}

const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/**
 * The series of histogram `name` in `text`. The name may end in its unit or be followed by one
 * (`_seconds`, `_milliseconds`): seconds are turned into ms, anything else is taken as ms (the
 * Temporal SDK's default).
 */
export function histogram(text: string, name: string): Series[] {
  const line = new RegExp(`^${name}(_seconds|_milliseconds)?_(sum|count)(\\{.*\\})?\\s+(\\S+)$`);
  const series = new Map<string, Series>();
  for (const l of text.split('\n')) {
    const m = line.exec(l);
    if (!m) continue;
    const [, unit, part, labelText = '', value] = m;
    const s = series.get(labelText) ?? {
      labels: Object.fromEntries([...labelText.matchAll(LABEL)].map((x) => [x[1], x[2]])),
      sumMs: 0,
      count: 0,
    };
    if (part === 'count') s.count = Number(value);
    else s.sumMs = Number(value) * (`${name}${unit ?? ''}`.endsWith('_seconds') ? 1000 : 1);
    series.set(labelText, s);
  }
  return [...series.values()];
}

/** Sum and count over the series whose labels include `match`. */
export function total(series: Series[], match: Record<string, string> = {}): { sumMs: number; count: number } {
  const hits = series.filter((s) => Object.entries(match).every(([k, v]) => s.labels[k] === v));
  return { sumMs: hits.reduce((a, s) => a + s.sumMs, 0), count: hits.reduce((a, s) => a + s.count, 0) };
}
