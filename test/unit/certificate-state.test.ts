// The certificate state machine (DESIGN.md "Certificate state changes in one place"). The tables of
// legal transitions below are written by hand from the regulation, not read from the module.
import { describe, expect, it } from 'vitest';
import {
  articleOf,
  CERTIFICATE_STATUSES,
  isValidForEnforcement,
  transition,
  type CertificateAction,
  type CertificateStatus,
} from '../../domain/certificate-state';
import { RuleViolation } from '../../domain/errors';

const ALL_STATUSES: CertificateStatus[] = ['ACTIVE', 'SUSPENDED', 'REVOKED', 'CANCELLED', 'REPLACED', 'VOID'];
const ALL_ACTIONS: CertificateAction[] = [
  'SUSPEND',
  'REINSTATE',
  'REVOKE',
  'CANCEL',
  'REPLACE',
  'VOID',
  'ANNUL_REVOCATION',
  'VARY_TO_SUSPENSION',
];

const ARTICLE: Record<CertificateAction, string> = {
  SUSPEND: '第二十九条', // 暂扣
  REINSTATE: '第三十条', // end of the 30-day suspension (or a 复核 that annuls it, 第三十二条)
  REVOKE: '第二十九条', // 收缴
  CANCEL: '第九条', // 注销
  REPLACE: '第八条', // 换发 on transfer
  VOID: '第十条', // lost or damaged card
  ANNUL_REVOCATION: '第三十二条', // 复核 annuls a 收缴
  VARY_TO_SUSPENSION: '第三十二条', // 复核 changes a 收缴 into a 暂扣
};

// [from, action, to]
const LEGAL: [CertificateStatus, CertificateAction, CertificateStatus][] = [
  ['ACTIVE', 'SUSPEND', 'SUSPENDED'],
  ['SUSPENDED', 'REINSTATE', 'ACTIVE'],
  ['ACTIVE', 'REVOKE', 'REVOKED'],
  ['SUSPENDED', 'REVOKE', 'REVOKED'],
  ['ACTIVE', 'CANCEL', 'CANCELLED'],
  ['SUSPENDED', 'CANCEL', 'CANCELLED'],
  ['ACTIVE', 'REPLACE', 'REPLACED'],
  ['ACTIVE', 'VOID', 'VOID'],
  ['SUSPENDED', 'VOID', 'VOID'],
  ['REVOKED', 'ANNUL_REVOCATION', 'ACTIVE'],
  ['REVOKED', 'VARY_TO_SUSPENSION', 'SUSPENDED'],
];

const isLegal = (from: CertificateStatus, action: CertificateAction) =>
  LEGAL.some(([f, a]) => f === from && a === action);

const ILLEGAL: [CertificateStatus, CertificateAction][] = ALL_STATUSES.flatMap((from) =>
  ALL_ACTIONS.filter((action) => !isLegal(from, action)).map((action): [CertificateStatus, CertificateAction] => [
    from,
    action,
  ]),
);

function refusal(from: CertificateStatus, action: CertificateAction): RuleViolation {
  try {
    transition(from, action);
  } catch (e) {
    if (e instanceof RuleViolation) return e;
    throw e;
  }
  throw new Error(`expected ${action} on ${from} to be refused`);
}

describe('certificate statuses', () => {
  it('are exactly the six of DESIGN.md "Records"', () => {
    expect([...CERTIFICATE_STATUSES].sort()).toEqual([...ALL_STATUSES].sort());
  });
});

describe('legal transitions', () => {
  it.each(LEGAL.map(([from, action, to]) => ({ from, action, to, article: ARTICLE[action] })))(
    '$article: $from --$action--> $to',
    ({ from, action, to }) => {
      expect(transition(from, action)).toBe(to);
    },
  );
});

describe('illegal transitions are refused with CERTIFICATE_TRANSITION_REFUSED and the rule article', () => {
  it.each(ILLEGAL.map(([from, action]) => ({ from, action, article: ARTICLE[action] })))(
    '$article: $action on a $from certificate is refused',
    ({ from, action }) => {
      const e = refusal(from, action);
      expect(e).toBeInstanceOf(Error);
      expect(e.name).toBe('RuleViolation');
      expect(e.code).toBe('CERTIFICATE_TRANSITION_REFUSED');
      expect(e.article).toBe(ARTICLE[action]);
      expect(e.status).toBe(409);
      expect(e.message).toBe(`cannot ${action} a certificate that is ${from}`);
    },
  );

  it('第二十九条: SUSPEND on a SUSPENDED certificate is refused with 证件已被暂扣，不能重复暂扣', () => {
    const e = refusal('SUSPENDED', 'SUSPEND');
    expect(e.code).toBe('CERTIFICATE_TRANSITION_REFUSED');
    expect(e.article).toBe('第二十九条');
    expect(e.title).toBe('证件已被暂扣，不能重复暂扣');
  });

  it('every other refusal carries the generic title 证件当前状态不允许此操作', () => {
    for (const [from, action] of ILLEGAL) {
      if (from === 'SUSPENDED' && action === 'SUSPEND') continue;
      expect(refusal(from, action).title, `${from} + ${action}`).toBe('证件当前状态不允许此操作');
    }
  });

  it('DESIGN.md state machine: CANCELLED, REPLACED and VOID are final: every action on them is refused', () => {
    for (const from of ['CANCELLED', 'REPLACED', 'VOID'] as const) {
      for (const action of ALL_ACTIONS)
        expect(() => transition(from, action), `${from} + ${action}`).toThrow(RuleViolation);
    }
  });

  it('第三十二条: a REVOKED certificate changes only by a 复核 (annulled → ACTIVE, varied → SUSPENDED)', () => {
    for (const action of ALL_ACTIONS.filter((a) => a !== 'ANNUL_REVOCATION' && a !== 'VARY_TO_SUSPENSION')) {
      expect(() => transition('REVOKED', action), action).toThrow(RuleViolation);
    }
  });
});

describe('articleOf', () => {
  it.each(ALL_ACTIONS.map((action) => ({ action, article: ARTICLE[action] })))(
    '$article: $action cites $article',
    ({ action }) => {
      expect(articleOf(action)).toBe(ARTICLE[action]);
    },
  );
});

describe('isValidForEnforcement', () => {
  it('第十八条: an ACTIVE certificate is valid for enforcement', () => {
    expect(isValidForEnforcement('ACTIVE')).toBe(true);
  });

  it.each(ALL_STATUSES.filter((s) => s !== 'ACTIVE'))(
    '第十八条/第三十条: a %s certificate is not valid for enforcement',
    (status) => {
      expect(isValidForEnforcement(status)).toBe(false);
    },
  );
});
