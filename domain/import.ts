// Bringing in what a city already has (issue #14 §4): officers (第二条), the certificates they hold
// (original numbers and issue dates), exam results (第四条) and training records (第十一条–第十五条),
// one kind per file. Here: each kind's columns — headed in Chinese, found by name in any order — and
// what one row must hold, as pure functions; each problem names the row and the column, in Chinese.
// Checks against what is stored (who exists, which numbers are taken) are the importer's (store/).

export { IMPORT_COLUMNS, IMPORT_KINDS, type ImportKind };
import type { ExamType } from './eligibility';
import { IMPORT_COLUMNS, IMPORT_KINDS, type ImportKind } from './import-columns';
import { isValidIdNumber } from './id-number';
import { textProblem } from './text-policy';
import { isLocalDate } from './time';
import { MAX_HOURS_PER_DAY, TRAINING_CATEGORIES, TRAINING_MODES, TRAINING_SCOPES } from './training';

export interface RowProblem {
  /** The row as a person sees it in the file (the header is row 1); 1 for a header problem. */
  row: number;
  /** The column's header, or '' for the row as a whole. */
  column: string;
  message: string;
}

/** A column: its header and the words a cell may hold (a value's label → the value). */
interface Column {
  header: string;
  required: boolean;
}

const TRAINING_CATEGORY_LABELS: Record<string, (typeof TRAINING_CATEGORIES)[number]> = {
  公共法律知识: 'PUBLIC_LAW',
  专门法律知识: 'SPECIALIZED_LAW',
  新颁布法律法规: 'NEW_LAWS',
  执法业务知识和技能: 'ENFORCEMENT_SKILLS',
};
const TRAINING_MODE_LABELS: Record<string, (typeof TRAINING_MODES)[number]> = {
  集中培训: 'CENTRALIZED',
  日常培训: 'DAILY',
};
const TRAINING_SCOPE_LABELS: Record<string, (typeof TRAINING_SCOPES)[number]> = {
  综合: 'COMPREHENSIVE',
  专业: 'PROFESSIONAL',
};
const EXAM_TYPE_LABELS: Record<string, ExamType> = {
  综合法律知识: 'COMPREHENSIVE',
  综合: 'COMPREHENSIVE',
  专业法律知识: 'PROFESSIONAL',
  专业: 'PROFESSIONAL',
};
const YES_NO: Record<string, boolean> = { 是: true, 否: false };
/** Labels of the enumerations a file holds, for exports (the same words an import reads). */
export const IMPORT_LABELS = {
  examType: { COMPREHENSIVE: '综合法律知识', PROFESSIONAL: '专业法律知识' },
  trainingCategory: Object.fromEntries(Object.entries(TRAINING_CATEGORY_LABELS).map(([k, v]) => [v, k])),
  trainingMode: Object.fromEntries(Object.entries(TRAINING_MODE_LABELS).map(([k, v]) => [v, k])),
  trainingScope: Object.fromEntries(Object.entries(TRAINING_SCOPE_LABELS).map(([k, v]) => [v, k])),
} as const;

/** The words for a card's status, as an export writes them (CertificateStatus). */
export const CERTIFICATE_STATUS_LABELS = {
  有效: 'ACTIVE',
  暂扣: 'SUSPENDED',
  收缴: 'REVOKED',
  注销: 'CANCELLED',
  已换发: 'REPLACED',
  已作废: 'VOID',
} as const;
export type CertificateStatusValue = (typeof CERTIFICATE_STATUS_LABELS)[keyof typeof CERTIFICATE_STATUS_LABELS];
const PASSED: Record<string, boolean> = { 合格: true, 不合格: false };

/** Columns a file of the kind may leave out (the cell is then read as empty). */
const OPTIONAL: Record<ImportKind, readonly string[]> = {
  officers: ['agency', 'onStaff'],
  certificates: ['status'],
  'exam-results': ['score'],
  'training-records': [],
};

export function columnsOf(kind: ImportKind): Record<string, Column> {
  return Object.fromEntries(
    Object.entries(IMPORT_COLUMNS[kind]).map(([key, header]) => [
      key,
      { header, required: !OPTIONAL[kind].includes(key) },
    ]),
  );
}

