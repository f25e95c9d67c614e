// 第十七条–第二十五条: the conduct rules a spot check or an unannounced visit (第二十七条第二款) finds
// kept or broken. A breach opens a correction order (督促整改); not corrected, it is a ground of
// 第二十九条第一款第（四）项. No other imports: the web UI uses this catalogue too.

export interface ConductRule {
  article: string;
  /** The rule as a person reads it (the regulation's wording, shortened). */
  label: string;
}

export const CONDUCT_RULES = {
  A17_EXCESS: { article: '第十七条', label: '滥用职权、超越职权执法' },
  A17_INACTION: { article: '第十七条', label: '不履行或拖延履行行政执法职责' },
  A18_TEAM: { article: '第十八条', label: '调查未指派2名以上工作人员，或其中无行政执法人员（单人执法）' },
  A19_RECORDING: { article: '第十九条', label: '应当全程音像记录的执法活动未进行音像记录' },
  A20_RECUSAL: { article: '第二十条', label: '与案件有利害关系应当回避而未回避' },
  A21_EVIDENCE: { article: '第二十一条', label: '调查取证不全面、客观、公正，或以不正当手段收集证据' },
  A22_RIGHTS: { article: '第二十二条', label: '未告知当事人陈述、申辩、要求听证等权利，或未听取陈述和申辩' },
  A23_CIVILITY: { article: '第二十三条', label: '未文明执法：着装不规范，或使用粗俗、歧视、侮辱、威胁性语言' },
  A24_FILES: { article: '第二十四条', label: '结案后未制作行政执法案卷并归档' },
  A25_SECRETS: { article: '第二十五条', label: '泄露执法中知悉的国家秘密、商业秘密或个人隐私' },
} as const satisfies Record<string, ConductRule>;

export type ConductRuleCode = keyof typeof CONDUCT_RULES;
export const CONDUCT_RULE_CODES = Object.keys(CONDUCT_RULES) as ConductRuleCode[];

/** A check's finding: kept, or the rule broken. */
export const SPOT_CHECK_FINDINGS = ['COMPLIANT', ...CONDUCT_RULE_CODES] as const;
export type SpotCheckFinding = (typeof SPOT_CHECK_FINDINGS)[number];

export const isBreach = (f: SpotCheckFinding): f is ConductRuleCode => f !== 'COMPLIANT';

/** “第十八条：调查未指派…” — how a finding reads to a person. */
export function findingText(f: string): string {
  if (f === 'COMPLIANT') return '未发现违反行为规范';
  const r = (CONDUCT_RULES as Record<string, ConductRule>)[f];
  return r ? `${r.article}：${r.label}` : f;
}

/** 第二十七条第二款: the two forms of supervision. */
export const SPOT_CHECK_METHODS = { SPOT_CHECK: '抽查', UNANNOUNCED_VISIT: '暗访' } as const;
export type SpotCheckMethod = keyof typeof SPOT_CHECK_METHODS;
export const SPOT_CHECK_POPULATIONS = { OFFICERS: '持有效执法证的执法人员', AGENCIES: '行政执法机关' } as const;
export type SpotCheckPopulation = keyof typeof SPOT_CHECK_POPULATIONS;

/** 第二十九条第一款第（四）项: 有其他违法执法行为，经督促不予改正的. */
export const UNCORRECTED_GROUND = 4;

export const CORRECTION_ORDER_STATUSES = {
  OPEN: '待整改',
  REPORTED: '已报告整改，待审核',
  CORRECTED: '已整改',
  NOT_CORRECTED: '逾期未整改',
} as const;
