import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;
/**
 * Keeps the SDK's per-task INFO lines out of test output (warnings and errors still show) and, when
 * given a port, serves the SDK's Prometheus metrics there like worker/main.ts does.
 */
export function quietTemporalRuntime(metricsPort?: number): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    ...(metricsPort ? { telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } } } : {}),
  });
}
