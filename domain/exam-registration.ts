// Exam registration (考试申报, 第六条): who an agency may register for a published exam session, when the
// list closes, and how a session's results file is read. Pure: the caller loads the facts; every
// refusal names its article.
import type { EligibilityFacts, ExamType, Reason } from './eligibility';
import type { Refusal } from './errors';
import { EXAM_RESULT_COLUMNS } from './exam-columns';
import { isValidIdNumber } from './id-number';
import type { RowProblem } from './import';
import { bureauRegion } from './review-chain';
import type { OrgLevel } from './roles';
import { regionCovers } from './scope';
import { textProblem } from './text-policy';
import { addYears, dateInWords, endOfLocalDay, type LocalDate } from './time';

export { EXAM_RESULT_COLUMNS };
export const EXAM_SESSION_STATUSES = ['OPEN', 'CLOSED', 'RESULTS_IMPORTED'] as const;
export type ExamSessionStatus = (typeof EXAM_SESSION_STATUSES)[number];
export const EXAM_REGISTRATION_STATUSES = ['SUBMITTED', 'CONFIRMED', 'REFUSED'] as const;
export type ExamRegistrationStatus = (typeof EXAM_REGISTRATION_STATUSES)[number];
/** Registrations that hold a place (第六条: the capacity the bureau published). */
export const ACTIVE_REGISTRATION: readonly ExamRegistrationStatus[] = ['SUBMITTED', 'CONFIRMED'];

/** The workflow of a session. */
export const examSessionWorkflowId = (sessionId: string) => `exam-session-${sessionId}`;

/** The list closes at 24:00 Asia/Shanghai of the published last day of registration. */
export const registrationClosesAt = (deadline: LocalDate): Date => endOfLocalDay(deadline);

export const EXAM_TYPE_WORDS: Record<ExamType, string> = {
  COMPREHENSIVE: '综合法律知识考试',
  PROFESSIONAL: '专业法律知识考试',
};

/** A session as people name it: its date (stored as UTC midnight of the local date) and its exam. */
export const examSessionName = (s: { examDate: Date; examType: ExamType }) =>
  `${dateInWords(s.examDate.toISOString().slice(0, 10))} ${EXAM_TYPE_WORDS[s.examType]}`;

/** 第六条: once the session's results are in, its registrations no longer change. */
export const RESULTS_IN: Refusal = {
  code: 'RESULTS_IMPORTED',
  title: '成绩已导入，报名不能再变更',
  detail: 'the results of the session are in',
  article: '第六条',
};
/** 第六条: a session's results are imported once. */
export const RESULTS_ALREADY_IMPORTED: Refusal = {
  code: 'RESULTS_ALREADY_IMPORTED',
  title: '本场考试成绩已导入',
  detail: 'the results of the session are in already',
  article: '第六条',
};

export interface RegistrationFacts {
  examType: ExamType;
  agency: EligibilityFacts['agency'];
  officer: { onStaff: boolean; organisationId: string };
  exams: ReadonlyArray<{ type: ExamType; passed: boolean }>;
  /** Holds a certificate that is ACTIVE or SUSPENDED. */
  certified: boolean;
  /** Another registration of the officer for this session (any status). */
  registeredForSession: boolean;
}

const r = (code: string, article: string, message: string): Reason => ({ code, article, message });

/** Why an agency may not register the officer for the session; empty when it may. */
export function registrationRefusals(f: RegistrationFacts): Reason[] {
  const out: Reason[] = [];
  // 第四条第三款: vertically managed agencies are not in the province's exams.
  if (f.agency.verticallyManaged)
    out.push(r('VERTICALLY_MANAGED_AGENCY', '第四条第三款', '实行垂直管理的行政执法机关不参加本省行政执法资格考试'));
  // 第二条第三款: only an enforcement agency of the three kinds registers.
  if (f.agency.type !== 'AGENCY' || !f.agency.agencyKind)
    out.push(r('NOT_AN_ENFORCEMENT_AGENCY', '第二条第三款', '申报单位不是本办法第二条第三款规定的行政执法机关'));
  // 第二条第二款: 在编 staff only; 第六条: of the registering agency.
  if (!f.officer.onStaff) out.push(r('NOT_ON_STAFF', '第二条第二款', '报名人员不是该机关在编工作人员'));
  if (f.officer.organisationId !== f.agency.id) out.push(r('NOT_OWN_STAFF', '第六条', '只能为本机关工作人员报名'));
  // 第六条: the exam is for those who still need the qualification, once per session.
  if (f.certified) out.push(r('ALREADY_CERTIFIED', '第六条', '该人员已持有行政执法证，无需参加资格考试'));
  if (f.registeredForSession) out.push(r('ALREADY_REGISTERED', '第六条', '该人员已报名本场考试'));
  if (f.exams.some((e) => e.type === f.examType && e.passed))
    out.push(r('EXAM_ALREADY_PASSED', '第四条', '该人员已通过此类考试'));
  // 第四条第二款: the professional exam only where the system adds one, and before the comprehensive one.
  if (f.examType === 'PROFESSIONAL' && !f.agency.requiresProfessionalExam)
    out.push(r('PROFESSIONAL_EXAM_NOT_REQUIRED', '第四条第二款', '本机关所属系统未增设专业法律知识考试'));
  if (
    f.examType === 'COMPREHENSIVE' &&
    f.agency.requiresProfessionalExam &&
    !f.exams.some((e) => e.type === 'PROFESSIONAL' && e.passed)
  )
    out.push(
      r(
        'PROFESSIONAL_EXAM_FIRST',
        '第四条第二款',
        '本系统增设专业资格条件，须先通过专业法律知识考试再报名综合法律知识考试',
      ),
    );
  return out;
}

