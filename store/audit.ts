import { jsonParam, Prisma, UTC_NOW } from '../infra/db';

export interface AuditEntry {
  actorId?: string | null;
  actorRoles?: string[];
  action: string;
  targetType: string;
  targetId?: string | null;
  outcome: 'DONE' | 'DENIED' | 'REFUSED';
  requestId?: string | null;
  detail?: Prisma.InputJsonValue;
}

/**
 * The one audit row, as a statement: run alone (writeAudit) or as a step of a larger statement (a
 * data-modifying CTE, there on the condition `when`, as a decision does — issue #17: one round trip
 * instead of one per row).
 */
export function auditRow(e: AuditEntry, when: Prisma.Sql = Prisma.sql`TRUE`): Prisma.Sql {
  return Prisma.sql`INSERT INTO "AuditLog" (at, "actorId", "actorRoles", action, "targetType", "targetId", outcome, "requestId", detail)
    SELECT ${UTC_NOW}, ${e.actorId ?? null}, ${e.actorRoles ?? []}::text[], ${e.action}, ${e.targetType}, ${e.targetId ?? null},
      ${e.outcome}, ${e.requestId ?? null}, ${jsonParam(e.detail)}
    WHERE ${when}`;
}

/** Appends one audit row; call it inside the transaction of the change it records. */
export async function writeAudit(tx: Pick<Prisma.TransactionClient, '$executeRaw'>, e: AuditEntry): Promise<void> {
  await tx.$executeRaw(auditRow(e));
}
