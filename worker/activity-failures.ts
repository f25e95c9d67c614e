// Every activity passes through here: its error is classified once (activities/failures.ts), and a
// step that keeps failing is written down for the operators (infra/activity-trouble.ts), so a stuck
// process is seen on a list and a metric rather than found by a person whose request hangs.
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { asActivityFailure } from '../activities/failures';
import { RULE_VIOLATION } from '../domain/failure-types';
import { activityTroubleStore } from '../infra/activity-trouble';
import type { Db } from '../infra/db';
import { errorKind, errorLabel } from '../infra/error-kind';

export function activityFailureInterceptor(db: Db, troubleAfterAttempts: number): ActivityInterceptorsFactory {
  const trouble = activityTroubleStore(db);
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const { info } = ctx;
        const workflowId = info.workflowExecution?.workflowId ?? '';
        try {
          const out = await next(input);
          // Only an attempt after a recorded one can have a row to clear: no extra query otherwise.
          if (info.attempt > troubleAfterAttempts) await trouble.clear(workflowId, info.activityType).catch(() => {});
          return out;
        } catch (err) {
          const failure = asActivityFailure(err);
          const refused = failure instanceof ApplicationFailure && failure.type === RULE_VIOLATION;
          const final = failure instanceof ApplicationFailure && failure.nonRetryable;
          const max = info.retryPolicy?.maximumAttempts ?? 0;
          const exhausted = max > 0 && info.attempt >= max;
          // A data error is answered at once (422 to a person); a persisted step reports its own park.
          if (!refused && !final && info.attempt >= troubleAfterAttempts) {
            const report = { workflowId, workflowType: info.workflowType ?? '', activityType: info.activityType, attempt: info.attempt, errorKind: errorKind(err), errorLabel: errorLabel(err), exhausted, at: new Date() };
            // Best effort: when the database is what failed, this fails too; Temporal still shows the attempts.
            await trouble.record(report).catch(() => {});
          }
          throw failure;
        }
      },
    },
  });
}
