// The words a person reads for the codes the system stores: the display names of the enumerations
// (Prisma enums and the domain's code lists) and of the steps written on each record's timeline. One
// catalogue for the web (web/src/messages.ts re-exports it) and for the texts the server writes (the
// officer's timeline), so a code reads the same everywhere; test/unit/labels.test.ts fails for a
// stored code without a word here.

import type { ReviewOutcome } from './contracts/sanction';

/** Display names of the enumerations (a value shared by several enums reads the same in each). */
export const LABELS: Record<string, string> = {
  // 民法典 第二百零三条: a deadline moved later once its year's holidays were entered.
  DEADLINE_MOVED: '期限顺延',
  // 第二十条 回避: a task or complaint passed on; who declared it, never why.
  TASK_HANDED_OVER: '回避移交',
  REVIEWER_RECUSED: '审核人员回避',
  HANDED_OVER: '回避移交',
  HANDLER_RECUSED: '办理人员回避',
  REVIEW_DEADLINE_MOVED: '复核申请期限顺延',
  REVIEW_DECISION_DEADLINE_MOVED: '复核决定期限顺延',
  HOLIDAY: '放假',
  MAKEUP_WORKDAY: '调休上班',
  CHINESE_DAYS: '初始数据（chinese-days）',
  ENTERED: '手工录入',
  IMPORTED: '文件导入',
  INITIAL: '申领',
  TRANSFER: '换发',
  REISSUE: '补发',
  REAPPLY: '重新申领',
  UNDER_REVIEW: '审核中',
  RETURNED: '已退回补正',
  ISSUED: '已发证',
  REJECTED: '不予通过',
  WITHDRAWN: '已撤回',
  LAPSED: '逾期未补正',
  OPEN: '待办',
  WAITING_CONSULTATION: '征求意见中',
  DONE: '已办结',
  CANCELLED: '已取消',
  ACTIVE_TASKS: '在办',
  DISTRICT: '区县司法局',
  CITY: '市司法局',
  PROVINCE: '省司法厅',
  APPROVE: '通过',
  REJECT: '不予通过',
  RETURN: '退回补正',
  CONSULT: '征求意见',
  ACTIVE: '有效',
  SUSPENDED: '暂扣',
  REVOKED: '收缴',
  REPLACED: '已换发',
  VOID: '已作废',
  SUSPENSION: '暂扣',
  REVOCATION: '收缴',
  PENDING_DELIVERY: '待送达',
  IN_EFFECT: '执行中',
  ENDED: '已结束',
  ANNULLED: '已撤销',
  RESOLVED: '已完成',
  ESCALATED: '已逾期上报',
  AWAITING_ACCEPTANCE: '待受理',
  INVESTIGATING: '调查中',
  AWAITING_FEEDBACK: '待反馈',
  FEEDBACK_GIVEN: '已反馈',
  CLOSED: '已办结',
  SUBMITTED: '已提交',
  ACCEPTANCE: '受理',
  INVESTIGATION: '调查',
  FEEDBACK: '反馈',
  EXTENSION_APPROVAL: '延期审批',
  SUBSTANTIATED: '属实',
  PARTLY_SUBSTANTIATED: '部分属实',
  NOT_SUBSTANTIATED: '不属实',
  PHONE: '电话',
  SMS: '短信',
  EMAIL: '电子邮件',
  LETTER: '书面',
  IN_PERSON: '当面',
  PUBLISHED: '在回执码查询页公布',
  NOT_ON_STAFF: '不在编',
  DEPARTED: '已调离',
  LOST_NOT_REISSUED: '遗失未补发',
  TRAINING_SHORTFALL: '培训不足',
  ASSESSMENT_MISSING: '缺年度考核',
  RETENTION_EXPIRING: '保留资格届满',
  PUBLIC_LAW: '公共法律知识',
  SPECIALIZED_LAW: '专门法律知识',
  NEW_LAWS: '新颁布法律法规',
  ENFORCEMENT_SKILLS: '执法业务知识和技能',
  CENTRALIZED: '集中培训',
  DAILY: '日常培训',
  COMPREHENSIVE: '综合',
  PROFESSIONAL: '专业',
  LOST: '遗失',
  DAMAGED: '损毁',
  AGENCY_ADMIN: '执法机关管理员',
  DISTRICT_REVIEWER: '区县审核员',
  CITY_REVIEWER: '市级审核员',
  PROVINCE_REVIEWER: '省级核准员',
  STAFFING_OFFICE: '机构编制部门',
  SANCTION_OFFICER: '执法监督',
  COMPLAINT_HANDLER: '投诉受理',
  SUPERVISOR: '监察监督',
  OFFICER: '执法人员',
  SYSTEM_ADMIN: '系统管理员',
  // 第三十条: the training and exam a suspended officer's agency arranges.
  TRAINING: '培训',
  EXAM: '考试',
  // 第二十九条: the province's answer to a referral (提请).
  DECIDED: '已作出决定',
  DECLINED: '未予采纳',
  // 第二十七条: assessment grades.
  EXCELLENT: '优秀',
  COMPETENT: '称职',
  BASICALLY_COMPETENT: '基本称职',
  INCOMPETENT: '不称职',
  // 第十条: how a clean-up finding was resolved (REISSUE reads 补发 as above).
  CANCEL: '注销',
  KEEP: '保留并说明理由',
  // 第二十八条: who complained, to whom, and an extension's state.
  PUBLIC: '公众投诉举报',
  OFFICER_AGENCY: '执法人员所在机关',
  SUPERIOR_AGENCY: '上级机关',
  SUPERVISORY_ORGAN: '监察机关',
  PERSON: '个人',
  ORGANISATION: '单位',
  REQUESTED: '已申请延期',
  APPROVED: '延期已批准',
  REFUSED: '延期未批准',
  // 第十八条: the acts a team check covers (INVESTIGATION reads 调查 as above).
  PENALTY: '行政处罚',
  COERCIVE_MEASURE: '行政强制措施',
};

