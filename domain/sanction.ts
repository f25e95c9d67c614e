// Sanctions on a certificate (第二十九条–第三十二条): grounds, terms and the 复核 window.
import { actionDeadline, fixedTermEnd, type Term, type WorkCalendar } from './time';

export const SANCTION_TYPES = ['SUSPENSION', 'REVOCATION'] as const;
export type SanctionType = (typeof SANCTION_TYPES)[number];

// 第二十九条 (一)–(四)
export const SANCTION_GROUNDS: Readonly<Record<1 | 2 | 3 | 4, string>> = {
  1: '滥用职权或者玩忽职守',
  2: '利用职权谋取私利，或者有其他侵犯公民、法人和其他组织合法权益的行为',
  3: '对投诉、举报违法执法活动以及申请行政复议和提起行政诉讼的公民、法人或者其他组织打击报复',
  4: '有其他违法执法行为，经督促不予改正',
};

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
