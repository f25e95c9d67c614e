// A correction order (第二十七条第二款) whose deadline is seconds away: stored as the API stores an order
// after a breach, with its deadline already set, and its workflow started — so a test over the real
// stack sees the durable timer fire without waiting fifteen working days.
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../infra/db';
import { correctionOrderWorkflow, issued } from '../../workflows/correction-order';

/** The breach `rule` found at `officerId`'s agency by the district bureau's reviewer; due in `dueInMs`. */
export async function startShortCorrectionOrder(
  client: Client,
  db: Db,
  taskQueue: string,
  o: { officerId: string | null; agencyId: string; bureauUsername: string; rule: string; dueInMs: number },
) {
  const reviewer = await db.user.findUniqueOrThrow({ where: { username: o.bureauUsername } });
  const bureau = await db.organisation.findUniqueOrThrow({ where: { id: reviewer.organisationId } });
  const agency = await db.organisation.findUniqueOrThrow({ where: { id: o.agencyId } });
  const target = o.officerId ?? agency.id;
  const tag = crypto.randomBytes(4).toString('hex');
  const plan = await db.spotCheckPlan.create({
    data: {
      number: `CCT${tag}`,
      bureauOrgId: bureau.id,
      regionCode: bureau.regionCode,
      title: '到期测试',
      population: o.officerId ? 'OFFICERS' : 'AGENCIES',
      method: 'UNANNOUNCED_VISIT',
      sampleSize: 1,
      seed: tag,
      populationIds: [target],
      populationSha256: crypto.createHash('sha256').update(target).digest('hex'),
      sampleIds: [target],
      createdById: reviewer.id,
    },
  });
  const check = await db.spotCheck.create({
    data: {
      planId: plan.id,
      targetId: target,
      agencyId: agency.id,
      officerId: o.officerId,
      finding: o.rule,
      facts: '暗访发现',
      checkedOn: new Date().toISOString().slice(0, 10),
      recordedById: reviewer.id,
    },
  });
  const id = crypto.randomUUID();
  const order = await db.correctionOrder.create({
    data: {
      id,
      number: `ZGT${tag}`,
      checkId: check.id,
      workflowId: `correction-order-${id}`,
      bureauOrgId: bureau.id,
      agencyId: agency.id,
      agencyRegionCode: agency.regionCode,
      officerId: o.officerId,
      rule: o.rule,
      facts: '暗访发现',
      issuedById: reviewer.id,
      dueAt: new Date(Date.now() + o.dueInMs),
    },
  });
  const handle = await client.workflow.start(correctionOrderWorkflow, {
    workflowId: order.workflowId,
    taskQueue,
    args: [{ orderId: id, agencyId: agency.id, bureauOrgId: bureau.id }],
  });
  await handle.executeUpdate(issued);
  return { order, handle };
}
