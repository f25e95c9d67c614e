// The columns of an exam session's results file (第六条), headed in Chinese. Kept apart from the rules
// (domain/exam-registration.ts) so the web bundle can show them without domain/time.ts.
export const EXAM_RESULT_COLUMNS = { idNumber: '身份证号', passed: '考试结果', score: '分数' } as const;
