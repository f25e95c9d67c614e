// Contract types of exam registration (考试申报, 第六条): what the API starts a session's workflow with
// and what the workflow hands its activities (types only).
import type { ActorRef } from './actor';

export interface ExamSessionInput {
  sessionId: string;
  bureauId: string;
  /** The stored instant the registration list closes (24:00 Asia/Shanghai of its last day). */
  closesAt: string;
  requestId?: string;
}

/** One person's step on the session: the Update's id is its idempotency key. */
export interface ExamStep {
  sessionId: string;
  key: string;
  actor: ActorRef;
  at: string;
  requestId?: string;
}

export interface RegistrationInput {
  officerId: string;
  attachmentIds: string[];
}

export interface ExamResultInput {
  registrationId: string;
  passed: boolean;
  score: number | null;
}
