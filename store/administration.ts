// What keeps the system administrable (第三条), checked in the transaction of a change to a user or an
// organisation: after it, at least one active SYSTEM_ADMIN of an active organisation remains.
import { RuleViolation } from '../domain/errors';
import { LAST_ADMIN_REFUSAL } from '../domain/administration';
import type { Prisma } from '../infra/db';

/**
 * Refuses (409) when no active SYSTEM_ADMIN of an active organisation would remain once `leaving`
 * (users) or the users of `closing` (an organisation) no longer count. Serialised by one advisory lock,
 * so two administrators deactivating each other at once cannot both pass.
 */
export async function keepAnAdministrator(
  tx: Prisma.TransactionClient,
  change: { leavingUserId?: string; closingOrganisationId?: string },
): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('system-administrators'))`;
  const remaining = await tx.user.count({
    where: {
      active: true,
      roles: { has: 'SYSTEM_ADMIN' },
      organisation: {
        active: true,
        ...(change.closingOrganisationId ? { id: { not: change.closingOrganisationId } } : {}),
      },
      ...(change.leavingUserId ? { id: { not: change.leavingUserId } } : {}),
    },
  });
  if (remaining === 0) throw new RuleViolation({ ...LAST_ADMIN_REFUSAL, status: 409 });
}
