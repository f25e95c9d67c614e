// Contract types: what the API, the workflows and the activities pass each other (types only).

/** The person acting, as a process records them: who, of which organisation, in which role. */
export interface ActorRef {
  userId: string;
  organisationId: string;
  role: string;
}
