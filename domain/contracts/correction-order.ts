// Contract types of the correction-order process (督促整改, 第二十七条第二款 → 第二十九条第一款第（四）项):
// what the API starts its workflow with and what the workflow hands its activities (types only).
import type { ActorRef } from './actor';

export interface CorrectionOrderInput {
  orderId: string;
  /** The agency that must correct, and the bureau that issued the order: who may act on it. */
  agencyId: string;
  bureauOrgId: string;
  requestId?: string;
}

/** The order's deadline as stored: a reminder before it, the escalation at it. */
export interface CorrectionDeadline {
  dueAt: string;
  remindAt?: string;
}

export interface CorrectionReportInput {
  orderId: string;
  /** The workflow step that files the report: its idempotency key. */
  key: string;
  actor: ActorRef;
  text: string;
  attachmentIds: string[];
  at: string;
  requestId?: string;
}

export interface CorrectionDecisionInput {
  orderId: string;
  actor: ActorRef;
  accept: boolean;
  reason?: string;
  /** 第二十九条第一款第（四）项: sent back when the deadline has passed, the order is not corrected. */
  deadlinePassed: boolean;
  at: string;
  requestId?: string;
}

export type CorrectionOutcome = 'OPEN' | 'CORRECTED' | 'NOT_CORRECTED';
