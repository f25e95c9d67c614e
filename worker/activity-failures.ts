// Every activity passes through here: its error is classified once (activities/failures.ts), and a
// step that keeps failing is written down for the operators (infra/activity-trouble.ts), so a stuck
// process is seen on a list and a metric rather than found by a person whose request hangs.
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { asActivityFailure } from '../activities/failures';
import { ACTIVITY_RETRY, RULE_VIOLATION } from '../domain/failure-types';
import { activityTroubleStore } from '../infra/activity-trouble';
import type { Db } from '../infra/db';
import { errorKind, errorLabel } from '../infra/error-kind';

/** How often a worker re-reads whether any step is in trouble now (a row another worker wrote). */
const TROUBLE_CHECK_MS = 30_000;

export function activityFailureInterceptor(db: Db, troubleAfterAttempts: number): ActivityInterceptorsFactory {
  const trouble = activityTroubleStore(db);
  // While no step is in trouble (the normal case) a success costs no query; while some are, every
  // success clears its own row — whichever worker runs it, at whatever attempt (a person's retry of
  // a failed action starts a new activity at attempt 1).
  let inTrouble = true;
  let checkedAt = 0;
  const anyTrouble = async () => {
    if (Date.now() - checkedAt > TROUBLE_CHECK_MS) {
      checkedAt = Date.now();
      inTrouble = await trouble.countCurrent().then(
        (n) => n > 0,
        () => inTrouble,
      );
    }
    return inTrouble;
  };
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const { info } = ctx;
        const workflowId = info.workflowExecution?.workflowId ?? '';
        try {
          const out = await next(input);
          // A retried success may have a row (cheap to try); a first attempt only while some row exists.
          if (info.attempt > 1 || (await anyTrouble()))
            await trouble.clear(workflowId, info.activityType).catch(() => {});
          return out;
        } catch (err) {
          const failure = asActivityFailure(err);
          const refused = failure instanceof ApplicationFailure && failure.type === RULE_VIOLATION;
          const final = failure instanceof ApplicationFailure && failure.nonRetryable;
          // Not every server sends the policy (the time-skipping one does not): ours is the default.
          const max = info.retryPolicy?.maximumAttempts ?? ACTIVITY_RETRY.maximumAttempts;
          const exhausted = max > 0 && info.attempt >= max;
          // A data error is answered at once (422 to a person); a persisted step reports its own park.
          if (!refused && !final && info.attempt >= troubleAfterAttempts) {
            const report = {
              workflowId,
              workflowType: info.workflowType ?? '',
              activityType: info.activityType,
              attempt: info.attempt,
              errorKind: errorKind(err),
              errorLabel: errorLabel(err),
              exhausted,
              at: new Date(),
            };
            // Best effort: when the database is what failed, this fails too; Temporal still shows the attempts.
            await trouble.record(report).then(
              () => (inTrouble = true),
              () => {},
            );
          }
          throw failure;
        }
      },
    },
  });
}
