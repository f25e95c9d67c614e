// Contract types of the application process (第六条–第十条): the workflow's input and what its
// activities take and return (types only).
import type { ApplicationKind, Eligibility, ReissueReason } from '../eligibility';
import type { OrgLevel } from '../roles';
import type { ActorRef } from './actor';

export interface ApplicationInput {
  applicationId: string;
  workflowId: string;
  kind: ApplicationKind;
  officerId: string;
  organisationId: string;
  previousCertificateId?: string;
  reissueReason?: ReissueReason;
  note?: string;
  attachmentIds: string[];
  eligibility: Eligibility;
  submittedBy: ActorRef;
  submittedAt: string;
  requestId?: string;
}

export interface ChainStep {
  level: OrgLevel;
  bureauId: string;
}

/** A level's task to open: the round, the chain's level and its bureau. */
export interface NextTask {
  round: number;
  level: OrgLevel;
  bureauId: string;
}

export interface OpenedTask {
  taskId: string;
  remindAt: string;
  dueAt: string;
  /** Set when the task opened at the bureau over the chain's (第二十条: nobody of that bureau may decide it). */
  bureauId?: string;
  bureauLevel?: OrgLevel;
}

export type DecisionKind = 'APPROVE' | 'REJECT' | 'RETURN' | 'CONSULT';

export interface DecisionInput {
  applicationId: string;
  taskId: string;
  decision: DecisionKind;
  comment?: string;
  actor: ActorRef;
  finalLevel: boolean;
  at: string;
  requestId?: string;
}

export interface DecisionOutcome {
  decision: DecisionKind;
  applicationStatus: string;
  resubmitDeadline?: string;
  certificateNumber?: string;
  consultationId?: string;
}

/** A decision recorded in one step with what follows it: the next level's task, when it opened one. */
export interface DecidedStep extends DecisionOutcome {
  /** Set when the step opened the next level's task; null when the application was no longer under review. */
  opened?: OpenedTask | null;
}
