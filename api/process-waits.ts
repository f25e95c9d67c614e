// Requests that change a process and are still waiting for it (a Workflow Update, a start): the
// operators' list of stuck processes and the metrics read them here. Per API instance, in memory:
// every instance reports its own, and Prometheus adds them up.
export interface ProcessWait {
  /** The route template, e.g. `POST /api/review-tasks/{id}/decision`. */
  route: string;
  since: number;
}

export function processWaits(now: () => number = Date.now) {
  const open = new Map<number, ProcessWait>();
  let next = 0;
  return {
    /** Marks a request as waiting; the returned function ends the wait, whatever the outcome. */
    begin(route: string): () => void {
      const id = ++next;
      open.set(id, { route, since: now() });
      return () => open.delete(id);
    },
    /** Waits older than `seconds`, the oldest first. */
    olderThan(seconds: number): (ProcessWait & { waitingSeconds: number })[] {
      const t = now();
      return [...open.values()]
        .filter((w) => t - w.since >= seconds * 1000)
        .sort((a, b) => a.since - b.since)
        .map((w) => ({ ...w, waitingSeconds: Math.floor((t - w.since) / 1000) }));
    },
    oldestSeconds(): number {
      const t = now();
      let oldest = t;
      for (const w of open.values()) oldest = Math.min(oldest, w.since);
      return (t - oldest) / 1000;
    },
  };
}

export type ProcessWaits = ReturnType<typeof processWaits>;
