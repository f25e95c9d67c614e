import { condition } from '@temporalio/workflow';

/**
 * Waits until `done()` holds or the stored instant `iso` passes (a durable timer); true when done.
 * An instant already past does not wait.
 */
export async function untilOrDone(done: () => boolean, iso: string): Promise<boolean> {
  const ms = Date.parse(iso) - Date.now();
  if (ms <= 0) return done();
  return condition(done, ms);
}
