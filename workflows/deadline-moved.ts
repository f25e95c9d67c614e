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
