// Activities about the process itself rather than its records: what a parked step tells operators.
import { activityInfo } from '@temporalio/activity';
import { activityTroubleStore } from '../infra/activity-trouble';
import type { Db } from '../infra/db';

/** The workflow that scheduled the running activity. */
const caller = () => {
  const info = activityInfo();
  return { workflowId: info.workflowExecution?.workflowId ?? '', workflowType: info.workflowType ?? '' };
};

export function operationsActivities(db: Db) {
  const trouble = activityTroubleStore(db);
  return {
    /** A step the workflow parked after its last attempt (workflows/activities.ts `persist`). */
    async recordParkedStep(i: { activityType: string; errorKind: string; errorLabel: string; attempts: number }): Promise<void> {
      await trouble.record({ ...caller(), activityType: i.activityType, attempt: i.attempts, errorKind: i.errorKind, errorLabel: i.errorLabel, exhausted: true, at: new Date() });
    },
    /** A parked step succeeded at last. */
    async clearActivityTrouble(i: { activityType: string }): Promise<void> {
      await trouble.clear(caller().workflowId, i.activityType);
    },
  };
}