/** 第二十七条: daily and annual assessments (DAILY reads otherwise in LABELS, as a training mode). */
export const ASSESSMENT_KIND_LABELS: Record<string, string> = { DAILY: '日常考核', ANNUAL: '年度考核' };

/** 第三十二条: a 复核's outcome as the agency reads it (VARIED: a 收缴 becomes a 暂扣). */
export const REVIEW_OUTCOME_LABELS = {
  UPHELD: '维持原决定',
  ANNULLED: '撤销原决定',
  VARIED: '变更为暂扣',
} as const satisfies Record<ReviewOutcome, string>;

/** 第三十二条: where a 复核 stands (ReviewRequest.status). */
export const REVIEW_REQUEST_LABELS: Record<string, string> = { PENDING: '待作出复核决定', ...REVIEW_OUTCOME_LABELS };

/** A card's status (CertificateStatus) — CANCELLED reads 已注销 here, not a task's 已取消. */
export const CERTIFICATE_STATUS_WORDS: Record<string, string> = {
  ACTIVE: '有效',
  SUSPENDED: '暂扣',
  REVOKED: '已收缴',
  CANCELLED: '已注销',
  REPLACED: '已换发新证',
  VOID: '已作废',
};

/** 第五条 (一)–(三): the grounds of exemption from the exams. */
export const EXEMPTION_LABELS: Record<string, string> = {
  APPOINTED_HEAD: '（一）任命的机关负责人，任职前法律知识考试和依法行政能力测试合格',
  LEGAL_PROFESSION: '（二）取得国家统一法律职业资格',
  AGE_55_TRAINING: '（三）年满55周岁，经本机关组织的培训考试合格',
};

/** 第七条: the steps on an application's record (ApplicationEvent.type); the activities write only these. */
export const APPLICATION_EVENT_LABELS = {
  SUBMITTED: '提交申请',
  RESUBMITTED: '补正后重新提交',
  DECISION_APPROVE: '审核通过',
  DECISION_REJECT: '审核不予通过',
  DECISION_RETURN: '退回补正',
  DECISION_CONSULT: '征求机构编制部门意见',
  CONSULTATION_ANSWERED: '机构编制部门已答复',
  CERTIFICATE_ISSUED: '核准发证',
  TASK_OVERDUE: '审核逾期上报',
  TASK_HANDED_OVER: '回避移交',
  REVIEWER_RECUSED: '审核人员回避',
  DEADLINE_MOVED: '期限顺延',
  WITHDRAWN: '撤回申请',
  LAPSED: '逾期未补正，申请终止',
} as const satisfies Record<string, string>;
export type ApplicationEventType = keyof typeof APPLICATION_EVENT_LABELS;

/** 第二十八条: the steps on a complaint's record (ComplaintEvent.type), on the staff and the public page. */
export const COMPLAINT_EVENT_LABELS = {
  RECEIVED: '收到投诉举报',
  ACCEPTED: '已受理',
  TRANSFERRED: '转交有权机关',
  HANDED_OVER: '回避移交',
  HANDLER_RECUSED: '办理人员回避',
  EXTENSION_REQUESTED: '申请延期',
  EXTENSION_APPROVED: '延期已批准',
  EXTENSION_REFUSED: '延期未批准',
  RESULT_RECORDED: '调查结果已记录',
  FEEDBACK_RECORDED: '已告知投诉人',
  CLOSED: '办结',
  REOPENED: '重新办理',
  INFORMATION_ADDED: '投诉人补充材料',
  ESCALATED: '逾期督办',
  DEADLINE_MOVED: '期限顺延',
  SANCTION_PROPOSAL_DECLINED: '暂扣/收缴建议未予采纳',
} as const satisfies Record<string, string>;
export type ComplaintEventType = keyof typeof COMPLAINT_EVENT_LABELS;

/** 第六条: the steps of an exam registration (ExamRegistrationEvent.type). */
export const EXAM_REGISTRATION_EVENT_LABELS = {
  REGISTERED: '已报名',
  RESUBMITTED: '修改后重新提交',
  CONFIRMED: '已确认',
  REFUSED: '被退回',
  RESULT_PASSED: '考试合格',
  RESULT_FAILED: '考试不合格',
  DECLARATION_FALSE: '经查申报不实',
} as const satisfies Record<string, string>;
export type ExamRegistrationEventType = keyof typeof EXAM_REGISTRATION_EVENT_LABELS;
