// Who may receive a certificate, and on what basis (第二条, 第四条, 第五条, 第八条–第十条, 第三十一条).
// Pure: the caller loads the facts; every refusal names its article.
import type { CertificateStatus } from './certificate-state';
import { lastDayBefore, lastDayInWords, localDateOf, type LocalDate } from './time';

export const APPLICATION_KINDS = ['INITIAL', 'TRANSFER', 'REISSUE', 'REAPPLY'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const EXEMPTION_GROUNDS = ['APPOINTED_HEAD', 'LEGAL_PROFESSION', 'AGE_55_TRAINING'] as const;
export type ExemptionGround = (typeof EXEMPTION_GROUNDS)[number];
export const EXAM_TYPES = ['COMPREHENSIVE', 'PROFESSIONAL'] as const;
export type ExamType = (typeof EXAM_TYPES)[number];
export const REISSUE_REASONS = ['LOST', 'DAMAGED'] as const;
export type ReissueReason = (typeof REISSUE_REASONS)[number];

export interface Reason {
  code: string;
  article: string;
  message: string;
}

export interface EligibilityFacts {
  kind: ApplicationKind;
  applicationDate: Date;
  agency: {
    id: string;
    type: string;
    agencyKind: string | null;
    verticallyManaged: boolean;
    requiresProfessionalExam: boolean;
  };
  officer: { onStaff: boolean; birthDate: LocalDate; organisationId: string };
  exams: ReadonlyArray<{ type: ExamType; passed: boolean; takenOn: LocalDate }>;
  exemptions: ReadonlyArray<{ ground: ExemptionGround }>;
  /**
   * The officer's certificates, any status; `retainedUntil` on one cancelled for 调动 (第九条第二款): the
   * end of the retention counted from the effective date, however late the cancellation was recorded.
   */
  certificates: ReadonlyArray<{
    id: string;
    status: CertificateStatus;
    organisationId: string;
    statusChangedAt: Date;
    retainedUntil?: Date;
  }>;
  /** For 换发 / 补发: the certificate the application names. */
  previousCertificateId?: string;
  reissueReason?: ReissueReason;
  hasOpenApplication: boolean;
  /** 第三十一条: end of the latest 2-year ban after a revocation. */
  revocationBanUntil?: Date;
  /** 第九条第二款: end of the latest 5-year retention after a 调动 cancellation. */
  retainedUntil?: Date;
}

export interface Eligibility {
  eligible: boolean;
  /** What qualifies the officer (exam, exemption, retention, transfer, reissue), with its article. */
  basis: Reason[];
  refusals: Reason[];
}

const r = (code: string, article: string, message: string): Reason => ({ code, article, message });

/** Completed years of age on `on` (a 55周岁 birthday counts on the day itself). */
export function ageOn(birthDate: LocalDate, on: LocalDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** 第五条: an exemption replaces both qualification exams. */
function exemptionBasis(f: EligibilityFacts, today: LocalDate): Reason | Reason[] {
  const refusals: Reason[] = [];
  for (const e of f.exemptions) {
    if (e.ground === 'APPOINTED_HEAD')
      return r(
        'EXEMPT_APPOINTED_HEAD',
        '第五条第一项',
        '经任命并通过任职前法律知识考查和依法行政能力测试的机关负责人，免予考试',
      );
    if (e.ground === 'LEGAL_PROFESSION')
      return r('EXEMPT_LEGAL_PROFESSION', '第五条第二项', '取得国家统一法律职业资格，免予考试');
    if (ageOn(f.officer.birthDate, today) >= 55) {
      return r(
        'EXEMPT_AGE_55',
        '第五条第三项',
        '55周岁以上并经本机关商同级司法行政部门组织法律知识培训考试合格，免予考试',
      );
    }
    refusals.push(r('EXEMPTION_AGE_BELOW_55', '第五条第三项', `申请之日（${today}）未满55周岁，不适用年龄免考`));
  }
  return refusals;
}

/**
 * 第四条: the comprehensive exam passed (after `after`, when the qualification had lapsed); where the
 * agency's system adds a professional exam, that one passed before the comprehensive one.
 */
function examBasis(f: EligibilityFacts, after?: LocalDate): Reason | Reason[] {
  const passed = (t: ExamType) => f.exams.filter((e) => e.type === t && e.passed && (!after || e.takenOn > after));
  const comprehensive = passed('COMPREHENSIVE');
  if (comprehensive.length === 0) {
    return [
      after
        ? r('EXAM_REQUIRED_AGAIN', '第九条第二款', `资格保留期已过（${after}），须重新通过综合法律知识考试`)
        : r('COMPREHENSIVE_EXAM_NOT_PASSED', '第四条第一款', '未通过综合法律知识考试'),
    ];
  }
  if (!f.agency.requiresProfessionalExam) return r('EXAM_PASSED', '第四条第一款', '综合法律知识考试合格');
  const professional = passed('PROFESSIONAL');
  if (professional.length === 0)
    return [r('PROFESSIONAL_EXAM_NOT_PASSED', '第四条第二款', '本系统增设专业资格条件，未通过专业法律知识考试')];
  const inOrder = comprehensive.some((c) => professional.some((p) => p.takenOn < c.takenOn));
  if (!inOrder) {
    return [r('PROFESSIONAL_EXAM_NOT_FIRST', '第四条第二款', '专业法律知识考试应在参加综合法律知识考试前合格')];
  }
  return r('EXAMS_PASSED', '第四条', '专业法律知识考试与综合法律知识考试均合格，且顺序符合规定');
}

function professionalProof(f: EligibilityFacts, article: string): Reason[] {
  if (!f.agency.requiresProfessionalExam) return [];
  return f.exams.some((e) => e.type === 'PROFESSIONAL' && e.passed)
    ? []
    : [r('PROFESSIONAL_EXAM_PROOF_REQUIRED', article, '本系统增设专业资格条件，须出具专业法律知识考试合格证明')];
}

/** Exemption first (第五条), else the exams (第四条); the basis or the reasons why not. */
function qualification(
  f: EligibilityFacts,
  today: LocalDate,
  examsAfter?: LocalDate,
): { basis: Reason[]; refusals: Reason[] } {
  const exemption = exemptionBasis(f, today);
  if (!Array.isArray(exemption)) return { basis: [exemption], refusals: [] };
  const exam = examBasis(f, examsAfter);
  if (!Array.isArray(exam)) return { basis: [exam], refusals: [] };
  return { basis: [], refusals: [...exam, ...exemption] };
}

export function checkEligibility(f: EligibilityFacts): Eligibility {
  const today = localDateOf(f.applicationDate);
  const refusals: Reason[] = [];
  let basis: Reason[] = [];

  if (f.agency.type !== 'AGENCY' || !f.agency.agencyKind) {
    refusals.push(r('NOT_AN_ENFORCEMENT_AGENCY', '第二条第三款', '申报单位不是本办法第二条第三款规定的行政执法机关'));
  }
  if (f.agency.verticallyManaged) {
    refusals.push(
      r(
        'VERTICALLY_MANAGED_AGENCY',
        '第四条第三款',
        '实行垂直管理的行政执法机关不参加本省行政执法资格考试，不在本系统申领',
      ),
    );
  }
  if (!f.officer.onStaff) refusals.push(r('NOT_ON_STAFF', '第二条第二款', '申领人员不是该机关在编工作人员'));
  if (f.officer.organisationId !== f.agency.id) refusals.push(r('NOT_OWN_STAFF', '第六条', '只能为本机关工作人员申领'));
  if (f.revocationBanUntil && f.applicationDate < f.revocationBanUntil) {
    refusals.push(
      r(
        'REVOCATION_BAN',
        '第三十一条',
        `行政执法证被收缴，${lastDayInWords(f.revocationBanUntil)}（含）前不得重新申领`,
      ),
    );
  }
  if (f.hasOpenApplication) refusals.push(r('OPEN_APPLICATION_EXISTS', '第六条', '该人员已有正在办理的申请'));

  const held = f.certificates.filter((c) => c.status === 'ACTIVE' || c.status === 'SUSPENDED');
  const named = f.certificates.find((c) => c.id === f.previousCertificateId);

  switch (f.kind) {
    case 'INITIAL': {
      if (held.length > 0)
        refusals.push(r('ALREADY_HOLDS_CERTIFICATE', '第八条', '已持有行政执法证，应办理换发或补发'));
      else if (f.certificates.some((c) => c.status === 'CANCELLED')) {
        refusals.push(r('USE_REAPPLY', '第九条', '原证件已注销，应办理重新申领'));
      }
      const q = qualification(f, today);
      basis = q.basis;
      refusals.push(...q.refusals);
      break;
    }
    case 'REAPPLY': {
      const cancelled = f.certificates.filter((c) => c.status === 'CANCELLED');
      if (held.length > 0)
        refusals.push(r('ALREADY_HOLDS_CERTIFICATE', '第八条', '已持有行政执法证，应办理换发或补发'));
      if (cancelled.length === 0) {
        refusals.push(r('NO_CANCELLED_CERTIFICATE', '第九条', '没有已注销的行政执法证，应办理申领'));
        break;
      }
      if (f.retainedUntil && f.applicationDate < f.retainedUntil) {
        basis = [
          r(
            'QUALIFICATION_RETAINED',
            '第九条第二款',
            `因工作调动注销，行政执法资格保留至${lastDayInWords(f.retainedUntil)}`,
          ),
        ];
        refusals.push(...professionalProof(f, '第九条第二款'));
      } else {
        const latest = cancelled.reduce((a, b) => (a.statusChangedAt > b.statusChangedAt ? a : b));
        // The last day the qualification still stood (第九条第二款): for a 调动 cancellation the last day
        // of its retention (its end is 24:00 of that day, hence the 1 ms) even when the cancellation was
        // recorded after it, as a clean-up finds an old departure; for another cancellation its day,
        // unless an earlier 调动's retention ran on past it.
        const retained =
          latest.retainedUntil ??
          (f.retainedUntil && f.retainedUntil > latest.statusChangedAt ? f.retainedUntil : undefined);
        const lapsedOn = retained ? lastDayBefore(retained) : localDateOf(latest.statusChangedAt);
        const q = qualification(f, today, lapsedOn);
        basis = q.basis;
        refusals.push(...q.refusals);
      }
      break;
    }
    case 'TRANSFER': {
      if (!named || named.status !== 'ACTIVE' || named.organisationId === f.agency.id) {
        refusals.push(r('NO_CERTIFICATE_TO_TRANSFER', '第八条', '换发须凭原机关核发的有效行政执法证'));
      } else basis = [r('TRANSFER', '第八条', '转任至新的行政执法机关，凭原行政执法证换发')];
      refusals.push(...professionalProof(f, '第八条'));
      break;
    }
    case 'REISSUE': {
      if (!named || !['ACTIVE', 'VOID'].includes(named.status) || named.organisationId !== f.agency.id) {
        refusals.push(r('NO_CERTIFICATE_TO_REISSUE', '第十条', '补发须针对本机关核发的、遗失或污损的证件'));
      } else if (!f.reissueReason) {
        refusals.push(r('REISSUE_REASON_REQUIRED', '第十条', '补发须说明遗失或污损'));
      } else basis = [r('REISSUE', '第十条', f.reissueReason === 'LOST' ? '证件遗失，补发' : '证件明显污损，换发')];
      break;
    }
  }
  return { eligible: refusals.length === 0 && basis.length > 0, basis, refusals };
}
