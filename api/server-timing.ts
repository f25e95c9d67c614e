// The Server-Timing header (W3C): how long a request spent in named phases, so a client — the
// benchmark, a browser's developer tools — sees where a decision's time goes: `auth` (the bearer
// token and its user), `update` (the Workflow Update's round trip). Durations only, nothing else.
import type { Response } from 'express';

/** Runs `work` and adds its duration to the answer's Server-Timing as `phase` (failed or not). */
export async function timedPhase<T>(res: Response, phase: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    if (!res.headersSent) res.append('Server-Timing', `${phase};dur=${(performance.now() - start).toFixed(1)}`);
  }
}
