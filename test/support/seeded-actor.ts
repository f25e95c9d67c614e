// The person acting, as the API passes them to a workflow (an ActorRef), for a seeded user: the one
// helper the workflow tests and the history recorder share.
import type { ActorRef } from '../../domain/contracts/actor';
import type { Db } from '../../infra/db';

/** A seeded user acting under `role`. */
export async function seededActor(db: Db, username: string, role: string): Promise<ActorRef> {
  const u = await db.user.findUniqueOrThrow({ where: { username } });
  return { userId: u.id, organisationId: u.organisationId, role };
}
