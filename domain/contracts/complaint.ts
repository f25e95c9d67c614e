// Contract types of the complaint process (第二十八条): what the API starts its workflow with and what
// the workflow hands its activities (types only).
import type { SanctionType } from '../sanction';
import type { ActorRef } from './actor';

export interface ComplaintInput {
  complaintId: string;
  handlingOrgId: string;
  round: number;
  /** 第二十八条: without a contact the feedback is published on the receipt status page. */
  hasContact: boolean;
  /** A closed complaint reopened by the supervisor: investigation starts again. */
  reopen?: { reason: string; actor: ActorRef };
  requestId?: string;
}

export interface ComplaintStep {
  complaintId: string;
  /** The workflow step (round:step) that opens the next task: its idempotency key. */
  key: string;
  at: string;
  requestId?: string;
}

export interface SanctionProposalInput {
  certificateId: string;
  type: SanctionType;
  grounds: number[];
  facts: string;
}
