// A correction order (第二十七条第二款) stored as the API stores one after a breach finding, and its
// workflow started — optionally with its deadline already set seconds away, so a test over the real
// stack sees the durable timer fire without waiting fifteen working days.
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../infra/db';
import { correctionOrderWorkflow, issued } from '../../workflows/correction-order';

export { seededActor } from './seeded-actor';

export interface BreachFixture {
  /** The officer concerned; null: an agency check naming nobody. */
  officerId: string | null;
  agencyId: string;
  /** The reviewer of the bureau that drew the plan and found the breach. */
  bureauUsername: string;
  rule: string;
  /** The deadline already stored (the workflow keeps it); absent: the workflow computes it. */
  dueAt?: Date;
}

/** A one-unit plan, its breach finding and the correction order, stored as the API stores them. */
export async function storeBreachOrder(db: Db, o: BreachFixture) {
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
      dueAt: o.dueAt ?? null,
    },
  });
  return { order, agencyId: agency.id, bureauOrgId: bureau.id };
}

/** Stores the order (as storeBreachOrder) and starts its workflow; resolves once it is issued. */
export async function startCorrectionOrder(client: Client, db: Db, taskQueue: string, o: BreachFixture) {
  const { order, agencyId, bureauOrgId } = await storeBreachOrder(db, o);
  const handle = await client.workflow.start(correctionOrderWorkflow, {
    workflowId: order.workflowId,
    taskQueue,
    args: [{ orderId: order.id, agencyId, bureauOrgId }],
  });
  await handle.executeUpdate(issued);
  return { order: await db.correctionOrder.findUniqueOrThrow({ where: { id: order.id } }), handle };
}
