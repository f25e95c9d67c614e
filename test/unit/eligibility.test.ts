// Eligibility (第二条, 第四条, 第五条, 第六条, 第八条–第十条, 第三十一条; DESIGN.md "Rules by article").
// Every expected value is computed by hand. Asia/Shanghai is UTC+8 all year, so 16:00Z is 24:00 of
// the Shanghai day and 02:00Z is 10:00. A fixed term (2-year ban, 5-year retention) ends at 24:00 of
// its last day (DESIGN.md "Time"), i.e. at 16:00Z of that day.
import { describe, expect, it } from 'vitest';
import type { CertificateStatus } from '../../domain/certificate-state';
import {
  ageOn,
  checkEligibility,
  type Eligibility,
  type EligibilityFacts,
  type Reason,
} from '../../domain/eligibility';
import { fixedTermEnd } from '../../domain/time';

const AGENCY_ID = 'org-xihu-market';
const OTHER_AGENCY_ID = 'org-gongshu-transport';

type Agency = EligibilityFacts['agency'];
type Officer = EligibilityFacts['officer'];
type Certificate = EligibilityFacts['certificates'][number];
type Exam = EligibilityFacts['exams'][number];
type Overrides = Omit<Partial<EligibilityFacts>, 'agency' | 'officer'> & {
  agency?: Partial<Agency>;
  officer?: Partial<Officer>;
};

/**
 * An eligible INITIAL applicant: an AGENCY of kind GOVERNMENT_BODY (not vertically managed, no
 * professional exam in its system), an officer on its staff born 1985-04-10, the comprehensive exam
 * passed on 2026-03-20, no exemption, no certificate, no open application; applying on 2026-06-15
 * 10:00 Shanghai.
 */
function facts(o: Overrides = {}): EligibilityFacts {
  const { agency, officer, ...rest } = o;
  return {
    kind: 'INITIAL',
    applicationDate: new Date('2026-06-15T02:00:00Z'),
    exams: [{ type: 'COMPREHENSIVE', passed: true, takenOn: '2026-03-20' }],
    exemptions: [],
    certificates: [],
    hasOpenApplication: false,
    ...rest,
    agency: {
      id: AGENCY_ID,
      type: 'AGENCY',
      agencyKind: 'GOVERNMENT_BODY',
      verticallyManaged: false,
      requiresProfessionalExam: false,
      ...agency,
    },
    officer: { onStaff: true, birthDate: '1985-04-10', organisationId: AGENCY_ID, ...officer },
  };
}

const exam = (type: Exam['type'], takenOn: string, passed = true): Exam => ({ type, passed, takenOn });
const cert = (
  id: string,
  status: CertificateStatus,
  organisationId: string,
  statusChangedAt = '2024-01-10T02:00:00Z',
): Certificate => ({
  id,
  status,
  organisationId,
  statusChangedAt: new Date(statusChangedAt),
});

const HAN = /[\u4e00-\u9fff]/;
function expectWellFormed(reasons: Reason[], what: string) {
  for (const reason of reasons) {
    expect(reason.code, `${what} code`).toMatch(/^[A-Z0-9_]+$/);
    expect(reason.article, `${what} ${reason.code}: article`).toMatch(/^第/);
    expect(reason.message, `${what} ${reason.code}: Chinese message`).toMatch(HAN);
  }
}

/** checkEligibility, plus: every refusal and basis names its article (第…) and has a Chinese message. */
function check(f: EligibilityFacts): Eligibility {
  const result = checkEligibility(f);
  expectWellFormed(result.refusals, 'refusal');
  expectWellFormed(result.basis, 'basis');
  return result;
}

const codes = (reasons: Reason[]) => reasons.map((x) => x.code);

/** Refused for exactly one reason, with that code and article. */
function expectOnlyRefusal(result: Eligibility, code: string, article: string) {
  expect(result.eligible).toBe(false);
  expect(result.refusals).toEqual([{ code, article, message: expect.any(String) }]);
}

describe('the factory default', () => {
  it('第四条第一款: an on-staff officer of a government body with the comprehensive exam passed is eligible on that basis', () => {
    const result = check(facts());
    expect(result).toEqual({
      eligible: true,
      basis: [{ code: 'EXAM_PASSED', article: '第四条第一款', message: '综合法律知识考试合格' }],
      refusals: [],
    });
  });
});

