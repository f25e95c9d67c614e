// Entering a year of the statutory calendar (民法典 第二百零三条, by the city bureau, 第三条): store it
// (audited), then recompute every provisional deadline not yet passed, moving it later only, and tell
// each running process so its timer follows. One workflow per entry, so the recompute is durable: it
// completes even if the API or the worker stops half-way.
import { getExternalWorkflowHandle, log, workflowInfo } from '@temporalio/workflow';
import type { CalendarYearInput, CalendarYearOutcome } from '../domain/contracts/calendar';
import { persist, persistStart } from './activities';
import { deadlineMoved } from './deadline-moved';

export async function calendarYearWorkflow(input: CalendarYearInput): Promise<CalendarYearOutcome> {
  const changed = await persistStart('enterCalendarYear', input);
  const r = await persist('recomputeProvisionalDeadlines', { recomputeId: workflowInfo().workflowId, at: input.at });
  for (const s of r.signals) {
    try {
      await getExternalWorkflowHandle(s.workflowId).signal(deadlineMoved, s.move);
    } catch (err) {
      // The process ended meanwhile (decided, withdrawn): its stored deadline is moved all the same.
      log.info('deadline moved for a process that has ended', { workflowId: s.workflowId, error: String(err) });
    }
  }
  return { year: input.year, changed, moved: r.signals.length, confirmed: r.confirmed };
}
