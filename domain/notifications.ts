// Who reads a notification. It is sent to an organisation, and within it it is for the roles that act
// on what it announces — as the route behind its link would allow: a complaint's notices for the
// handling organ's complaint handlers and head, never its officers or its admin (第二十五条); a review
// task's for the reviewers, not the sanction officers of the same bureau. One addressed to a user
// (a reminder to the assignee) is that user's.
import type { Role } from './roles';

const REVIEWERS = ['DISTRICT_REVIEWER', 'CITY_REVIEWER', 'PROVINCE_REVIEWER'] as const;
const AGENCY = ['AGENCY_ADMIN'] as const;
const COMPLAINT = ['COMPLAINT_HANDLER', 'SUPERVISOR'] as const;
const SANCTION = ['SANCTION_OFFICER'] as const;

export const NOTIFICATION_AUDIENCE = {
  // 第七条: review tasks, consultations, the clean-up's escalations and report (第十条).
  TASK_NEW: REVIEWERS,
  TASK_REMINDER: REVIEWERS,
  TASK_OVERDUE: REVIEWERS,
  CONSULTATION_ANSWERED: REVIEWERS,
  CLEANUP_ESCALATION: REVIEWERS,
  CLEANUP_REPORT: REVIEWERS,
  CONSULTATION: ['STAFFING_OFFICE'],
  // The agency's own work: its applications, clean-up, training (第十五条) and suspended officers (第三十条).
  APPLICATION_RETURNED: AGENCY,
  CERTIFICATE_ISSUED: AGENCY,
  CLEANUP_TASK: AGENCY,
  CLEANUP_DEADLINE_MOVED: AGENCY,
  TRAINING_PACE: AGENCY,
  SANCTION_TRAINING: AGENCY,
  REVIEW_DECIDED: AGENCY,
  // 第二十八条, 第二十五条: the complaint's handling organ (and the supervisory organ over it).
  COMPLAINT_ACCEPTANCE: COMPLAINT,
  COMPLAINT_INVESTIGATION: COMPLAINT,
  COMPLAINT_EXTENSION_APPROVAL: COMPLAINT,
  COMPLAINT_FEEDBACK: COMPLAINT,
  COMPLAINT_INFORMATION: COMPLAINT,
  COMPLAINT_REMINDER: COMPLAINT,
  COMPLAINT_OVERDUE: COMPLAINT,
  // 第二十条: a complaint handed over after a handler's recusal.
  COMPLAINT_HANDED_OVER: COMPLAINT,
  SANCTION_PROPOSAL_DECLINED: COMPLAINT,
  // 第二十九条, 第三十二条: the sanction officers.
  SANCTION_PROPOSAL: SANCTION,
  SANCTION_REFERRAL: SANCTION,
  SANCTION_REFERRAL_DECLINED: SANCTION,
  REVIEW_FILED: SANCTION,
  REVIEW_OVERDUE: SANCTION,
  // 民法典 第二百零三条: a deadline moved later once its year's calendar was entered — for whoever must
  // act by it: the reviewers (a task's service time), the agency (resubmission), the agency (and, addressed to them, the officer) for the
  // 复核 window (第三十二条).
  TASK_DEADLINE_MOVED: REVIEWERS,
  RESUBMIT_DEADLINE_MOVED: AGENCY,
  REVIEW_DEADLINE_MOVED: AGENCY,
  // …and the deciding organ's sanction officers for a filed 复核's service time.
  REVIEW_DECISION_DEADLINE_MOVED: SANCTION,
  COMPLAINT_DEADLINE_MOVED: COMPLAINT,
  // 第六条: exam registration — the agencies at each step, the organising bureau's staff for a registration to decide.
  EXAM_SESSION_PUBLISHED: AGENCY,
  EXAM_REGISTRATION_DECIDED: AGENCY,
  EXAM_REGISTRATION_CLOSED: AGENCY,
  EXAM_RESULTS: AGENCY,
  EXAM_DECLARATION_FALSE: AGENCY,
  EXAM_REGISTRATION_SUBMITTED: REVIEWERS,
  // 第二十七条第二款 督促整改: the order, its reminder and the bureau's decision for the agency; the
  // agency's report for the issuing bureau; the escalation at the deadline for both.
  CORRECTION_ORDER: AGENCY,
  CORRECTION_REMINDER: AGENCY,
  CORRECTION_DEADLINE_MOVED: AGENCY,
  CORRECTION_DECIDED: AGENCY,
  CORRECTION_REPORTED: REVIEWERS,
  CORRECTION_OVERDUE: [...REVIEWERS, ...AGENCY],
  CORRECTION_PROPOSAL_DECLINED: REVIEWERS,
} as const satisfies Record<string, readonly Role[]>;

export type NotificationKind = keyof typeof NOTIFICATION_AUDIENCE;

/** The kinds of organisation-wide notification a holder of `roles` reads. */
export function notificationKindsFor(roles: readonly Role[]): NotificationKind[] {
  return (Object.keys(NOTIFICATION_AUDIENCE) as NotificationKind[]).filter((k) =>
    NOTIFICATION_AUDIENCE[k].some((r: Role) => roles.includes(r)),
  );
}