describe('第二条 / 第六条: who may apply, and for whom', () => {
  it('第二条第三款: an organisation that is not an enforcement agency (a justice bureau) is refused', () => {
    const result = check(facts({ agency: { type: 'JUSTICE_BUREAU' } }));
    expectOnlyRefusal(result, 'NOT_AN_ENFORCEMENT_AGENCY', '第二条第三款');
  });

  it('第二条第三款: an AGENCY without one of the three kinds (agencyKind null) is refused', () => {
    const result = check(facts({ agency: { agencyKind: null } }));
    expectOnlyRefusal(result, 'NOT_AN_ENFORCEMENT_AGENCY', '第二条第三款');
  });

  it('第二条第三款: authorised and entrusted organisations are agencies too', () => {
    expect(check(facts({ agency: { agencyKind: 'AUTHORISED_ORGANISATION' } })).eligible).toBe(true);
    expect(check(facts({ agency: { agencyKind: 'ENTRUSTED_ORGANISATION' } })).eligible).toBe(true);
  });

  it('第二条第二款: an officer who is not 在编 is refused', () => {
    const result = check(facts({ officer: { onStaff: false } }));
    expectOnlyRefusal(result, 'NOT_ON_STAFF', '第二条第二款');
  });

  it('第六条: an agency may apply only for its own staff, not for an officer of another agency', () => {
    const result = check(facts({ officer: { organisationId: OTHER_AGENCY_ID } }));
    expectOnlyRefusal(result, 'NOT_OWN_STAFF', '第六条');
  });

  it('第六条: an officer with an application already in progress is refused', () => {
    const result = check(facts({ hasOpenApplication: true }));
    expectOnlyRefusal(result, 'OPEN_APPLICATION_EXISTS', '第六条');
  });
});

describe('第四条: the qualification exams', () => {
  it('第四条第三款: a vertically managed agency is refused with that code and article, even with the exam passed', () => {
    const result = check(facts({ agency: { verticallyManaged: true } }));
    expectOnlyRefusal(result, 'VERTICALLY_MANAGED_AGENCY', '第四条第三款');
    expect(result.refusals[0].message).toContain('垂直管理');
  });

  it('第四条第一款: without any exam the officer is refused', () => {
    const result = check(facts({ exams: [] }));
    expectOnlyRefusal(result, 'COMPREHENSIVE_EXAM_NOT_PASSED', '第四条第一款');
    expect(result.basis).toEqual([]);
  });

  it('第四条第一款: a failed comprehensive attempt does not count', () => {
    const result = check(facts({ exams: [exam('COMPREHENSIVE', '2026-03-20', false)] }));
    expectOnlyRefusal(result, 'COMPREHENSIVE_EXAM_NOT_PASSED', '第四条第一款');
  });

  it('第四条第一款: a passed professional exam alone does not replace the comprehensive one', () => {
    const result = check(facts({ exams: [exam('PROFESSIONAL', '2025-11-08')] }));
    expectOnlyRefusal(result, 'COMPREHENSIVE_EXAM_NOT_PASSED', '第四条第一款');
  });

  it('第四条第二款: the system requires a professional exam and none is passed → PROFESSIONAL_EXAM_NOT_PASSED', () => {
    const result = check(facts({ agency: { requiresProfessionalExam: true } }));
    expectOnlyRefusal(result, 'PROFESSIONAL_EXAM_NOT_PASSED', '第四条第二款');
  });

  it('第四条第二款: a failed professional attempt before the comprehensive exam does not count', () => {
    const result = check(
      facts({
        agency: { requiresProfessionalExam: true },
        exams: [exam('PROFESSIONAL', '2025-11-08', false), exam('COMPREHENSIVE', '2026-03-20')],
      }),
    );
    expectOnlyRefusal(result, 'PROFESSIONAL_EXAM_NOT_PASSED', '第四条第二款');
  });

  it('第四条第二款: professional exam passed only after the comprehensive one → PROFESSIONAL_EXAM_NOT_FIRST', () => {
    const result = check(
      facts({
        agency: { requiresProfessionalExam: true },
        exams: [exam('COMPREHENSIVE', '2026-03-20'), exam('PROFESSIONAL', '2026-04-10')],
      }),
    );
    expectOnlyRefusal(result, 'PROFESSIONAL_EXAM_NOT_FIRST', '第四条第二款');
  });

  it('第四条第二款: professional exam passed on the same day as the comprehensive one is not "before" → PROFESSIONAL_EXAM_NOT_FIRST', () => {
    const result = check(
      facts({
        agency: { requiresProfessionalExam: true },
        exams: [exam('PROFESSIONAL', '2026-03-20'), exam('COMPREHENSIVE', '2026-03-20')],
      }),
    );
    expectOnlyRefusal(result, 'PROFESSIONAL_EXAM_NOT_FIRST', '第四条第二款');
  });

  it('第四条第二款: professional exam passed the day before the comprehensive one → eligible, basis EXAMS_PASSED', () => {
    const result = check(
      facts({
        agency: { requiresProfessionalExam: true },
        exams: [exam('PROFESSIONAL', '2026-03-19'), exam('COMPREHENSIVE', '2026-03-20')],
      }),
    );
    expect(result.eligible).toBe(true);
    expect(result.refusals).toEqual([]);
    expect(codes(result.basis)).toEqual(['EXAMS_PASSED']);
    expect(result.basis[0].article).toMatch(/^第四条/);
  });

  it('第四条第二款: a later comprehensive pass after a professional pass is in order even if an earlier comprehensive pass was not', () => {
    // comprehensive 2024-05-11, professional 2025-11-08, comprehensive again 2026-03-20
    const result = check(
      facts({
        agency: { requiresProfessionalExam: true },
        exams: [
          exam('COMPREHENSIVE', '2024-05-11'),
          exam('PROFESSIONAL', '2025-11-08'),
          exam('COMPREHENSIVE', '2026-03-20'),
        ],
      }),
    );
    expect(result.eligible).toBe(true);
    expect(codes(result.basis)).toEqual(['EXAMS_PASSED']);
  });
});

