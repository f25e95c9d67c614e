// The single certificate state machine (DESIGN.md "Certificate state changes in one place").
// Every status change goes through `transition`; an illegal one is refused with the rule's article.
import { RuleViolation } from './errors';

export const CERTIFICATE_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED', 'CANCELLED', 'REPLACED', 'VOID'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export type CertificateAction =
  'SUSPEND' | 'REINSTATE' | 'REVOKE' | 'CANCEL' | 'REPLACE' | 'VOID' | 'ANNUL_REVOCATION' | 'VARY_TO_SUSPENSION';

interface Rule {
  from: readonly CertificateStatus[];
  to: CertificateStatus;
  article: string;
}

const RULES: Record<CertificateAction, Rule> = {
  SUSPEND: { from: ['ACTIVE'], to: 'SUSPENDED', article: '第二十九条' }, // 暂扣
  REINSTATE: { from: ['SUSPENDED'], to: 'ACTIVE', article: '第三十条' }, // term over, or 复核 annulled
  REVOKE: { from: ['ACTIVE', 'SUSPENDED'], to: 'REVOKED', article: '第二十九条' }, // 收缴
  CANCEL: { from: ['ACTIVE', 'SUSPENDED'], to: 'CANCELLED', article: '第九条' }, // 注销 ends a suspension
  REPLACE: { from: ['ACTIVE'], to: 'REPLACED', article: '第八条' }, // 换发
  VOID: { from: ['ACTIVE', 'SUSPENDED'], to: 'VOID', article: '第十条' }, // lost or damaged card
  ANNUL_REVOCATION: { from: ['REVOKED'], to: 'ACTIVE', article: '第三十二条' }, // 复核 annulled the 收缴
  VARY_TO_SUSPENSION: { from: ['REVOKED'], to: 'SUSPENDED', article: '第三十二条' }, // 复核 changed 收缴 to 暂扣
};

export function transition(from: CertificateStatus, action: CertificateAction): CertificateStatus {
  const rule = RULES[action];
  if (!rule.from.includes(from)) {
    throw new RuleViolation({
      code: 'CERTIFICATE_TRANSITION_REFUSED',
      title: from === 'SUSPENDED' && action === 'SUSPEND' ? '证件已被暂扣，不能重复暂扣' : '证件当前状态不允许此操作',
      detail: `cannot ${action} a certificate that is ${from}`,
      article: rule.article,
    });
  }
  return rule.to;
}

export function articleOf(action: CertificateAction): string {
  return RULES[action].article;
}

/** 第十八条, 第三十条: only an ACTIVE certificate is valid for enforcement. */
export function isValidForEnforcement(status: CertificateStatus): boolean {
  return status === 'ACTIVE';
}
