// Where a notification leads: the web page on which its reader acts (issue #16 §1). The one place a
// link is written — a notification takes a PageLink, which only these builders make, so an API path
// or a page the web UI does not have cannot reach a person. Each path is a route of web/src/main.tsx
// (the browser test of notifications opens every kind it produces).
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