describe('第五条: exemptions from the qualification exams', () => {
  it('第五条第一项: an appointed agency head is exempt with no exam at all', () => {
    const result = check(facts({ exams: [], exemptions: [{ ground: 'APPOINTED_HEAD' }] }));
    expect(result).toEqual({
      eligible: true,
      basis: [{ code: 'EXEMPT_APPOINTED_HEAD', article: '第五条第一项', message: expect.any(String) }],
      refusals: [],
    });
  });

  it('第五条第一项: the exemption replaces the professional exam too, and a failed attempt does not matter', () => {
    const result = check(
      facts({
        agency: { requiresProfessionalExam: true },
        exams: [exam('COMPREHENSIVE', '2026-03-20', false)],
        exemptions: [{ ground: 'APPOINTED_HEAD' }],
      }),
    );
    expect(result.eligible).toBe(true);
    expect(codes(result.basis)).toEqual(['EXEMPT_APPOINTED_HEAD']);
  });

  it('第五条第二项: 国家统一法律职业资格 exempts from both exams', () => {
    const result = check(
      facts({ agency: { requiresProfessionalExam: true }, exams: [], exemptions: [{ ground: 'LEGAL_PROFESSION' }] }),
    );
    expect(result).toEqual({
      eligible: true,
      basis: [{ code: 'EXEMPT_LEGAL_PROFESSION', article: '第五条第二项', message: expect.any(String) }],
      refusals: [],
    });
  });

  it('第五条第三项: born 1971-11-27, applying 2026-11-26T16:30Z (00:30 on 11-27 in Shanghai) → 55 that day, exempt', () => {
    const result = check(
      facts({
        applicationDate: new Date('2026-11-26T16:30:00Z'),
        officer: { birthDate: '1971-11-27' },
        exams: [],
        exemptions: [{ ground: 'AGE_55_TRAINING' }],
      }),
    );
    expect(result).toEqual({
      eligible: true,
      basis: [{ code: 'EXEMPT_AGE_55', article: '第五条第三项', message: expect.any(String) }],
      refusals: [],
    });
  });

  it('第五条第三项: born 1971-11-27, applying 2026-11-26T15:30Z (23:30 on 11-26 in Shanghai) → still 54, EXEMPTION_AGE_BELOW_55', () => {
    const result = check(
      facts({
        applicationDate: new Date('2026-11-26T15:30:00Z'),
        officer: { birthDate: '1971-11-27' },
        exams: [],
        exemptions: [{ ground: 'AGE_55_TRAINING' }],
      }),
    );
    expect(result.eligible).toBe(false);
    expect(result.basis).toEqual([]);
    expect(codes(result.refusals).sort()).toEqual(['COMPREHENSIVE_EXAM_NOT_PASSED', 'EXEMPTION_AGE_BELOW_55']);
    const age = result.refusals.find((x) => x.code === 'EXEMPTION_AGE_BELOW_55')!;
    expect(age.article).toBe('第五条第三项');
    expect(age.message).toContain('2026-11-26'); // the Shanghai date, not the UTC one
  });

  it('第五条第三项: a failed age exemption does not block an officer who passed the comprehensive exam (第四条第一款)', () => {
    const result = check(facts({ exemptions: [{ ground: 'AGE_55_TRAINING' }] })); // born 1985 → 41
    expect(result.eligible).toBe(true);
    expect(codes(result.basis)).toEqual(['EXAM_PASSED']);
    expect(result.refusals).toEqual([]);
  });

  it('第五条: an under-age AGE_55 claim listed first does not hide a valid appointed-head exemption', () => {
    const result = check(
      facts({ exams: [], exemptions: [{ ground: 'AGE_55_TRAINING' }, { ground: 'APPOINTED_HEAD' }] }),
    );
    expect(result.eligible).toBe(true);
    expect(codes(result.basis)).toEqual(['EXEMPT_APPOINTED_HEAD']);
  });
});

