// 第九条: grounds for cancelling (注销) a certificate, and the qualification kept after a 调动.
import type { Term } from './time';

export const CANCELLATION_GROUNDS = {
  TRANSFER: '因工作调动离开行政执法机关', // 第九条第一款第（一）项 — qualification retained 5 years
  RESIGNATION: '辞职',
  RETIREMENT: '退休',
  CRIMINAL_PENALTY: '因犯罪受到刑事处罚', // 第（二）项
  DISMISSAL: '被开除公职',
  DISCHARGE: '被辞退',
  OTHER_LEGAL_GROUND: '法律、法规、规章规定予以注销的其他情形', // 第（三）项
} as const;
export type CancellationGround = keyof typeof CANCELLATION_GROUNDS;

/** 第九条第二款: after a cancellation for 调动 the qualification is kept for 5 years (a fixed term). */
export const RETENTION_TERM: Term = { years: 5 };

export function retainsQualification(ground: CancellationGround): boolean {
  return ground === 'TRANSFER';
}
