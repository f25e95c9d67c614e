import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

let installed = false;
// Through console, not straight to stderr (the SDK's default): vitest then shows a test file's worker
// warnings only when one of its tests fails (vitest.config.mts `silent`), all of them with TEST_LOGS=1.
const print = new DefaultLogger('WARN', (e) => console.warn(`[worker ${e.level}] ${e.message}`, ...(e.meta === undefined ? [] : [e.meta])));

/**
 * Keeps the SDK's per-task INFO lines out of test output (warnings and errors still show) and, when
 * given a port, serves the SDK's Prometheus metrics there like worker/main.ts does. With `capture`,
 * every worker log entry down to DEBUG (activities, workflows, the SDK) is handed to it as well; the
 * runtime is per process, so only the first stack of a test file decides.
 */
export function quietTemporalRuntime(metricsPort?: number, capture?: (entry: LogEntry) => void): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    logger: capture
      ? new DefaultLogger('DEBUG', (entry) => {
          capture(entry);
          print.log(entry.level, entry.message, entry.meta);
        })
      : print,
    telemetryOptions: {
      // The SDK core's own warnings go through the same logger (else they are written to stderr directly).
      logging: { forward: {} },
      ...(metricsPort ? { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } } : {}),
    },
  });
}