describe('第五条第三项: ageOn (completed years; the birthday itself counts)', () => {
  it('第五条第三项: 55 on the 55th birthday, 54 the day before', () => {
    expect(ageOn('1971-11-27', '2026-11-27')).toBe(55);
    expect(ageOn('1971-11-27', '2026-11-26')).toBe(54);
    expect(ageOn('1971-11-27', '2026-12-31')).toBe(55);
    expect(ageOn('1971-11-27', '2027-01-01')).toBe(55);
  });

  it('第五条第三项: born 29 Feb — in a leap year the birthday is 29 Feb itself', () => {
    expect(ageOn('1972-02-29', '2028-02-28')).toBe(55);
    expect(ageOn('1972-02-29', '2028-02-29')).toBe(56);
  });

  it('第五条第三项: born 29 Feb — in a common year the birthday is reached on 1 March, not on 28 February (implemented convention)', () => {
    expect(ageOn('1972-02-29', '2027-02-28')).toBe(54);
    expect(ageOn('1972-02-29', '2027-03-01')).toBe(55);
  });
});

describe('第三十一条: no new application for 2 years after revocation', () => {
  // Revocation delivered 2025-04-15 (Shanghai): the ban's last day is 2027-04-15, it ends 24:00 that day.
  const banUntil = new Date('2027-04-15T16:00:00Z');
  const revoked = [cert('cert-revoked', 'REVOKED', AGENCY_ID, '2025-04-15T02:00:00Z')];

  it('第三十一条: (fixture) the ban end used here is what the time module gives for 2 years from 2025-04-15', () => {
    expect(fixedTermEnd(new Date('2025-04-15T02:00:00Z'), { years: 2 })).toEqual(banUntil);
  });

  it('第三十一条: applying during the ban is refused, and the message names the last day of the ban', () => {
    const result = check(facts({ certificates: revoked, revocationBanUntil: banUntil }));
    expectOnlyRefusal(result, 'REVOCATION_BAN', '第三十一条');
    expect(result.refusals[0].message).toContain('2027年4月15日（含）前不得重新申领');
    expect(result.refusals[0].message).not.toContain('2027-04-16');
  });

  it('第三十一条: one millisecond before the end (23:59:59.999 on the last day in Shanghai) is still refused', () => {
    const result = check(
      facts({
        applicationDate: new Date('2027-04-15T15:59:59.999Z'),
        certificates: revoked,
        revocationBanUntil: banUntil,
      }),
    );
    expectOnlyRefusal(result, 'REVOCATION_BAN', '第三十一条');
  });

  it('第三十一条: at the end of the ban (00:00 on 2027-04-16 in Shanghai) the application is allowed', () => {
    const result = check(facts({ applicationDate: banUntil, certificates: revoked, revocationBanUntil: banUntil }));
    expect(result.eligible).toBe(true);
    expect(result.refusals).toEqual([]);
  });

  it('第三十一条: after the ban the application is allowed', () => {
    const result = check(
      facts({ applicationDate: new Date('2027-09-01T02:00:00Z'), certificates: revoked, revocationBanUntil: banUntil }),
    );
    expect(result.eligible).toBe(true);
  });
});

describe('INITIAL (申领) with certificates already on record', () => {
  it('第八条: holding an ACTIVE certificate → ALREADY_HOLDS_CERTIFICATE', () => {
    const result = check(facts({ certificates: [cert('cert-1', 'ACTIVE', AGENCY_ID)] }));
    expectOnlyRefusal(result, 'ALREADY_HOLDS_CERTIFICATE', '第八条');
  });

  it('第八条: holding a SUSPENDED certificate → ALREADY_HOLDS_CERTIFICATE', () => {
    const result = check(facts({ certificates: [cert('cert-1', 'SUSPENDED', AGENCY_ID)] }));
    expectOnlyRefusal(result, 'ALREADY_HOLDS_CERTIFICATE', '第八条');
  });

  it('第九条: with only a CANCELLED certificate the officer must use 重新申领 → USE_REAPPLY', () => {
    const result = check(facts({ certificates: [cert('cert-1', 'CANCELLED', OTHER_AGENCY_ID)] }));
    expectOnlyRefusal(result, 'USE_REAPPLY', '第九条');
  });

  it('第八条: an ACTIVE and a CANCELLED certificate → ALREADY_HOLDS_CERTIFICATE only', () => {
    const result = check(
      facts({ certificates: [cert('cert-old', 'CANCELLED', OTHER_AGENCY_ID), cert('cert-1', 'ACTIVE', AGENCY_ID)] }),
    );
    expectOnlyRefusal(result, 'ALREADY_HOLDS_CERTIFICATE', '第八条');
  });

  it('第八条: REPLACED or VOID certificates alone do not block a new application', () => {
    const result = check(
      facts({ certificates: [cert('cert-1', 'REPLACED', OTHER_AGENCY_ID), cert('cert-2', 'VOID', AGENCY_ID)] }),
    );
    expect(result.eligible).toBe(true);
  });
});

