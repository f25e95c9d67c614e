import { condition } from '@temporalio/workflow';

/** The workflow's deterministic clock as a stored instant (activities take `at`, never their own now). */
export const nowIso = () => new Date(Date.now()).toISOString();

/**
 * Waits until `done()` holds or the stored instant `iso` passes (a durable timer); true when done.
 * An instant already past does not wait.
 */
export async function untilOrDone(done: () => boolean, iso: string): Promise<boolean> {
  const ms = Date.parse(iso) - Date.now();
  if (ms <= 0) return done();
  return condition(done, ms);
}
