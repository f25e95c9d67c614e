// The kinds of file an import reads and their columns, headed in Chinese (domain/import.ts reads the
// rows; the web UI shows the columns). Kept apart so the browser bundle takes only these constants.
export const IMPORT_KINDS = ['officers', 'certificates', 'exam-results', 'training-records'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_COLUMNS = {
  officers: { name: '姓名', idNumber: '身份证号', agency: '所属机关', onStaff: '是否在编' },
  certificates: { number: '证件编号', idNumber: '身份证号', issuedOn: '发证日期', status: '证件状态' },
  'exam-results': { idNumber: '身份证号', type: '考试类别', takenOn: '考试日期', passed: '考试结果', score: '分数' },
  'training-records': {
    idNumber: '身份证号',
    takenOn: '培训日期',
    hours: '学时',
    category: '培训类别',
    mode: '培训方式',
    scope: '培训范围',
    organiser: '组织单位',
  },
} as const satisfies Record<ImportKind, Record<string, string>>;