describe('REAPPLY (重新申领, 第九条)', () => {
  // Cancelled for 调动 on 2021-03-10 10:00 Shanghai: retention 5 years, last day 2026-03-10, ends 24:00
  // that day = 2026-03-10T16:00Z. The first day after retention is 2026-03-11.
  const cancelled = cert('cert-old', 'CANCELLED', OTHER_AGENCY_ID, '2021-03-10T02:00:00Z');
  const retainedUntil = new Date('2026-03-10T16:00:00Z');
  const reapply = (o: Overrides = {}) => facts({ kind: 'REAPPLY', certificates: [cancelled], retainedUntil, ...o });
  const duringRetention = new Date('2025-09-01T02:00:00Z');

  it('第九条第二款: (fixture) the retention end used here is what the time module gives for 5 years from the cancellation', () => {
    expect(fixedTermEnd(cancelled.statusChangedAt, { years: 5 })).toEqual(retainedUntil);
  });

  it('第九条第二款: within the retention period no exam is needed → basis QUALIFICATION_RETAINED naming the last day', () => {
    const result = check(reapply({ applicationDate: duringRetention, exams: [] }));
    expect(result).toEqual({
      eligible: true,
      basis: [
        {
          code: 'QUALIFICATION_RETAINED',
          article: '第九条第二款',
          message: expect.stringContaining('保留至2026年3月10日'),
        },
      ],
      refusals: [],
    });
  });

  it('第九条第二款: 23:59:59.999 on the last retention day (Shanghai) is still within retention', () => {
    const result = check(reapply({ applicationDate: new Date('2026-03-10T15:59:59.999Z'), exams: [] }));
    expect(result.eligible).toBe(true);
    expect(codes(result.basis)).toEqual(['QUALIFICATION_RETAINED']);
  });

  it('第九条第二款: within retention, a system that requires the professional exam needs its proof → PROFESSIONAL_EXAM_PROOF_REQUIRED', () => {
    const result = check(
      reapply({ applicationDate: duringRetention, exams: [], agency: { requiresProfessionalExam: true } }),
    );
    expectOnlyRefusal(result, 'PROFESSIONAL_EXAM_PROOF_REQUIRED', '第九条第二款');
    expect(codes(result.basis)).toEqual(['QUALIFICATION_RETAINED']);
  });

  it('第九条第二款: within retention, a failed professional attempt is no proof', () => {
    const result = check(
      reapply({
        applicationDate: duringRetention,
        exams: [exam('PROFESSIONAL', '2019-06-01', false)],
        agency: { requiresProfessionalExam: true },
      }),
    );
    expectOnlyRefusal(result, 'PROFESSIONAL_EXAM_PROOF_REQUIRED', '第九条第二款');
  });

  it('第九条第二款: within retention, a passed professional exam is the required proof → eligible', () => {
    const result = check(
      reapply({
        applicationDate: duringRetention,
        exams: [exam('PROFESSIONAL', '2019-06-01')],
        agency: { requiresProfessionalExam: true },
      }),
    );
    expect(result.eligible).toBe(true);
    expect(codes(result.basis)).toEqual(['QUALIFICATION_RETAINED']);
  });

  it('第九条第二款: at the end of retention (00:00 on 2026-03-11 Shanghai) without a new exam → EXAM_REQUIRED_AGAIN', () => {
    const result = check(reapply({ applicationDate: retainedUntil, exams: [exam('COMPREHENSIVE', '2019-05-11')] }));
    expectOnlyRefusal(result, 'EXAM_REQUIRED_AGAIN', '第九条第二款');
  });

  it('第九条第二款: after retention, the comprehensive exam passed before the cancellation does not count → EXAM_REQUIRED_AGAIN', () => {
    const result = check(reapply({ exams: [exam('COMPREHENSIVE', '2019-05-11')] }));
    expectOnlyRefusal(result, 'EXAM_REQUIRED_AGAIN', '第九条第二款');
    expect(result.basis).toEqual([]);
  });

  it('第九条第二款: after retention, an exam passed during the retention period (before the lapse) does not count', () => {
    const result = check(reapply({ exams: [exam('COMPREHENSIVE', '2025-10-18')] }));
    expectOnlyRefusal(result, 'EXAM_REQUIRED_AGAIN', '第九条第二款');
  });

  it('第九条第二款: after retention, a comprehensive exam passed after the lapse (2026-04-20) qualifies', () => {
    const result = check(
      reapply({ exams: [exam('COMPREHENSIVE', '2019-05-11'), exam('COMPREHENSIVE', '2026-04-20')] }),
    );
    expect(result).toEqual({
      eligible: true,
      basis: [{ code: 'EXAM_PASSED', article: '第四条第一款', message: expect.any(String) }],
      refusals: [],
    });
  });

  it('第九条第二款: after retention, a comprehensive exam passed on 2026-03-11 — the first day after the retention ended — should count', () => {
    // Retention ended at 24:00 on 2026-03-10; an exam on 2026-03-11 is after the lapse. The module takes
    // localDateOf(retainedUntil) = '2026-03-11' as the lapse date and demands takenOn > '2026-03-11'.
    const result = check(reapply({ exams: [exam('COMPREHENSIVE', '2026-03-11')] }));
    expect(result.refusals).toEqual([]);
    expect(result.eligible).toBe(true);
  });

  it('第九条第二款: after retention, an exam on the retention’s last day (2026-03-10) is not after the lapse → EXAM_REQUIRED_AGAIN', () => {
    const result = check(reapply({ exams: [exam('COMPREHENSIVE', '2026-03-10')] }));
    expectOnlyRefusal(result, 'EXAM_REQUIRED_AGAIN', '第九条第二款');
  });

  describe('第九条第二款: a 调动 cancellation recorded after its retention ended (a clean-up finds an old departure)', () => {
    // Effective 2021-03-10, so retained until 24:00 on 2026-03-10; recorded only on 2027-01-20.
    const late = { ...cert('cert-old', 'CANCELLED', OTHER_AGENCY_ID, '2027-01-20T02:00:00Z'), retainedUntil };
    const reapplyLate = (takenOn: string) =>
      check(
        facts({
          kind: 'REAPPLY',
          certificates: [late],
          retainedUntil,
          applicationDate: new Date('2027-03-01T02:00:00Z'),
          exams: [exam('COMPREHENSIVE', '2019-05-11'), exam('COMPREHENSIVE', takenOn)],
        }),
      );

    it('the lapse is the end of the retention, not the day the cancellation was recorded: an exam the day after it counts', () => {
      const result = reapplyLate('2026-03-11');
      expect(result.refusals).toEqual([]);
      expect(codes(result.basis)).toEqual(['EXAM_PASSED']);
    });

    it('an exam on the retention’s last day does not count → EXAM_REQUIRED_AGAIN', () => {
      expectOnlyRefusal(reapplyLate('2026-03-10'), 'EXAM_REQUIRED_AGAIN', '第九条第二款');
    });

    it('an exam passed after the cancellation was recorded counts as well', () => {
      expect(reapplyLate('2027-02-10').eligible).toBe(true);
    });
  });

  it('第九条第二款: after retention, where the system requires it, the professional exam must be passed again too (before the new comprehensive)', () => {
    const agency = { requiresProfessionalExam: true };
    const old = check(
      reapply({ agency, exams: [exam('PROFESSIONAL', '2019-03-02'), exam('COMPREHENSIVE', '2026-04-20')] }),
    );
    expectOnlyRefusal(old, 'PROFESSIONAL_EXAM_NOT_PASSED', '第四条第二款');
    const renewed = check(
      reapply({ agency, exams: [exam('PROFESSIONAL', '2026-03-28'), exam('COMPREHENSIVE', '2026-04-20')] }),
    );
    expect(renewed.eligible).toBe(true);
    expect(codes(renewed.basis)).toEqual(['EXAMS_PASSED']);
  });

  it('第五条: after retention an exemption still replaces the exams', () => {
    const result = check(reapply({ exams: [], exemptions: [{ ground: 'LEGAL_PROFESSION' }] }));
    expect(result.eligible).toBe(true);
    expect(codes(result.basis)).toEqual(['EXEMPT_LEGAL_PROFESSION']);
  });

  it('第九条: cancelled for another reason (no retention): only an exam passed after the cancellation day counts', () => {
    // cancelled 2024-01-10 10:00 Shanghai (辞职), no retention record
    const resigned = cert('cert-old', 'CANCELLED', OTHER_AGENCY_ID, '2024-01-10T02:00:00Z');
    const before = check(
      facts({ kind: 'REAPPLY', certificates: [resigned], exams: [exam('COMPREHENSIVE', '2019-05-11')] }),
    );
    expectOnlyRefusal(before, 'EXAM_REQUIRED_AGAIN', '第九条第二款');
    const after = check(
      facts({ kind: 'REAPPLY', certificates: [resigned], exams: [exam('COMPREHENSIVE', '2024-06-15')] }),
    );
    expect(after.eligible).toBe(true);
  });

  it('第九条: REAPPLY without any cancelled certificate → NO_CANCELLED_CERTIFICATE', () => {
    const result = check(facts({ kind: 'REAPPLY', certificates: [] }));
    expectOnlyRefusal(result, 'NO_CANCELLED_CERTIFICATE', '第九条');
    expect(result.basis).toEqual([]);
  });

  it('第九条: a REVOKED certificate is not a cancelled one → NO_CANCELLED_CERTIFICATE', () => {
    const result = check(facts({ kind: 'REAPPLY', certificates: [cert('cert-1', 'REVOKED', AGENCY_ID)] }));
    expectOnlyRefusal(result, 'NO_CANCELLED_CERTIFICATE', '第九条');
  });

  it('第八条: REAPPLY while holding an ACTIVE certificate → ALREADY_HOLDS_CERTIFICATE', () => {
    const result = check(
      reapply({ applicationDate: duringRetention, certificates: [cancelled, cert('cert-1', 'ACTIVE', AGENCY_ID)] }),
    );
    expectOnlyRefusal(result, 'ALREADY_HOLDS_CERTIFICATE', '第八条');
  });
});

