import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;
/** Keeps the SDK's per-task INFO lines out of test output; warnings and errors still show. */
export function quietTemporalRuntime(): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed in this process
  }
}
