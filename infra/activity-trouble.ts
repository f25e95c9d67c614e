// The record of process steps in trouble (README "Failures"): written by the worker's activity
// interceptor, read by the operators' list of stuck processes and by the API's metrics.
import type { Db } from './db';

export interface TroubleReport {
  workflowId: string;
  workflowType: string;
  activityType: string;
  attempt: number;
  errorKind: string;
  errorLabel: string;
  /** The activity's last attempt failed. */
  exhausted: boolean;
  at: Date;
}

export function activityTroubleStore(db: Db) {
  return {
    /** Upserts the step's row with its latest failure. */
    async record(r: TroubleReport): Promise<void> {
      const key = { workflowId: r.workflowId, activityType: r.activityType };
      const latest = { attempts: r.attempt, errorKind: r.errorKind, errorLabel: r.errorLabel, exhausted: r.exhausted, lastFailedAt: r.at, workflowType: r.workflowType };
      await db.activityTrouble.upsert({
        where: { workflowId_activityType: key },
        create: { ...key, ...latest, firstFailedAt: r.at },
        update: latest,
      });
    },
    /** The step succeeded: it is no longer in trouble. */
    async clear(workflowId: string, activityType: string): Promise<void> {
      await db.activityTrouble.deleteMany({ where: { workflowId, activityType } });
    },
    list(limit: number) {
      return db.activityTrouble.findMany({ orderBy: { firstFailedAt: 'asc' }, take: limit });
    },
    count(): Promise<number> {
      return db.activityTrouble.count();
    },
  };
}