/** Where each column is in the file's header, or the header's problems (a required column missing, one twice). */
export function locateColumns(
  kind: ImportKind,
  header: readonly string[],
): { at: Record<string, number>; problems: RowProblem[] } {
  const at: Record<string, number> = {};
  const problems: RowProblem[] = [];
  for (const [key, col] of Object.entries(columnsOf(kind))) {
    const found = header.flatMap((h, i) => (h === col.header ? [i] : []));
    if (found.length > 1) problems.push({ row: 1, column: col.header, message: '表头中出现了两次' });
    if (found.length === 0 && col.required) problems.push({ row: 1, column: col.header, message: '缺少此列' });
    if (found.length > 0) at[key] = found[0];
  }
  return { at, problems };
}

/** The record a row stands for, per kind. */
export interface ImportRecords {
  officers: { name: string; idNumber: string; birthDate: string; agency: string | null; onStaff: boolean };
  certificates: { number: string; idNumber: string; issuedOn: string; status: CertificateStatusValue };
  'exam-results': { idNumber: string; type: ExamType; takenOn: string; passed: boolean; score: number | null };
  'training-records': {
    idNumber: string;
    takenOn: string;
    hours: number;
    category: (typeof TRAINING_CATEGORIES)[number];
    mode: (typeof TRAINING_MODES)[number];
    scope: (typeof TRAINING_SCOPES)[number];
    organiser: string;
  };
}

export type ParsedRow<K extends ImportKind> = { row: number; record: ImportRecords[K] };

/** Reads one row's cells; problems are pushed, and the record is returned only when it has none. */
class RowReader {
  readonly problems: RowProblem[] = [];
  constructor(
    private readonly kind: ImportKind,
    private readonly row: number,
    private readonly cells: readonly string[],
    private readonly at: Record<string, number>,
    private readonly today: string,
  ) {}

  private header(key: string): string {
    return (IMPORT_COLUMNS[this.kind] as Record<string, string>)[key];
  }
  fail(key: string, message: string): undefined {
    this.problems.push({ row: this.row, column: this.header(key), message });
    return undefined;
  }
  raw(key: string): string {
    const i = this.at[key];
    return i === undefined ? '' : (this.cells[i] ?? '').trim();
  }
  text(key: string, max: number): string | undefined {
    const v = this.raw(key);
    if (!v) return this.fail(key, '不能为空');
    if (v.length > max) return this.fail(key, `不能超过 ${max} 个字`);
    return v;
  }
  idNumber(): string | undefined {
    const v = this.raw('idNumber').toUpperCase();
    if (!v) return this.fail('idNumber', '不能为空');
    if (!isValidIdNumber(v))
      return this.fail('idNumber', '不是有效的 18 位身份证号（请将该列设为文本格式，避免被表格软件改写）');
    return v;
  }
  /** A day that has happened: YYYY-MM-DD (or YYYY/M/D), not after today, not before 1950. */
  pastDate(key: string): string | undefined {
    const v = this.raw(key);
    if (!v) return this.fail(key, '不能为空');
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
    const d = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : v;
    if (!isLocalDate(d)) return this.fail(key, '日期格式应为 YYYY-MM-DD');
    if (d > this.today) return this.fail(key, '不能晚于今天');
    if (d < '1950-01-01') return this.fail(key, '不能早于 1950-01-01');
    return d;
  }
  choice<T>(key: string, options: Record<string, T>, fallback?: T): T | undefined {
    const v = this.raw(key);
    if (!v && fallback !== undefined) return fallback;
    if (v in options) return options[v];
    return this.fail(key, `应为：${Object.keys(options).join('、')}`);
  }
}

const CERTIFICATE_NUMBER = /^[\p{L}\p{N}-]{4,40}$/u;

