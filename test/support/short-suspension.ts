// A 暂扣 whose 30-day term is shortened to seconds: the workflow waits for the stored instant, so a
// test sees a real durable timer fire (第三十条) without waiting a month.
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../infra/db';
import { decisionApplied, sanctionWorkflow } from '../../workflows/sanction';

/** Starts the suspension of `certificateNumber`, delivered now, its term ending in `termMs`; resolves once it is in effect. */
export async function startShortSuspension(
  client: Client,
  db: Db,
  taskQueue: string,
  certificateNumber: string,
  termMs: number,
) {
  const cert = await db.certificate.findUniqueOrThrow({ where: { number: certificateNumber } });
  const so = await db.user.findUniqueOrThrow({ where: { username: 'sanction_officer' } });
  const now = new Date();
  const termEndsAt = new Date(now.getTime() + termMs).toISOString(); // the instant is what is stored
  const sanctionId = crypto.randomUUID();
  const handle = await client.workflow.start(sanctionWorkflow, {
    workflowId: `sanction-${sanctionId}`,
    taskQueue,
    args: [
      {
        sanctionId,
        workflowId: `sanction-${sanctionId}`,
        certificateId: cert.id,
        type: 'SUSPENSION',
        grounds: [1],
        facts: '重启测试',
        decidedById: so.id,
        decidedAt: now.toISOString(),
        decidingOrgId: so.organisationId,
        deliveredAt: now.toISOString(),
        termEndsAt,
        reviewDeadline: new Date(now.getTime() + 1_000).toISOString(),
      },
    ],
  });
  await handle.executeUpdate(decisionApplied);
  return { handle, sanctionId, certificateId: cert.id, termEndsAt };
}