describe('TRANSFER (换发 on 转任, 第八条)', () => {
  const transfer = (certificate: Certificate | null, o: Overrides = {}) =>
    facts({
      kind: 'TRANSFER',
      exams: [],
      certificates: certificate ? [certificate] : [],
      previousCertificateId: certificate?.id,
      ...o,
    });

  it('第八条: an ACTIVE certificate of the former agency is exchanged, no exam needed → basis TRANSFER', () => {
    const result = check(transfer(cert('cert-1', 'ACTIVE', OTHER_AGENCY_ID)));
    expect(result).toEqual({
      eligible: true,
      basis: [{ code: 'TRANSFER', article: '第八条', message: expect.any(String) }],
      refusals: [],
    });
  });

  it('第八条: a certificate of the same agency is not a transfer → NO_CERTIFICATE_TO_TRANSFER', () => {
    const result = check(transfer(cert('cert-1', 'ACTIVE', AGENCY_ID)));
    expectOnlyRefusal(result, 'NO_CERTIFICATE_TO_TRANSFER', '第八条');
    expect(result.basis).toEqual([]);
  });

  it('第八条: a SUSPENDED certificate cannot be exchanged → NO_CERTIFICATE_TO_TRANSFER', () => {
    const result = check(transfer(cert('cert-1', 'SUSPENDED', OTHER_AGENCY_ID)));
    expectOnlyRefusal(result, 'NO_CERTIFICATE_TO_TRANSFER', '第八条');
  });

  it('第八条: a CANCELLED certificate cannot be exchanged → NO_CERTIFICATE_TO_TRANSFER', () => {
    const result = check(transfer(cert('cert-1', 'CANCELLED', OTHER_AGENCY_ID)));
    expectOnlyRefusal(result, 'NO_CERTIFICATE_TO_TRANSFER', '第八条');
  });

  it("第八条: no certificate named, or one not on the officer's record → NO_CERTIFICATE_TO_TRANSFER", () => {
    expectOnlyRefusal(check(transfer(null)), 'NO_CERTIFICATE_TO_TRANSFER', '第八条');
    const unknown = check(
      transfer(cert('cert-1', 'ACTIVE', OTHER_AGENCY_ID), { previousCertificateId: 'cert-unknown' }),
    );
    expectOnlyRefusal(unknown, 'NO_CERTIFICATE_TO_TRANSFER', '第八条');
  });

  it('第八条: the new system requires the professional exam and there is no proof → PROFESSIONAL_EXAM_PROOF_REQUIRED', () => {
    const result = check(
      transfer(cert('cert-1', 'ACTIVE', OTHER_AGENCY_ID), { agency: { requiresProfessionalExam: true } }),
    );
    expectOnlyRefusal(result, 'PROFESSIONAL_EXAM_PROOF_REQUIRED', '第八条');
    expect(codes(result.basis)).toEqual(['TRANSFER']);
  });

  it('第八条: the new system requires the professional exam and it was passed → eligible', () => {
    const result = check(
      transfer(cert('cert-1', 'ACTIVE', OTHER_AGENCY_ID), {
        agency: { requiresProfessionalExam: true },
        exams: [exam('PROFESSIONAL', '2026-05-09')],
      }),
    );
    expect(result.eligible).toBe(true);
    expect(codes(result.basis)).toEqual(['TRANSFER']);
  });
});

