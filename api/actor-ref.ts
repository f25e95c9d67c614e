import type { ActorRef } from '../domain/contracts/actor';
import type { Actor, Role } from '../domain/roles';

/** The signed-in user acting in `role`, as the workflows and their activities record the actor. */
export const actorRef = (actor: Actor, role: Role): ActorRef => ({
  userId: actor.userId,
  organisationId: actor.organisation.id,
  role,
});
