// Contract types of the complaint process (第二十八条): what its workflow hands its activities (types only).
import type { SanctionType } from '../sanction';

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
