// 第二十九条: a proposal of 暂扣 / 收缴 to 杭州市司法局, from a complaint's result (第二十八条) or from a
// correction order not complied with (第二十七条第二款 → 第二十九条第一款第（四）项); it is the city
// bureau's sanction task, showing where it came from (never the complainant, 第二十五条). It is
// decided by POST /api/sanctions with proposalId, or declined — which the complaint or order shows.
import { caseNotice, pageOf } from '../../domain/notification-links';
import { writeAudit } from '../../store/audit';
import { notify } from '../../store/notifications';
import { findingText } from '../../domain/conduct-rules';
import type { ComplaintEventType } from '../../domain/labels';
import type { Actor } from '../../domain/roles';
import type { Db, Prisma } from '../../infra/db';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { Uuid, z } from '../schemas';
import { RuleViolation } from '../../domain/errors';

const ProposalView = z
  .object({
    id: z.string(),
    status: z.string(),
    type: z.string(),
    grounds: z.array(z.number()),
    facts: z.string(),
    certificateNumber: z.string(),
    complaint: z
      .object({
        id: z.string(),
        number: z.string(),
        finding: z.string().nullable(),
        measures: z.string().nullable(),
        handlingOrg: z.string(),
      })
      .nullable()
      .openapi({ description: 'The complaint it came from (第二十八条), or null' }),
    correctionOrder: z
      .object({ id: z.string(), number: z.string(), rule: z.string(), ruleText: z.string(), facts: z.string() })
      .nullable()
      .openapi({ description: 'The correction order not complied with (第二十七条第二款), or null' }),
    sanctionId: z.string().nullable(),
    decisionNote: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi('SanctionProposal');

const INCLUDE = { complaint: { include: { handlingOrg: true } }, correctionOrder: true } as const;

async function views(db: Db, where: Prisma.SanctionProposalWhereInput) {
  const rows = await db.sanctionProposal.findMany({
    where,
    include: INCLUDE,
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  const certs = await db.certificate.findMany({
    where: { id: { in: rows.map((r) => r.certificateId) } },
    select: { id: true, number: true },
  });
  const numberOf = new Map(certs.map((c) => [c.id, c.number]));
  return rows.map((p) => ({
    scope: { ownerId: p.bureauOrgId },
    body: {
      id: p.id,
      status: p.status,
      type: p.type,
      grounds: p.grounds,
      facts: p.facts,
      certificateNumber: numberOf.get(p.certificateId) ?? '',
      complaint: p.complaint && {
        id: p.complaint.id,
        number: p.complaint.number,
        finding: p.complaint.finding,
        measures: p.complaint.measures,
        handlingOrg: p.complaint.handlingOrg.name,
      },
      correctionOrder: p.correctionOrder && {
        id: p.correctionOrder.id,
        number: p.correctionOrder.number,
        rule: p.correctionOrder.rule,
        ruleText: findingText(p.correctionOrder.rule),
        facts: p.correctionOrder.facts,
      },
      sanctionId: p.sanctionId,
      decisionNote: p.decisionNote,
      createdAt: p.createdAt.toISOString(),
      decidedAt: p.decidedAt?.toISOString() ?? null,
    },
  }));
}

async function viewOr404(db: Db, id: string) {
  const [v] = await views(db, { id });
  if (!v) throw problems.notFound(`sanction proposal ${id}`);
  return v;
}

export const listSanctionProposals = defineRoute({
  method: 'get',
  path: '/api/sanction-proposals',
  summary:
    'Sanction proposals from complaints and correction orders addressed to your bureau (第二十八条, 第二十七条第二款, 第二十九条)',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER'],
  query: z.object({ status: z.enum(['OPEN', 'DECIDED', 'DECLINED']).optional() }),
  responses: { 200: { description: 'Proposals', schema: z.object({ items: z.array(ProposalView) }) } },
  handler: async ({ deps, actor, query }) => ({
    status: 200,
    body: {
      items: (await views(deps.db, { bureauOrgId: actor.organisation.id, status: query.status })).map((v) => v.body),
    },
  }),
});

export const getSanctionProposal = defineRoute({
  method: 'get',
  path: '/api/sanction-proposals/{id}',
  summary: 'A sanction proposal with the complaint or correction order it came from',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER'],
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The proposal', schema: ProposalView }, 404: { description: 'Unknown proposal' } },
  handler: async ({ deps, params, authorise }) => {
    const v = await viewOr404(deps.db, params.id);
    await authorise(v.scope);
    return { status: 200, body: v.body };
  },
});

export const declineSanctionProposal = defineRoute({
  method: 'post',
  path: '/api/sanction-proposals/{id}/decline',
  summary: 'Decline a proposal, with the reasons (shown on the complaint or correction order)',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER'],
  params: z.object({ id: Uuid }),
  body: z.object({ reason: z.string().trim().min(1).max(4000) }),
  responses: {
    200: { description: 'Declined', schema: ProposalView },
    404: { description: 'Unknown proposal' },
    409: { description: 'Decided or declined already' },
  },
  handler: async ({ deps, params, body, actor, authorise, requestId }) => {
    const v = await viewOr404(deps.db, params.id);
    await authorise(v.scope);
    await deps.db.$transaction(async (tx) => {
      const at = new Date();
      const done = await tx.sanctionProposal.updateMany({
        where: { id: v.body.id, status: 'OPEN' },
        data: { status: 'DECLINED', decisionNote: body.reason, decidedAt: at },
      });
      if (done.count !== 1)
        throw new RuleViolation({
          code: 'PROPOSAL_NOT_OPEN',
          title: '处理建议已处理',
          detail: 'the proposal was handled already',
          article: '第二十九条',
        });
      if (v.body.complaint) await complaintDeclined(tx, v.body.complaint.id, v.body.id, actor, body.reason, at);
      if (v.body.correctionOrder) await orderDeclined(tx, v.body.correctionOrder.id, v.body.id, actor, body.reason, at);
      await writeAudit(tx, {
        actorId: actor.userId,
        actorRoles: ['SANCTION_OFFICER'],
        action: 'sanction.proposal.decline',
        targetType: 'SanctionProposal',
        targetId: v.body.id,
        outcome: 'DONE',
        requestId,
      });
    });
    return { status: 200, body: (await viewOr404(deps.db, params.id)).body };
  },
});

async function complaintDeclined(
  tx: Prisma.TransactionClient,
  complaintId: string,
  proposalId: string,
  actor: Actor,
  reason: string,
  at: Date,
) {
  const c = await tx.complaint.findUniqueOrThrow({ where: { id: complaintId } });
  await tx.complaintEvent.create({
    data: {
      complaintId: c.id,
      round: c.round,
      type: 'SANCTION_PROPOSAL_DECLINED' satisfies ComplaintEventType,
      actorId: actor.userId,
      actorRole: 'SANCTION_OFFICER',
      comment: reason,
      occurredAt: at,
    },
  });
  await notify(tx, {
    recipientOrgId: c.handlingOrgId,
    kind: 'SANCTION_PROPOSAL_DECLINED',
    subject: `处理建议未予采纳：${c.number}`,
    body: reason,
    ...caseNotice.complaint(c.id),
    dedupeKey: `proposal-declined:${proposalId}`,
    at,
  });
}

/** 第二十七条第二款: the order shows the declined proposal; its issuing bureau is told. */
async function orderDeclined(
  tx: Prisma.TransactionClient,
  orderId: string,
  proposalId: string,
  actor: Actor,
  reason: string,
  at: Date,
) {
  const o = await tx.correctionOrder.findUniqueOrThrow({ where: { id: orderId } });
  await tx.correctionOrderEvent.create({
    data: {
      orderId: o.id,
      type: 'SANCTION_PROPOSAL_DECLINED',
      actorId: actor.userId,
      actorRole: 'SANCTION_OFFICER',
      organisationId: actor.organisation.id,
      comment: reason,
      occurredAt: at,
    },
  });
  await notify(tx, {
    recipientOrgId: o.bureauOrgId,
    kind: 'CORRECTION_PROPOSAL_DECLINED',
    subject: `处分建议未予采纳：${o.number}`,
    body: reason,
    link: pageOf.correctionOrder(o.id),
    dedupeKey: `proposal-declined:${proposalId}`,
    at,
  });
}

/**
 * 第二十九条: the city bureau decides an open proposal addressed to it, once; returns a release that
 * opens it again if the decision is refused after all.
 */
export async function claimProposal(
  db: Db,
  actor: Actor,
  proposalId: string,
  certificateId: string,
  sanctionId: string,
): Promise<() => Promise<void>> {
  const p = await db.sanctionProposal.findUnique({ where: { id: proposalId } });
  if (!p) throw problems.notFound(`sanction proposal ${proposalId}`);
  if (p.bureauOrgId !== actor.organisation.id) throw problems.forbidden('the proposal is addressed to another bureau');
  const claimed = await db.sanctionProposal.updateMany({
    where: { id: p.id, certificateId, OR: [{ status: 'OPEN' }, { sanctionId }] },
    data: { status: 'DECIDED', sanctionId, decidedAt: new Date() },
  });
  if (claimed.count !== 1) {
    throw new RuleViolation({
      code: 'PROPOSAL_NOT_OPEN',
      title: '处理建议已处理或与该证件不符',
      detail: 'the proposal is closed or names another certificate',
      article: '第二十九条',
    });
  }
  return async () => {
    await db.sanctionProposal.updateMany({
      where: { id: p.id, sanctionId },
      data: { status: 'OPEN', sanctionId: null, decidedAt: null },
    });
  };
}
