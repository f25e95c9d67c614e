// Where a notification leads: the web page on which its reader acts (issue #16 §1). The one place a
// link is written — a notification takes a PageLink, which only these builders make, so an API path
// or a page the web UI does not have cannot reach a person. Each path is a route of web/src/main.tsx
// (the browser test of notifications opens every kind it produces).
import type { RecusalCase } from './recusal';

export type PageLink = string & { readonly __page: unique symbol };

const page = (path: string) => path as PageLink;
const q = (v: string | number) => encodeURIComponent(String(v));

export const pageOf = {
  reviewTask: (id: string) => page(`/tasks/${q(id)}`),
  application: (id: string) => page(`/applications/${q(id)}`),
  consultation: (id: string) => page(`/consultations/${q(id)}`),
  complaint: (id: string) => page(`/complaints/${q(id)}`),
  sanction: (id: string) => page(`/sanctions/${q(id)}`),
  sanctionProposal: (id: string) => page(`/sanction-proposals/${q(id)}`),
  sanctionReferral: (id: string) => page(`/sanction-referrals/${q(id)}`),
  cleanupTask: (id: string) => page(`/cleanup/${q(id)}`),
  /** 第十条: the bureau's view of a year's clean-up tasks. */
  cleanupYear: (year: number) => page(`/cleanup?year=${q(year)}`),
  /** 第十五条: the officers behind the year's 60 hours. */
  trainingShortfall: (year: number) => page(`/training?year=${q(year)}`),
  examSession: (sessionId: string) => page(`/exam-sessions?session=${q(sessionId)}`),
  examRegistrations: (sessionId: string) => page(`/exam-registrations?session=${q(sessionId)}`),
  correctionOrder: (id: string) => page(`/correction-orders/${q(id)}`),
} as const;

/**
 * 第二十条 回避, 第二十五条: a notice about a case that some may not read — its page, and the case by which
 * store/notifications.ts visibleTo holds it back from the officer concerned and from whoever declared a
 * conflict in it. The only way a notice links a complaint or a review task (lint refuses pageOf's own
 * builders for them in activities/ and api/). The applicant's agency is a party, not a decider: its
 * notices link the application page and carry no case.
 */
export const caseNotice = {
  complaint: (complaintId: string) => ({ link: pageOf.complaint(complaintId), about: { complaintId } }),
  reviewTask: (task: { id: string; applicationId: string }) => ({
    link: pageOf.reviewTask(task.id),
    about: { applicationId: task.applicationId },
  }),
} satisfies Record<string, (...a: never[]) => { link: PageLink; about: RecusalCase }>;
