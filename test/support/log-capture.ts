// Collects what the API (pino, with the production redaction) and the worker (Temporal runtime
// logger: SDK, workflows, activities) would write to their logs, so tests can scan it.
import { inspect } from 'node:util';
import type { LogEntry } from '@temporalio/worker';
import type pino from 'pino';

export interface LogCapture {
  /** The API logger's destination. */
  api: pino.DestinationStream;
  /** The worker runtime's log function. */
  worker(entry: LogEntry): void;
  /** Every line so far, API and worker. */
  lines(): readonly string[];
}

export function captureLogs(): LogCapture {
  const lines: string[] = [];
  return {
    api: { write: (line: string) => void lines.push(line) },
    worker: (e) =>
      void lines.push(
        `[worker ${e.level}] ${e.message} ${inspect(e.meta ?? {}, { depth: 10, breakLength: Infinity })}`,
      ),
    lines: () => lines,
  };
}