describe('REISSUE (换(补)发 of a lost or damaged card, 第十条)', () => {
  const reissue = (certificate: Certificate, o: Overrides = {}) =>
    facts({
      kind: 'REISSUE',
      exams: [],
      certificates: [certificate],
      previousCertificateId: certificate.id,
      reissueReason: 'LOST',
      ...o,
    });

  it('第十条: an ACTIVE certificate of this agency reported LOST → eligible, basis REISSUE (遗失，补发)', () => {
    const result = check(reissue(cert('cert-1', 'ACTIVE', AGENCY_ID)));
    expect(result).toEqual({
      eligible: true,
      basis: [{ code: 'REISSUE', article: '第十条', message: '证件遗失，补发' }],
      refusals: [],
    });
  });

  it('第十条: a VOID certificate of this agency reported DAMAGED → eligible, basis REISSUE (明显污损，换发)', () => {
    const result = check(reissue(cert('cert-1', 'VOID', AGENCY_ID), { reissueReason: 'DAMAGED' }));
    expect(result).toEqual({
      eligible: true,
      basis: [{ code: 'REISSUE', article: '第十条', message: '证件明显污损，换发' }],
      refusals: [],
    });
  });

  it('第十条: without a reason (lost / damaged) → REISSUE_REASON_REQUIRED', () => {
    const result = check(reissue(cert('cert-1', 'ACTIVE', AGENCY_ID), { reissueReason: undefined }));
    expectOnlyRefusal(result, 'REISSUE_REASON_REQUIRED', '第十条');
    expect(result.basis).toEqual([]);
  });

  it("第十条: another agency's certificate → NO_CERTIFICATE_TO_REISSUE", () => {
    const result = check(reissue(cert('cert-1', 'ACTIVE', OTHER_AGENCY_ID)));
    expectOnlyRefusal(result, 'NO_CERTIFICATE_TO_REISSUE', '第十条');
  });

  it('第十条: a CANCELLED or SUSPENDED certificate is not reissued → NO_CERTIFICATE_TO_REISSUE', () => {
    expectOnlyRefusal(check(reissue(cert('cert-1', 'CANCELLED', AGENCY_ID))), 'NO_CERTIFICATE_TO_REISSUE', '第十条');
    expectOnlyRefusal(check(reissue(cert('cert-1', 'SUSPENDED', AGENCY_ID))), 'NO_CERTIFICATE_TO_REISSUE', '第十条');
  });

  it("第十条: a named certificate that is not on the officer's record → NO_CERTIFICATE_TO_REISSUE", () => {
    const result = check(reissue(cert('cert-1', 'ACTIVE', AGENCY_ID), { previousCertificateId: 'cert-unknown' }));
    expectOnlyRefusal(result, 'NO_CERTIFICATE_TO_REISSUE', '第十条');
  });
});

