// Sanctions on a certificate (第二十九条–第三十二条): grounds, terms and the 复核 window.
import { actionDeadline, fixedTermEnd, type Term, type WorkCalendar } from './time';

import type { SanctionType } from './sanction-grounds';
export { SANCTION_GROUNDS, SANCTION_TYPES, type SanctionType } from './sanction-grounds';

export const SUSPENSION_TERM: Term = { days: 30 }; // 第三十条

export { REVIEW_OUTCOME_LABELS } from './labels';
export const REVOCATION_BAN: Term = { years: 2 }; // 第三十一条
export const REVIEW_WINDOW: Term = { days: 10 }; // 第三十二条

export interface SanctionDates {
  /** 第三十条: the suspension ends at 24:00 of day 30 after delivery, not moved for holidays. */
  termEndsAt?: Date;
  /** 第三十一条: no new application until this instant. */
  banEndsAt?: Date;
  /** 第三十二条: 复核 may be filed until this instant (moved past rest days). */
  reviewDeadline: Date;
}

/** Every period counts from delivery (送达), the start day not counted. */
export function sanctionDates(type: SanctionType, deliveredAt: Date, calendar: WorkCalendar): SanctionDates {
  const reviewDeadline = actionDeadline(deliveredAt, REVIEW_WINDOW, calendar);
  return type === 'SUSPENSION'
    ? { termEndsAt: fixedTermEnd(deliveredAt, SUSPENSION_TERM), reviewDeadline }
    : { banEndsAt: fixedTermEnd(deliveredAt, REVOCATION_BAN), reviewDeadline };
}

/** What a sanction's process waits for; every instant is stored, absolute (ISO). */
export interface SanctionWatch {
  /** 第三十条: the end of a suspension still running (none for a 收缴, nor once reinstated). */
  termEndsAt?: string;
  /** 第三十二条: 复核 may be filed until this instant. */
  reviewDeadline: string;
  /** 第三十二条: a 复核 filed (or being filed) waits for its decision. */
  reviewPending: boolean;
  /**
   * When an undecided 复核 is escalated (its service time, or the retry of an escalation that failed).
   * Asked only when neither the term's end nor the process's end comes first: the workflow's patch
   * decision behind it is recorded at that point of its history.
   */
  escalateAt: () => string | undefined;
}

export type SanctionStep =
  | { kind: 'END_TERM'; at: string }
  | { kind: 'ESCALATE_REVIEW' }
  /** Until a handler changes something, or until `until` when given. */
  | { kind: 'WAIT'; until?: string }
  | { kind: 'FINISHED' };

/**
 * The next step of a sanction's process at `now`: reinstate when the term is over (第三十条), finish
 * when the term, the 复核 window and any 复核 are all over (第三十二条), escalate a 复核 past its due
 * time, else wait for the earliest of these instants.
 */
export function nextSanctionStep(w: SanctionWatch, now: number): SanctionStep {
  const { termEndsAt, reviewDeadline } = w;
  if (termEndsAt && now >= Date.parse(termEndsAt)) return { kind: 'END_TERM', at: termEndsAt };
  const windowOpen = now <= Date.parse(reviewDeadline);
  if (!termEndsAt && !windowOpen && !w.reviewPending) return { kind: 'FINISHED' };
  const escalateAt = w.escalateAt();
  if (escalateAt && now >= Date.parse(escalateAt)) return { kind: 'ESCALATE_REVIEW' };
  const instants = [termEndsAt, windowOpen ? reviewDeadline : undefined, escalateAt];
  const next = instants.filter((x): x is string => !!x).sort()[0];
  if (!next) return { kind: 'WAIT' };
  // The term acts at its instant; a deadline (window, 复核 due time) is over only just after its
  // instant, hence +1 ms, so the process sees it closed when it wakes.
  return { kind: 'WAIT', until: new Date(Date.parse(next) + (next === termEndsAt ? 0 : 1)).toISOString() };
}
