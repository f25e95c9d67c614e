// The record of process steps in trouble (README "Failures"): written by the worker's activity
// interceptor, read by the operators' list of stuck processes and by the API's metrics.
import { ACTIVITY_RETRY } from '../domain/failure-types';
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

/**
 * How long a row counts as current without a new failure. A step still failing refreshes its row at
 * every attempt and every park (at most an hour apart, workflows/activities.ts parkMinutes); a row
 * nobody refreshes is a person's action that was answered and not sent again, or a process that
 * ended — it leaves the list and the metric after this long.
 */
export const TROUBLE_CURRENT_MS = 2 * 60 * 60_000;
const current = () => ({ lastFailedAt: { gte: new Date(Date.now() - TROUBLE_CURRENT_MS) } });

export function activityTroubleStore(db: Db) {
  return {
    /** Upserts the step's row with its latest failure. */
    async record(r: TroubleReport): Promise<void> {
      const key = { workflowId: r.workflowId, activityType: r.activityType };
      const latest = {
        attempts: r.attempt,
        errorKind: r.errorKind,
        errorLabel: r.errorLabel,
        exhausted: r.exhausted,
        lastFailedAt: r.at,
        workflowType: r.workflowType,
      };
      await db.activityTrouble.upsert({
        where: { workflowId_activityType: key },
        create: { ...key, ...latest, firstFailedAt: r.at },
        update: latest,
      });
    },
    /**
     * A step its workflow parked: a row the interceptor wrote keeps its cause and count (it saw the
     * attempts) and is marked used up; otherwise (a timeout, a data error) one is made.
     */
    async parked(r: {
      workflowId: string;
      workflowType: string;
      activityType: string;
      errorKind: string;
      errorLabel: string;
      at: Date;
    }): Promise<void> {
      const key = { workflowId: r.workflowId, activityType: r.activityType };
      await db.activityTrouble.upsert({
        where: { workflowId_activityType: key },
        create: {
          ...key,
          workflowType: r.workflowType,
          attempts: ACTIVITY_RETRY.maximumAttempts,
          errorKind: r.errorKind,
          errorLabel: r.errorLabel,
          exhausted: true,
          firstFailedAt: r.at,
          lastFailedAt: r.at,
        },
        update: { exhausted: true, lastFailedAt: r.at },
      });
    },
    /** The step succeeded: it is no longer in trouble. */
    async clear(workflowId: string, activityType: string): Promise<void> {
      await db.activityTrouble.deleteMany({ where: { workflowId, activityType } });
    },
    /** Steps in trouble now, the oldest first: failed within `TROUBLE_CURRENT_MS`. */
    list(limit: number) {
      return db.activityTrouble.findMany({ where: current(), orderBy: { firstFailedAt: 'asc' }, take: limit });
    },
    countCurrent(): Promise<number> {
      return db.activityTrouble.count({ where: current() });
    },
  };
}