describe('several refusals are reported together', () => {
  it('第二条 + 第四条 + 第六条 + 第三十一条: every failing condition is reported, not just the first', () => {
    const result = check(
      facts({
        agency: { type: 'JUSTICE_BUREAU', verticallyManaged: true },
        officer: { onStaff: false, organisationId: OTHER_AGENCY_ID },
        hasOpenApplication: true,
        revocationBanUntil: new Date('2027-04-15T16:00:00Z'),
        exams: [],
      }),
    );
    expect(result.eligible).toBe(false);
    expect(result.basis).toEqual([]);
    expect(result.refusals.map((x) => `${x.article} ${x.code}`).sort()).toEqual(
      [
        '第二条第三款 NOT_AN_ENFORCEMENT_AGENCY',
        '第四条第三款 VERTICALLY_MANAGED_AGENCY',
        '第二条第二款 NOT_ON_STAFF',
        '第六条 NOT_OWN_STAFF',
        '第三十一条 REVOCATION_BAN',
        '第六条 OPEN_APPLICATION_EXISTS',
        '第四条第一款 COMPREHENSIVE_EXAM_NOT_PASSED',
      ].sort(),
    );
  });

  it('第八条 + 第四条第二款: a held certificate and a professional exam out of order are both reported', () => {
    const result = check(
      facts({
        agency: { requiresProfessionalExam: true },
        certificates: [cert('cert-1', 'ACTIVE', AGENCY_ID)],
        exams: [exam('COMPREHENSIVE', '2026-03-20'), exam('PROFESSIONAL', '2026-04-10')],
      }),
    );
    expect(codes(result.refusals).sort()).toEqual(['ALREADY_HOLDS_CERTIFICATE', 'PROFESSIONAL_EXAM_NOT_FIRST']);
  });
});