/** Each kind's row rule: the record, or nothing (its problems are on the reader). */
const READ: { [K in ImportKind]: (r: RowReader) => ImportRecords[K] | undefined } = {
  officers: (r) => {
    const name = r.text('name', 50);
    const idNumber = r.idNumber();
    const agency = r.raw('agency') || null;
    const onStaff = r.choice('onStaff', YES_NO, true);
    if (!name || !idNumber || onStaff === undefined) return undefined;
    // The birth date is the one in the ID number (GB 11643).
    const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
    return { name, idNumber, birthDate, agency, onStaff };
  },
  certificates: (r) => {
    const raw = r.raw('number');
    const number = CERTIFICATE_NUMBER.test(raw) ? raw : r.fail('number', '证件编号应为 4–40 位字母、数字或连字符');
    const idNumber = r.idNumber();
    const issuedOn = r.pastDate('issuedOn');
    const status = r.choice<CertificateStatusValue>('status', CERTIFICATE_STATUS_LABELS, 'ACTIVE');
    if (!number || !idNumber || !issuedOn || !status) return undefined;
    return { number, idNumber, issuedOn, status };
  },
  'exam-results': (r) => {
    const idNumber = r.idNumber();
    const type = r.choice('type', EXAM_TYPE_LABELS);
    const takenOn = r.pastDate('takenOn');
    const passed = r.choice('passed', PASSED);
    const rawScore = r.raw('score');
    const score = rawScore === '' ? null : Number(rawScore);
    // Decimal digits only: Number() would also take 0x10, 1e1 or 0b11.
    const scoreOk = score === null || (/^\d{1,4}$/.test(rawScore) && score <= 1000);
    if (!scoreOk) r.fail('score', '分数应为 0–1000 的整数');
    if (!idNumber || !type || !takenOn || passed === undefined || !scoreOk) return undefined;
    return { idNumber, type, takenOn, passed, score };
  },
  'training-records': (r) => {
    const idNumber = r.idNumber();
    const takenOn = r.pastDate('takenOn');
    const hours = Number(r.raw('hours'));
    // 第十五条 counts hours spent, in tenths; a day has at most 24. Decimal digits only.
    const hoursOk =
      /^\d{1,2}(\.\d)?$/.test(r.raw('hours')) &&
      Number.isFinite(hours) &&
      hours > 0 &&
      hours <= MAX_HOURS_PER_DAY &&
      Math.round(hours * 10) === hours * 10;
    if (!hoursOk) r.fail('hours', `学时应大于 0、不超过 ${MAX_HOURS_PER_DAY}，最多一位小数`);
    const category = r.choice('category', TRAINING_CATEGORY_LABELS);
    const mode = r.choice('mode', TRAINING_MODE_LABELS);
    const scope = r.choice('scope', TRAINING_SCOPE_LABELS);
    const organiser = r.text('organiser', 100);
    if (!idNumber || !takenOn || !hoursOk || !category || !mode || !scope || !organiser) return undefined;
    return { idNumber, takenOn, hours, category, mode, scope, organiser };
  },
};

/** The header of the column at index `i` (an extra column: its position). */
function headerAt(kind: ImportKind, at: Record<string, number>, i: number): string {
  const key = Object.keys(at).find((k) => at[k] === i);
  return key ? (IMPORT_COLUMNS[kind] as Record<string, string>)[key] : `第 ${i + 1} 列`;
}

/**
 * Every row of a file of `kind`: the records of the rows without a problem, and the problems of the
 * others. `today` is the Asia/Shanghai date (a day after it has not happened yet).
 */
export function readRows<K extends ImportKind>(
  kind: K,
  rows: readonly { row: number; cells: readonly string[] }[],
  at: Record<string, number>,
  today: string,
): { records: ParsedRow<K>[]; problems: RowProblem[] } {
  const records: ParsedRow<K>[] = [];
  const problems: RowProblem[] = [];
  for (const { row, cells } of rows) {
    // The text policy holds for every cell, read or not (domain/text-policy.ts).
    const hostile = cells.flatMap((c, i) => {
      const message = textProblem(c);
      return message ? [{ row, column: headerAt(kind, at, i), message }] : [];
    });
    if (hostile.length) {
      problems.push(...hostile);
      continue;
    }
    const reader = new RowReader(kind, row, cells, at, today);
    const record = READ[kind](reader) as ImportRecords[K] | undefined;
    problems.push(...reader.problems);
    if (record && reader.problems.length === 0) records.push({ row, record });
  }
  return { records, problems };
}

/** Rows of one file that say the same thing twice (the same key): the later ones are problems. */
export function duplicateKeys<T>(
  records: readonly { row: number; record: T }[],
  key: (record: T) => string,
  column: string,
): RowProblem[] {
  const first = new Map<string, number>();
  const problems: RowProblem[] = [];
  for (const { row, record } of records) {
    const k = key(record);
    const seen = first.get(k);
    if (seen !== undefined) problems.push({ row, column, message: `与第 ${seen} 行重复` });
    else first.set(k, row);
  }
  return problems;
}
