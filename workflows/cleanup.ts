// The yearly clean-up (第十条), started by a Temporal Schedule or by hand. The parent pages through
// the agencies and hands each page to a batch child, which runs one child per agency
// (`cleanup-<year>-<agency>`): a two-level fan-out keeps every history small however many agencies
// there are. An agency's child opens its task, waits until every finding is resolved or the deadline
// passes (then escalates), and ends; the parent then writes the per-district and city totals.
import { continueAsNew, defineSignal, executeChild, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import type { AgencyCleanupResult, CleanupTotals } from '../domain/contracts/cleanup';
import { agencyCleanupWorkflowId, reviewedYear } from '../domain/cleanup';
import { localDateOf } from '../domain/time';
import { acts, persist } from './activities';
import { DEADLINE_MOVED_PATCH, deadlineMoved, isLater } from './deadline-moved';
import { nowIso, untilOrDone } from './time';

/** Agencies per batch child: ≤ 100 children keeps a batch's history to a few hundred events. */
export const CLEANUP_BATCH_SIZE = 100;

/** Sent by the API after a finding is resolved: the agency's child re-reads its open count. */
export const findingsChanged = defineSignal('findingsChanged');

export interface CleanupReport {
  year: number;
  skipped: boolean;
  totals?: CleanupTotals;
}

/** A clean-up started by hand; the task queue keeps deployments that share a namespace apart (as the Schedule's ID does). */
export const cleanupWorkflowId = (taskQueue: string, year: number) => `${taskQueue}-cleanup-${year}`;
export { agencyCleanupWorkflowId };

/** `year` defaults to the year before the start date (Asia/Shanghai), as when the Schedule starts it. */
export async function yearlyCleanupWorkflow(input: { year?: number } = {}): Promise<CleanupReport> {
  const year = input.year ?? reviewedYear(localDateOf(new Date(Date.now())));
  const claim = await persist('claimCleanupRun', { year, workflowId: workflowInfo().workflowId, startedAt: nowIso() });
  if (!claim.claimed) return { year, skipped: true }; // another run (Schedule or by hand) has this year

  const batches: Promise<{ agencies: number }>[] = [];
  let afterId: string | null = null;
  for (;;) {
    const ids: string[] = await persist('cleanupAgencyPage', { afterId, limit: CLEANUP_BATCH_SIZE });
    if (ids.length === 0) break;
    batches.push(
      executeChild(cleanupBatchWorkflow, {
        workflowId: `cleanup-${year}-batch-${ids[0]}`,
        args: [{ year, organisationIds: ids }],
      }),
    );
    afterId = ids[ids.length - 1];
    if (ids.length < CLEANUP_BATCH_SIZE) break;
  }
  await Promise.all(batches);
  return { year, skipped: false, totals: await persist('completeCleanupRun', { year, at: nowIso() }) };
}

export async function cleanupBatchWorkflow(i: {
  year: number;
  organisationIds: string[];
}): Promise<{ agencies: number; escalated: number }> {
  const results = await Promise.all(
    i.organisationIds.map((organisationId) =>
      executeChild(agencyCleanupWorkflow, {
        workflowId: agencyCleanupWorkflowId(i.year, organisationId),
        args: [{ year: i.year, organisationId }],
      }),
    ),
  );
  return { agencies: results.length, escalated: results.filter((r) => r.status === 'ESCALATED').length };
}

export async function agencyCleanupWorkflow(i: { year: number; organisationId: string }): Promise<AgencyCleanupResult> {
  let changed = false;
  setHandler(findingsChanged, () => {
    changed = true;
  });
  // Idempotent: after a continue-as-new this finds the task opened before.
  const task = await persist('openCleanupTask', { ...i, at: nowIso() });
  // 民法典 第二百零三条: the deadline, computed over a year not entered yet, moved later once it is.
  let dueAt = task.dueAt;
  let moves = 0;
  setHandler(deadlineMoved, (move) => {
    if (move.kind !== 'CLEANUP_TASK' || move.taskId !== task.taskId || !isLater(move.dueAt, dueAt)) return;
    if (!patched(DEADLINE_MOVED_PATCH)) return;
    dueAt = move.dueAt;
    moves++;
  });
  let open = task.open;
  while (open > 0) {
    const m = moves;
    if (
      !(await untilOrDone(
        () => changed,
        dueAt,
        () => moves !== m,
      ))
    ) {
      if (moves !== m) continue; // moved later: wait again for the new instant
      break; // the deadline passed: escalate
    }
    changed = false; // before the read: a signal arriving during it is not lost
    open = await persist('cleanupTaskOpenCount', { taskId: task.taskId });
    // A large agency resolving finding by finding: start a fresh history, keep the same task.
    if (open > 0 && workflowInfo().continueAsNewSuggested) {
      return continueAsNew<typeof agencyCleanupWorkflow>(i);
    }
  }
  return persist('closeCleanupTask', { taskId: task.taskId, at: nowIso() });
}

/**
 * 第十五条: run weekly by a Schedule; the activity does nothing before the configured date. After its
 * last attempt the run fails (the Schedule shows it) and next week's run warns again.
 */
export async function trainingPaceWarningWorkflow(): Promise<{ agencies: number; officers: number }> {
  const now = new Date(Date.now());
  return acts.warnTrainingPace({ asOf: localDateOf(now), at: now.toISOString() });
}
