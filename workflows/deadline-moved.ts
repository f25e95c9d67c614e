import { defineSignal } from '@temporalio/workflow';
import type { DeadlineMove } from '../domain/contracts/calendar';

/**
 * A deadline the process waits for moved later: its year's calendar was entered (民法典 第二百零三条).
 * Handled behind `patched(DEADLINE_MOVED_PATCH)`; the process sleeps again until the new instant.
 */
export const deadlineMoved = defineSignal<[DeadlineMove]>('deadlineMoved');
export const DEADLINE_MOVED_PATCH = 'calendar-deadline-moved';

/** True when `next` is later than `current`: a move never shortens a deadline. */
export const isLater = (next: string, current: string | undefined) =>
  current !== undefined && Date.parse(next) > Date.parse(current);
/**
 * The moves added later (the 复核 decision's service time): a history recorded before them may hold
 * such a signal, ignored then, so they are applied behind their own patch.
 */
export const REVIEW_DECISION_MOVED_PATCH = 'calendar-review-decision-moved';
