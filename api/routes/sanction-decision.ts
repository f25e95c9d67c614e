// The decision of 暂扣 / 收缴 (第二十九条): the city bureau decides for its city's agencies, the province
// only on the city's referral (提请), which the decision claims; a complaint's sanction proposal is
// closed by the decision that takes it up. The decision starts the sanction's workflow and answers
// once it is committed in PostgreSQL.
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { Delivery } from '../../domain/contracts/sanction';
import type { Actor } from '../../domain/roles';
import { SANCTION_GROUNDS, SANCTION_TYPES, sanctionDates } from '../../domain/sanction';
import { computeOver } from '../../domain/calendar';
import type { Db } from '../../infra/db';
import { decisionApplied, sanctionWorkflow } from '../../workflows/sanction';
import { CertificateNumber, OrganisationId, ProcessKind } from '../../domain/search-attributes';
import type { Deps } from '../deps';
import { idempotent } from '../idempotency';
import { problems } from '../problem';
import { claimProposal } from './sanction-proposals';
import { defineRoute } from '../route';
import { IsoDateTime, Uuid, z } from '../schemas';
import { sanctionOr404, SanctionView } from './sanction-views';
import { RuleViolation } from '../../domain/errors';

const LATE_RECORDING_MS = 10 * 24 * 3600_000;
// Delivery is recorded when it happens, or late by at most the 复核 window (第三十二条).
export const DeliveredAt = IsoDateTime.refine(
  (v) => Date.parse(v) <= Date.now() + 60_000,
  '送达时间不能晚于当前时间',
).refine((v) => Date.parse(v) >= Date.now() - LATE_RECORDING_MS, '送达时间最早只能补录到 10 日前');

/** 第二十九条: what a sanction decision (or a referral of one) names. */
export const SanctionCase = {
  certificateNumber: z.string().min(1).max(64),
  type: z
    .enum(SANCTION_TYPES)
    .openapi({ description: 'SUSPENSION = 暂扣 (30 days, 第三十条); REVOCATION = 收缴 (第三十一条)' }),
  grounds: z
    .array(z.number().int().min(1).max(4))
    .min(1)
    .max(4)
    .refine((g) => new Set(g).size === g.length, '情形不能重复')
    .openapi({
      description: `第二十九条 (一)–(四): ${Object.entries(SANCTION_GROUNDS)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ')}`,
    }),
  facts: z.string().trim().min(1).max(4000),
};

const DecideSanction = z
  .object({
    ...SanctionCase,
    referralId: Uuid.optional().openapi({
      description: 'The province decides only on the city bureau’s referral (提请, 第二十九条)',
    }),
    proposalId: Uuid.optional().openapi({
      description: 'Deciding a complaint’s sanction proposal (第二十八条): the proposal is closed with this decision',
    }),
    deliveredAt: DeliveredAt.optional().openapi({
      description: '送达 time; every period counts from it. Absent: record the delivery later.',
    }),
  })
  .openapi('SanctionDecision');

/** Periods counted from delivery, as stored instants (第三十条–第三十二条). */
export async function deliveryOf(deps: Deps, type: 'SUSPENSION' | 'REVOCATION', deliveredAt: Date): Promise<Delivery> {
  const dates = computeOver(await deps.calendar.snapshot(), (c) => sanctionDates(type, deliveredAt, c));
  return {
    deliveredAt: deliveredAt.toISOString(),
    termEndsAt: dates.value.termEndsAt?.toISOString(),
    banEndsAt: dates.value.banEndsAt?.toISOString(),
    reviewDeadline: dates.value.reviewDeadline.toISOString(),
    reviewDeadlineProvisional: dates.provisional,
  };
}

