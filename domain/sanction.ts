// Sanctions on a certificate (第二十九条–第三十二条): grounds, terms and the 复核 window.
import { actionDeadline, fixedTermEnd, type Term, type WorkCalendar } from './time';

import type { SanctionType } from './sanction-grounds';
export { SANCTION_GROUNDS, SANCTION_TYPES, type SanctionType } from './sanction-grounds';

export const SUSPENSION_TERM: Term = { days: 30 }; // 第三十条
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
