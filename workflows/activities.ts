// The activities as workflows see them, with one retry policy, and how their refusals surface.
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** Activities retry until they succeed (they are idempotent); a refused rule is final. */
export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** An activity's refusal reaches the caller as the ApplicationFailure it carried; anything else is rethrown. */
export function unwrapRefusal(err: unknown): ApplicationFailure {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) return err.cause;
  if (err instanceof ApplicationFailure) return err;
  throw err;
}
