// Contract types of the statutory calendar (民法典 第二百零三条): entering a year, and the deadlines
// moved when it is entered (types only).
import type { CalendarDay } from '../calendar';
import type { ActorRef } from './actor';

/** A year's holidays and 调休 days as the city bureau enters or imports them (validated by the API). */
export interface CalendarYearInput {
  year: number;
  noticeReference: string;
  source: 'ENTERED' | 'IMPORTED';
  days: CalendarDay[];
  actor: ActorRef;
  requestId?: string;
  at: string;
}

/**
 * A deadline a running process waits for, moved later once its year's calendar was entered. Each is
 * the stored value after the move; a process applies it only when it is later than what it holds.
 */
export type DeadlineMove =
  /** 第七条: a review task's service time (its reminder moves with it unless already sent). */
  | { kind: 'REVIEW_TASK'; taskId: string; dueAt: string; remindAt: string }
  /** 退回补正: the agency's resubmission deadline. */
  | { kind: 'RESUBMISSION'; deadline: string }
  /** 第三十二条: the 复核 window. */
  | { kind: 'REVIEW_WINDOW'; reviewDeadline: string }
  /** 第三十二条: the deciding organ's service time for a filed 复核 (escalated once at it). */
  | { kind: 'REVIEW_DECISION'; dueAt: string }
  /**
   * 第二十八条: a complaint task's deadline (acceptance, investigation, extension approval, feedback)
   * and its reminder. The extension approval has no timer of its own: the workflow ignores its move.
   */
  | { kind: 'COMPLAINT_TASK'; taskId: string; dueAt: string; remindAt?: string }
  /** 第十条: an agency's clean-up task. */
  | { kind: 'CLEANUP_TASK'; taskId: string; dueAt: string }
  /** 第二十七条第二款: a correction order's deadline and its reminder. */
  | { kind: 'CORRECTION_ORDER'; orderId: string; dueAt: string; remindAt?: string };

export interface DeadlineSignal {
  workflowId: string;
  move: DeadlineMove;
}

export interface RecomputeResult {
  /** Deadlines moved later, with the process each belongs to. */
  signals: DeadlineSignal[];
  /** Provisional deadlines now final at their stored instant (the new one was not later). */
  confirmed: number;
}

export interface CalendarYearOutcome {
  year: number;
  changed: boolean;
  moved: number;
  confirmed: number;
}
