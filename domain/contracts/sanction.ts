// Contract types of the sanction process (第二十九条–第三十二条): the decision the workflow starts
// with, its delivery, and what its activities return (types only).
import type { SanctionType } from '../sanction';

export interface SanctionDecision {
  sanctionId: string;
  workflowId: string;
  certificateId: string;
  type: SanctionType;
  grounds: number[];
  facts: string;
  decidedById: string;
  decidedAt: string;
  /** Absent: the decision waits for its delivery (送达), recorded later by an update. */
  deliveredAt?: string;
  termEndsAt?: string;
  banEndsAt?: string;
  /** 第三十二条: end of the 复核 window (stored; moved later only when computed over a year not entered yet). */
  reviewDeadline?: string;
  reviewDeadlineProvisional?: boolean;
  /** The deciding organ: it decides the 复核. */
  decidingOrgId?: string;
  requestId?: string;
}

export interface Delivery {
  deliveredAt: string;
  termEndsAt?: string;
  banEndsAt?: string;
  reviewDeadline: string;
  /** Computed over a year whose calendar was not entered yet: may still move later (never earlier). */
  reviewDeadlineProvisional?: boolean;
}

export type ReviewOutcome = 'UPHELD' | 'ANNULLED' | 'VARIED';

export interface SanctionOutcome {
  certificateStatus: string;
  sanctionStatus: string;
  endNote?: string | null;
}
