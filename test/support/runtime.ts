import { inspect } from 'node:util';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import { clock } from '../../api/human-log';
import { testLog } from './test-log';

let installed = false;

/**
 * Warnings and errors go through console, not straight to stderr (the SDK's default): vitest then
 * shows a test file's worker warnings only when one of its tests fails (vitest.config.mts `silent`),
 * all of them with TEST_LOGS=1; the SDK's per-task INFO lines (and DEBUG ones when captured) go to the
 * test file's log only (test/support/test-log.ts).
 */
function print(e: LogEntry): void {
  if (e.level === 'WARN' || e.level === 'ERROR')
    console.warn(`[worker ${e.level}] ${e.message}`, ...(e.meta === undefined ? [] : [e.meta]));
  else
    testLog(
      `${clock(Number(e.timestampNanos / 1_000_000n))} [worker ${e.level}] ${e.message}${e.meta === undefined ? '' : ` ${inspect(e.meta, { depth: 10, breakLength: Infinity })}`}`,
    );
}

/**
 * Keeps the SDK's per-task INFO lines out of test output (in the test file's log instead; warnings and
 * errors still show) and, when given a port, serves the SDK's Prometheus metrics there like
 * worker/main.ts does. With `capture`, every worker log entry down to DEBUG (activities, workflows,
 * the SDK) is handed to it as well; the runtime is per process, so only the first stack of a test file
 * decides.
 */
export function quietTemporalRuntime(metricsPort?: number, capture?: (entry: LogEntry) => void): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    logger: new DefaultLogger(capture ? 'DEBUG' : 'INFO', (entry) => {
      capture?.(entry);
      print(entry);
    }),
    telemetryOptions: {
      // The SDK core's own warnings go through the same logger (else they are written to stderr directly).
      logging: { forward: {} },
      ...(metricsPort ? { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } } : {}),
    },
  });
}
