// The yearly clean-up (第十条): what it looks for in each agency, and how each finding may be resolved.

export const FINDING_KINDS = [
  'NOT_ON_STAFF',
  'DEPARTED',
  'LOST_NOT_REISSUED',
  'TRAINING_SHORTFALL',
  'ASSESSMENT_MISSING',
  'RETENTION_EXPIRING',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const RESOLUTIONS = ['CANCEL', 'REISSUE', 'KEEP'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

interface FindingRule {
  title: string;
  article: string;
  /** What the agency may do about it; KEEP always needs a reason. */
  resolutions: readonly Resolution[];
}

export const FINDING_RULES: Record<FindingKind, FindingRule> = {
  // 第二条第二款: only 在编 staff hold a certificate; 第九条: cancel when they are no longer.
  NOT_ON_STAFF: { title: '持证人已不在编，证件仍有效', article: '第九条', resolutions: ['CANCEL', 'KEEP'] },
  // 第九条: a holder who moved to another agency (调动) keeps no card of the old agency.
  DEPARTED: { title: '持证人已调离本机关，证件仍有效', article: '第九条', resolutions: ['CANCEL', 'KEEP'] },
  // 第十条: a lost card is reissued (补发) or the holder's certificate is cancelled.
  LOST_NOT_REISSUED: { title: '证件遗失作废后未补发', article: '第十条', resolutions: ['REISSUE', 'KEEP'] },
  // 第十五条: 60 hours a year; the shortfall goes on the clean-up list.
  TRAINING_SHORTFALL: { title: '上年度业务培训不足60学时', article: '第十五条', resolutions: ['KEEP'] },
  // 第二十七条: every holder has an annual assessment.
  ASSESSMENT_MISSING: { title: '缺少上年度年度考核', article: '第二十七条', resolutions: ['KEEP'] },
  // 第九条第二款: after this date a re-application needs the exams again.
  RETENTION_EXPIRING: { title: '调动保留的执法资格本年度届满', article: '第九条', resolutions: ['KEEP'] },
};

export function mayResolve(kind: FindingKind, resolution: Resolution): boolean {
  return FINDING_RULES[kind].resolutions.includes(resolution);
}

/** The year a clean-up started on `localDate` (Asia/Shanghai) reviews: the year before. */
export function reviewedYear(localDate: string): number {
  return Number(localDate.slice(0, 4)) - 1;
}

/** `MM-DD` of a date in a year; refuses 02-29 and other dates a year may lack. */
export function isMonthDay(s: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2027, month, 0)).getUTCDate();
}

/** An agency's clean-up workflow (one per year and agency): the API signals it, and so does a calendar recompute. */
export const agencyCleanupWorkflowId = (year: number, organisationId: string) => `cleanup-${year}-${organisationId}`;
