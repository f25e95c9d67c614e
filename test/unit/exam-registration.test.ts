// Exam registration rules (考试申报, 第六条; 第二条, 第四条): pure, each refusal with its article.
import { describe, expect, it } from 'vitest';
import {
  bureausFor,
  readResultRows,
  registrationClosesAt,
  registrationRefusals,
  sessionIsFor,
  sessionProblems,
  type RegistrationFacts,
} from '../../domain/exam-registration';
import { demoIdNumber } from '../../prisma/seed';

const facts = (over: Partial<RegistrationFacts> = {}): RegistrationFacts => ({
  examType: 'COMPREHENSIVE',
  agency: {
    id: 'a',
    type: 'AGENCY',
    agencyKind: 'GOVERNMENT_BODY',
    verticallyManaged: false,
    requiresProfessionalExam: false,
  },
  officer: { onStaff: true, organisationId: 'a' },
  exams: [],
  certified: false,
  registeredForSession: false,
  ...over,
});
const codes = (f: RegistrationFacts) => registrationRefusals(f).map((r) => `${r.code} ${r.article}`);

describe('exam registration rules', () => {
  it('第六条: a 在编 officer of the agency, not certified, not registered, may be registered', () => {
    expect(registrationRefusals(facts())).toEqual([]);
  });
  it('第四条第三款: a vertically managed agency cannot register', () => {
    expect(codes(facts({ agency: { ...facts().agency, verticallyManaged: true } }))).toEqual([
      'VERTICALLY_MANAGED_AGENCY 第四条第三款',
    ]);
  });
  it('第二条第二款: only 在编 staff; 第六条: only the agency’s own', () => {
    expect(codes(facts({ officer: { onStaff: false, organisationId: 'b' } }))).toEqual([
      'NOT_ON_STAFF 第二条第二款',
      'NOT_OWN_STAFF 第六条',
    ]);
  });
  it('第二条第三款: an organisation that is not an enforcement agency cannot register', () => {
    expect(codes(facts({ agency: { ...facts().agency, agencyKind: null } }))).toEqual([
      'NOT_AN_ENFORCEMENT_AGENCY 第二条第三款',
    ]);
  });
  it('第六条: someone already certified, or registered for the session already, is refused', () => {
    expect(codes(facts({ certified: true }))).toEqual(['ALREADY_CERTIFIED 第六条']);
    expect(codes(facts({ registeredForSession: true }))).toEqual(['ALREADY_REGISTERED 第六条']);
  });
  it('第四条: an exam passed already is not taken again', () => {
    expect(codes(facts({ exams: [{ type: 'COMPREHENSIVE', passed: true }] }))).toEqual(['EXAM_ALREADY_PASSED 第四条']);
    expect(codes(facts({ exams: [{ type: 'COMPREHENSIVE', passed: false }] }))).toEqual([]);
  });
  it('第四条第二款: where the system adds a professional exam, it comes first; elsewhere there is none', () => {
    const adds = { ...facts().agency, requiresProfessionalExam: true };
    expect(codes(facts({ agency: adds }))).toEqual(['PROFESSIONAL_EXAM_FIRST 第四条第二款']);
    expect(codes(facts({ agency: adds, exams: [{ type: 'PROFESSIONAL', passed: true }] }))).toEqual([]);
    expect(codes(facts({ agency: adds, examType: 'PROFESSIONAL' }))).toEqual([]);
    expect(codes(facts({ examType: 'PROFESSIONAL' }))).toEqual(['PROFESSIONAL_EXAM_NOT_REQUIRED 第四条第二款']);
  });
  it('第六条: the list closes at 24:00 Asia/Shanghai of the last day; the deadline is before the exam day', () => {
    expect(registrationClosesAt('2026-12-10').toISOString()).toBe('2026-12-10T16:00:00.000Z');
    expect(
      sessionProblems({ examDate: '2026-12-20', registrationDeadline: '2026-12-10', today: '2026-12-01' }),
    ).toEqual([]);
    expect(
      sessionProblems({ examDate: '2026-12-10', registrationDeadline: '2026-12-10', today: '2026-12-11' }),
    ).toHaveLength(2);
    expect(
      sessionProblems({ examDate: '2029-01-01', registrationDeadline: '2026-12-10', today: '2026-12-01' }),
    ).toEqual([{ field: 'examDate', message: '考试日期最多安排在两年以内' }]);
  });
  it('第六条: a city bureau’s sessions are for the whole city, a district bureau’s for its district', () => {
    expect(sessionIsFor({ level: 'CITY', regionCode: '330100' }, '330106')).toBe(true);
    expect(sessionIsFor({ level: 'DISTRICT', regionCode: '330106' }, '330106')).toBe(true);
    expect(sessionIsFor({ level: 'DISTRICT', regionCode: '330102' }, '330106')).toBe(false);
    expect(sessionIsFor({ level: 'CITY', regionCode: '330100' }, '330206')).toBe(false);
    // The list's query is the same rule.
    for (const b of bureausFor('330106')) expect(sessionIsFor(b, '330106')).toBe(true);
  });
  it('第六条: a results file is read row by row; every problem names its row and column', () => {
    const a = demoIdNumber('1990-01-01', 1);
    const b = demoIdNumber('1990-01-01', 2);
    const out = readResultRows(
      ['身份证号', '考试结果', '分数'],
      [
        { row: 2, cells: [a, '合格', '88'] },
        { row: 3, cells: [b, '通过', '0x10'] },
        { row: 4, cells: [a, '不合格', ''] },
        { row: 5, cells: ['123', '不合格', ''] },
      ],
    );
    expect(out.records).toEqual([{ row: 2, idNumber: a, passed: true, score: 88 }]);
    expect(out.problems).toEqual([
      { row: 3, column: '考试结果', message: '应为：合格、不合格' },
      { row: 3, column: '分数', message: '分数应为 0–1000 的整数' },
      { row: 4, column: '身份证号', message: '与第 2 行重复' },
      { row: 5, column: '身份证号', message: '不是有效的 18 位身份证号' },
    ]);
    expect(readResultRows(['身份证号'], []).problems).toEqual([{ row: 1, column: '考试结果', message: '缺少此列' }]);
  });
});
