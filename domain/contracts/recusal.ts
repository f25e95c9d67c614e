// Contract types of a declared conflict of interest (第二十条), for both processes that take one.
import type { ActorRef } from './actor';
import type { OrgLevel } from '../roles';

/** A person's declaration that they may not act on a case, with the reason (never shown to the other party). */
export interface RecusalDeclaration {
  reason: string;
  actor: ActorRef;
  requestId?: string;
}

/** Where the case's task went. */
export interface HandOver {
  /** The colleague who now holds the task the declarer held (null: it stays with the organ). */
  colleagueId: string | null;
  /** The organ over the declarer's, when nobody of theirs may act any more. */
  organ: { id: string; name: string; level: OrgLevel } | null;
}
