// Activities about the process itself rather than its records: what a parked step tells operators.
import { activityInfo } from '@temporalio/activity';
import { activityTroubleStore } from '../infra/activity-trouble';
import type { Db } from '../infra/db';
import { DATA_ERROR } from '../domain/failure-types';

/** The workflow that scheduled the running activity. */
const caller = () => {
  const info = activityInfo();
  return { workflowId: info.workflowExecution?.workflowId ?? '', workflowType: info.workflowType ?? '' };
};

export function operationsActivities(db: Db) {
  const trouble = activityTroubleStore(db);
  return {
    /**
     * A step the workflow parked after its last attempt (workflows/activities.ts `persist`): kept (or
     * put) on the operators' list, marked used up, its time refreshed at every park.
     */
    async recordParkedStep(i: { activityType: string; failureType: string; label: string }): Promise<void> {
      const kind = i.failureType === DATA_ERROR ? 'data' : 'unknown';
      await trouble.parked({
        ...caller(),
        activityType: i.activityType,
        errorKind: kind,
        errorLabel: i.label || i.failureType,
        at: new Date(),
      });
    },
    /** A parked step succeeded at last. */
    async clearActivityTrouble(i: { activityType: string }): Promise<void> {
      await trouble.clear(caller().workflowId, i.activityType);
    },
  };
}