/** 第六条: a published session — the last day of registration today or later, before the exam day, within two years. */
export function sessionProblems(s: {
  examDate: LocalDate;
  registrationDeadline: LocalDate;
  today: LocalDate;
}): { field: 'registrationDeadline' | 'examDate'; message: string }[] {
  const out: { field: 'registrationDeadline' | 'examDate'; message: string }[] = [];
  if (s.registrationDeadline < s.today) out.push({ field: 'registrationDeadline', message: '报名截止日不能早于今天' });
  if (s.examDate <= s.registrationDeadline) out.push({ field: 'examDate', message: '考试日期须在报名截止日之后' });
  // A session is planned for the near future: its timer must be one Temporal can hold.
  if (s.examDate > addYears(s.today, 2)) out.push({ field: 'examDate', message: '考试日期最多安排在两年以内' });
  return out;
}

export interface ResultRow {
  row: number;
  idNumber: string;
  passed: boolean;
  score: number | null;
}

const PASSED: Record<string, boolean> = { 合格: true, 不合格: false };

/**
 * A results file's rows (身份证号, 考试结果, 分数): the rows without a problem, and the problems of the
 * others, each by row and column in Chinese. Who the rows name is the caller's check (the session's
 * confirmed registrations).
 */
export function readResultRows(
  header: readonly string[],
  rows: readonly { row: number; cells: readonly string[] }[],
): { records: ResultRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const at: Partial<Record<keyof typeof EXAM_RESULT_COLUMNS, number>> = {};
  for (const [key, title] of Object.entries(EXAM_RESULT_COLUMNS) as [keyof typeof EXAM_RESULT_COLUMNS, string][]) {
    const i = header.indexOf(title);
    if (i < 0 && key !== 'score') problems.push({ row: 1, column: title, message: '缺少此列' });
    if (i >= 0) at[key] = i;
  }
  if (problems.length) return { records: [], problems };
  const records: ResultRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const cell = (k: keyof typeof EXAM_RESULT_COLUMNS) => (at[k] === undefined ? '' : (cells[at[k]] ?? '').trim());
    const mine: RowProblem[] = [];
    const fail = (k: keyof typeof EXAM_RESULT_COLUMNS, message: string) =>
      mine.push({ row, column: EXAM_RESULT_COLUMNS[k], message });
    for (const k of Object.keys(at) as (keyof typeof EXAM_RESULT_COLUMNS)[]) {
      const hostile = textProblem(cell(k));
      if (hostile) fail(k, hostile);
    }
    const idNumber = cell('idNumber').toUpperCase();
    if (!isValidIdNumber(idNumber)) fail('idNumber', '不是有效的 18 位身份证号');
    const passed = PASSED[cell('passed')];
    if (passed === undefined) fail('passed', '应为：合格、不合格');
    const rawScore = cell('score');
    // Decimal digits only: Number() would also take 0x10, 1e1 or 0b11.
    if (rawScore !== '' && !(/^\d{1,4}$/.test(rawScore) && Number(rawScore) <= 1000))
      fail('score', '分数应为 0–1000 的整数');
    if (!mine.length) {
      const first = seen.get(idNumber);
      if (first !== undefined) fail('idNumber', `与第 ${first} 行重复`);
      else seen.set(idNumber, row);
    }
    problems.push(...mine);
    if (!mine.length) records.push({ row, idNumber, passed, score: rawScore === '' ? null : Number(rawScore) });
  }
  return { records, problems };
}

/** 第六条: a bureau's sessions are for the agencies in its region (a city bureau's: the whole city). */
export function sessionIsFor(bureau: { level: OrgLevel; regionCode: string }, agencyRegion: string): boolean {
  return regionCovers(bureau.level, bureau.regionCode, agencyRegion);
}

/** The same rule as the bureaus whose sessions an agency in `agencyRegion` sees: its district's and its city's. */
export function bureausFor(agencyRegion: string): { level: OrgLevel; regionCode: string }[] {
  return [
    { level: 'DISTRICT', regionCode: agencyRegion },
    { level: 'CITY', regionCode: bureauRegion('CITY', agencyRegion) },
  ];
}
