import type { Prisma } from '../infra/db';

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

type AuditWriter = { auditLog: { create(args: { data: Prisma.AuditLogCreateInput }): Promise<unknown> } };

/** Appends one audit row; call it inside the transaction of the change it records. */
export async function writeAudit(tx: AuditWriter, e: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: e.actorId ?? null,
      actorRoles: e.actorRoles ?? [],
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId ?? null,
      outcome: e.outcome,
      requestId: e.requestId ?? null,
      detail: e.detail,
    },
  });
}
