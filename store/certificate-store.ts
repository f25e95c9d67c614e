// The only code that writes a certificate's status: the domain state machine decides, and the
// change, its timeline event and its audit row are written in the caller's transaction.
import { transition, articleOf, type CertificateAction, type CertificateStatus } from '../domain/certificate-state';
import { RuleViolation } from '../domain/errors';
import type { Prisma } from '../infra/db';
import { writeAudit } from './audit';

export interface StatusChange {
  certificateId: string;
  action: CertificateAction;
  reason: string;
  actorId: string | null;
  sanctionId?: string;
  at: Date;
  /** The article that grounds this change when it is not the action's usual one (e.g. 第三十二条 for a 复核). */
  article?: string;
}

export async function changeCertificateStatus(
  tx: Prisma.TransactionClient,
  c: StatusChange,
): Promise<{ from: CertificateStatus; to: CertificateStatus }> {
  const cert = await tx.certificate.findUnique({ where: { id: c.certificateId }, select: { status: true } });
  if (!cert)
    throw new RuleViolation({
      code: 'CERTIFICATE_NOT_FOUND',
      title: '证件不存在',
      detail: `certificate ${c.certificateId} does not exist`,
      status: 404,
    });
  const from = cert.status as CertificateStatus;
  const to = transition(from, c.action);
  // Compare-and-set on the status read above: a concurrent change makes this update match nothing.
  const updated = await tx.certificate.updateMany({
    where: { id: c.certificateId, status: from },
    data: { status: to, statusChangedAt: c.at },
  });
  if (updated.count !== 1) {
    throw new RuleViolation({
      code: 'CERTIFICATE_CHANGED_CONCURRENTLY',
      title: '证件状态已变化，请重试',
      detail: 'the certificate changed meanwhile; try again',
    });
  }
  const article = c.article ?? articleOf(c.action);
  await tx.certificateEvent.create({
    data: {
      certificateId: c.certificateId,
      type: c.action,
      fromStatus: from,
      toStatus: to,
      reason: c.reason,
      article,
      actorId: c.actorId,
      sanctionId: c.sanctionId,
      occurredAt: c.at,
    },
  });
  await writeAudit(tx, {
    actorId: c.actorId,
    action: `certificate.${c.action.toLowerCase()}`,
    targetType: 'Certificate',
    targetId: c.certificateId,
    outcome: 'DONE',
    detail: { from, to, article, sanctionId: c.sanctionId ?? null },
  });
  return { from, to };
}