export const decideSanction = defineRoute({
  method: 'post',
  path: '/api/sanctions',
  summary: 'Decide 暂扣 or 收缴 of a certificate (第二十九条)',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER'],
  body: DecideSanction,
  idempotent: true,
  responses: {
    201: { description: 'Decided: in effect when delivered, else pending delivery', schema: SanctionView },
    404: { description: 'Unknown certificate' },
    409: { description: 'The certificate cannot take this sanction now (e.g. already suspended)' },
    422: { description: 'Idempotency-Key reused for another request' },
  },
  handler: async ({ deps, req, body, actor, authorise, requestId }) => {
    const cert = await deps.db.certificate.findUnique({
      where: { number: body.certificateNumber },
      include: { organisation: true },
    });
    if (!cert) throw problems.notFound(`certificate ${body.certificateNumber}`);
    // 第二十九条: the city bureau decides for its city's agencies; the province on the city's referral.
    await authorise({ regionCode: cert.organisation.regionCode });
    return idempotent(deps.db, req, { route: 'POST /api/sanctions', actorId: actor.userId, body }, async (claim) => {
      // 第二十九条: the province claims the open referral for this decision first (one decision per referral).
      const referral = await referralFor(deps.db, actor, body.referralId, cert.id, claim.id);
      let releaseProposal: (() => Promise<void>) | undefined;
      const now = new Date();
      const workflowId = `sanction-${claim.id}`;
      const delivery = body.deliveredAt ? await deliveryOf(deps, body.type, new Date(body.deliveredAt)) : {};
      try {
        // Inside the try: a proposal refused here (404, 403, 409) releases the referral claimed above.
        if (body.proposalId) releaseProposal = await claimProposal(deps.db, actor, body.proposalId, cert.id, claim.id);
        await deps.temporal.workflow.executeUpdateWithStart(decisionApplied, {
          updateId: claim.key,
          startWorkflowOperation: new WithStartWorkflowOperation(sanctionWorkflow, {
            workflowId,
            taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
            workflowIdConflictPolicy: 'USE_EXISTING',
            // A closed process is never started again under the same key (its answer is stored).
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
            args: [
              {
                sanctionId: claim.id,
                workflowId,
                certificateId: cert.id,
                type: body.type,
                grounds: body.grounds,
                facts: body.facts,
                decidedById: actor.userId,
                decidedAt: now.toISOString(),
                decidingOrgId: actor.organisation.id,
                requestId,
                ...delivery,
              },
            ],
            typedSearchAttributes: [
              { key: ProcessKind, value: 'sanction' },
              { key: CertificateNumber, value: cert.number },
              { key: OrganisationId, value: cert.organisationId },
            ],
          }),
        });
      } catch (err) {
        // The decision was refused: the referral is open again for a corrected decision.
        if (referral)
          await deps.db.sanctionReferral.updateMany({
            where: { id: referral.id, sanctionId: claim.id },
            data: { status: 'OPEN', sanctionId: null, decidedAt: null },
          });
        await releaseProposal?.();
        throw err;
      }
      return { status: 201, body: (await sanctionOr404(deps.db, claim.id)).body };
    });
  },
});

/** 第二十九条: a province officer decides only an open referral of this certificate addressed to it. */
async function referralFor(
  db: Db,
  actor: Actor,
  referralId: string | undefined,
  certificateId: string,
  sanctionId: string,
) {
  if (actor.organisation.level !== 'PROVINCE') {
    if (referralId) throw problems.forbidden('only the province decides on a referral');
    return undefined;
  }
  if (!referralId)
    throw new RuleViolation({
      code: 'REFERRAL_REQUIRED',
      title: '省级决定须基于市司法局的提请',
      detail: 'the province decides on a referral from the city bureau',
      article: '第二十九条',
      status: 422,
    });
  const r = await db.sanctionReferral.findUnique({ where: { id: referralId } });
  if (!r) throw problems.notFound(`referral ${referralId}`);
  if (r.provinceOrgId !== actor.organisation.id) throw problems.forbidden('the referral is addressed to another organ');
  const claimed = await db.sanctionReferral.updateMany({
    where: { id: r.id, certificateId, OR: [{ status: 'OPEN' }, { sanctionId }] },
    data: { status: 'DECIDED', sanctionId, decidedAt: new Date() },
  });
  if (claimed.count !== 1) {
    throw new RuleViolation({
      code: 'REFERRAL_NOT_OPEN',
      title: '提请已处理或与该证件不符',
      detail: 'the referral is closed or names another certificate',
      article: '第二十九条',
    });
  }
  return r;
}
