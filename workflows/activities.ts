// The activities as workflows see them: one bounded retry policy, and what a process does when a
// step still fails after its last attempt (README "Failures"). Nothing retries for ever.
//
// - A person's action (an Update's handler): the action fails with a problem the API answers —
//   the refusal as it was, 422 for data the database refuses, 503 "send it again" after the last
//   attempt — and the process is as before, ready for the next action.
// - A step the process owes (its start, a reinstatement, an escalation, a lapse): `persist` parks it
//   on a durable timer and tries again, so it is never skipped and never spins; the operators' list
//   of stuck processes shows it meanwhile.
// - A courtesy (a reminder): `bestEffort` lets it go after the last attempt; the escalation at the
//   due time still comes.
import {
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  log,
  proxyActivities,
  proxyLocalActivities,
  sleep,
  TemporalFailure,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ACTIVITY_RETRY, DATA_ERROR, RULE_VIOLATION, STEP_FAILED } from '../domain/failure-types';

/** Refusals and data errors are made final at once by the worker's interceptor (worker/activity-failures.ts). */
export const acts = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: ACTIVITY_RETRY });

/**
 * The same activities run by the workflow's own task (local activities): a step a person waits for
 * that is one short transaction, so their request is answered in one workflow task instead of a round
 * trip through the activity queue and a second workflow task (issue #17). Same retries; the result is
 * recorded as a marker in the history, so a replay does not run it again.
 */
export const here = asActivityFailures(
  proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: ACTIVITY_RETRY }),
);

/**
 * A local activity's last failure reaches the workflow as the activity's own error (or a timeout),
 * not wrapped in an ActivityFailure as a remote one's is. Wrapped here, so every step's failure reads
 * the same below: a refusal is final, anything else after its last attempt is StepFailed or parked.
 */
function asActivityFailures(local: Activities): Activities {
  return new Proxy(local, {
    get: (target, name: string) => {
      const run = target[name as ActivityName] as (...args: unknown[]) => Promise<unknown>;
      return async (...args: unknown[]) => {
        try {
          return await run(...args);
        } catch (err) {
          if (err instanceof ActivityFailure || err instanceof CancelledFailure || !(err instanceof TemporalFailure))
            throw err;
          throw new ActivityFailure(err.message, name, undefined, 'MAXIMUM_ATTEMPTS_REACHED', undefined, err);
        }
      };
    },
  });
}

const isFinalAnswer = (f: ApplicationFailure) => f.type === RULE_VIOLATION || f.type === DATA_ERROR;

/**
 * What a person's action answers when its step failed: the refusal or data error as the activity
 * said it, else (retries exhausted, timed out) a StepFailed failure — never a workflow-task failure,
 * which would leave the Update hanging.
 */
export function actionFailure(err: unknown): ApplicationFailure {
  if (err instanceof ActivityFailure) {
    if (err.cause instanceof ApplicationFailure && isFinalAnswer(err.cause)) return err.cause;
    return stepFailed();
  }
  if (err instanceof ApplicationFailure) return err;
  throw err;
}

/**
 * Writes a person's action (an Update's handler) with `work`; when it fails, `undo` puts back what the
 * handler had set at once (a mark that refuses a second action racing it), and the Update answers as
 * actionFailure says. Every handler's write goes through here, so none has a try/catch of its own.
 */
export async function write<T>(work: () => Promise<T>, undo?: () => void): Promise<T> {
  try {
    return await work();
  } catch (err) {
    undo?.();
    throw actionFailure(err);
  }
}

const stepFailed = () =>
  ApplicationFailure.create({
    type: STEP_FAILED,
    nonRetryable: true,
    // Its steps are idempotent, so sending the action again completes it once, whether or not the
    // last attempt committed before its answer was lost. The same Idempotency-Key would name this
    // Update again and get this answer again: a new request needs a new key (the web UI renews it).
    message: 'a step of the process failed after its last attempt; send the request again with a new Idempotency-Key',
  });

/** Minutes a parked step waits before it is tried again: 1, 2, 4 … then every hour. */
export const parkMinutes = (parked: number) => Math.min(2 ** parked, 60);

type ActivityName = keyof Activities;

/**
 * Runs a step the process owes until it succeeds. After each last attempt it waits on a durable timer
 * (`parkMinutes`) and tries again; a rule's refusal is returned to the caller as before. Once it
 * succeeds after a park, the operators' list forgets it.
 */
export function persist<K extends ActivityName>(name: K, ...args: Parameters<Activities[K]>): Promise<Result<K>> {
  return untilDone(name, args, (f) => f.type === RULE_VIOLATION);
}

/**
 * The first step of a process, which a person's request waits for: as `persist`, but data the
 * database refuses is a final answer (422) too — the request is refused, nothing was created.
 */
export function persistStart<K extends ActivityName>(name: K, ...args: Parameters<Activities[K]>): Promise<Result<K>> {
  return untilDone(name, args, isFinalAnswer);
}

/** As `persistStart`, run by the workflow's own task (`here`). */
export function persistStartHere<K extends ActivityName>(
  name: K,
  ...args: Parameters<Activities[K]>
): Promise<Result<K>> {
  return untilDone(name, args, isFinalAnswer, here);
}

type Result<K extends ActivityName> = Awaited<ReturnType<Activities[K]>>;

async function untilDone<K extends ActivityName>(
  name: K,
  args: Parameters<Activities[K]>,
  final: (f: ApplicationFailure) => boolean,
  proxy: Activities = acts,
): Promise<Result<K>> {
  const run = proxy[name] as (...a: Parameters<Activities[K]>) => Promise<Result<K>>;
  for (let parked = 0; ; parked++) {
    try {
      const out = await run(...args);
      if (parked > 0) await bestEffort('clearActivityTrouble', { activityType: name });
      return out;
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const cause = err.cause instanceof ApplicationFailure ? err.cause : undefined;
      // Final only when the activity said so: a retryable refusal (a certificate changed concurrently)
      // that ran out of attempts is parked and tried again like any other failure.
      if (cause?.nonRetryable && final(cause)) throw err;
      log.warn('step parked after its last attempt', { activityType: name, parked: parked + 1 });
      // On the operators' list at every park (its time refreshed, so the list shows it as current):
      // the interceptor never sees a timed-out attempt, and a data error fails at its first.
      await bestEffort('recordParkedStep', {
        activityType: name,
        failureType: cause?.type ?? err.cause?.name ?? 'ActivityFailure',
        label: String((cause?.details?.[0] as { label?: string } | undefined)?.label ?? ''),
      });
      await sleep(`${parkMinutes(parked)} minutes`);
    }
  }
}

/**
 * A step the process goes on without after its last attempt (a courtesy, or one it will try again
 * later by itself); true when it was done.
 */
export async function bestEffort<K extends ActivityName>(
  name: K,
  ...args: Parameters<Activities[K]>
): Promise<boolean> {
  try {
    await (acts[name] as (...a: Parameters<Activities[K]>) => Promise<unknown>)(...args);
    return true;
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    log.warn('step not done after its last attempt; the process goes on', { activityType: name });
    return false;
  }
}
