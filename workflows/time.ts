import { condition } from '@temporalio/workflow';

/** The workflow's deterministic clock as a stored instant (activities take `at`, never their own now). */
export const nowIso = () => new Date(Date.now()).toISOString();

/**
 * Waits until `done()` holds or the stored instant `iso` passes (a durable timer); true when done.
 * An instant already past does not wait. `interrupted` ends the wait early too (a deadline moved):
 * the caller then waits again for the new instant.
 */
export async function untilOrDone(done: () => boolean, iso: string, interrupted?: () => boolean): Promise<boolean> {
  const ms = Date.parse(iso) - Date.now();
  if (ms <= 0) return done();
  // Without an interruption the same timer as always, so histories recorded before it replay.
  if (!interrupted) return condition(done, ms);
  return (await condition(() => done() || interrupted(), ms)) && done();
}
