// 第二十九条: "由市司法行政部门或提请省司法行政部门" — the city bureau refers a case to the province,
// which decides it (POST /api/sanctions with referralId) or declines it.
import { pageOf } from '../../domain/notification-links';
import { writeAudit } from '../../store/audit';
import { notify } from '../../store/notifications';
import { bureauRegion } from '../../domain/review-chain';
import type { Actor } from '../../domain/roles';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { Uuid, z } from '../schemas';
import { SanctionCase } from './sanction-decision';
import { RuleViolation } from '../../domain/errors';

const ReferralView = z
  .object({
    id: z.string(),
    certificateNumber: z.string(),
    type: z.string(),
    grounds: z.array(z.number()),
    facts: z.string(),
    status: z.string(),
    sanctionId: z.string().nullable(),
    decisionNote: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('SanctionReferral');

export const referSanction = defineRoute({
  method: 'post',
  path: '/api/sanction-referrals',
  summary: 'Refer (提请) a sanction case to the province (第二十九条)',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER'],
  body: z.object(SanctionCase),
  responses: { 201: { description: 'Referred', schema: ReferralView }, 404: { description: 'Unknown certificate' } },
  handler: async ({ deps, body, actor, authorise, requestId }) => {
    if (actor.organisation.level !== 'CITY') throw problems.forbidden('the city bureau refers cases to the province');
    const cert = await deps.db.certificate.findUnique({
      where: { number: body.certificateNumber },
      include: { organisation: true },
    });
    if (!cert) throw problems.notFound(`certificate ${body.certificateNumber}`);
    await authorise({ regionCode: cert.organisation.regionCode });
    const province = await deps.db.organisation.findFirst({
      where: {
        type: 'JUSTICE_BUREAU',
        level: 'PROVINCE',
        regionCode: bureauRegion('PROVINCE', cert.organisation.regionCode),
        active: true,
      },
    });
    if (!province)
      throw new RuleViolation({
        code: 'NO_PROVINCE_BUREAU',
        title: '找不到省司法行政部门',
        detail: 'no provincial justice department is registered',
        article: '第二十九条',
        status: 422,
      });
    const r = await deps.db.$transaction(async (tx) => {
      if (await tx.sanctionReferral.count({ where: { certificateId: cert.id, status: 'OPEN' } })) {
        throw new RuleViolation({
          code: 'REFERRAL_OPEN',
          title: '该证件已有待处理的提请',
          detail: 'an open referral exists for this certificate',
          article: '第二十九条',
        });
      }
      const row = await tx.sanctionReferral.create({
        data: {
          certificateId: cert.id,
          type: body.type,
          grounds: body.grounds,
          facts: body.facts,
          referredById: actor.userId,
          referredByOrgId: actor.organisation.id,
          provinceOrgId: province.id,
        },
      });
      await notify(tx, {
        recipientOrgId: province.id,
        kind: 'SANCTION_REFERRAL',
        subject: `提请处理：${cert.number}`,
        body: body.facts,
        link: pageOf.sanctionReferral(row.id),
        dedupeKey: `referral:${row.id}`,
        at: row.createdAt,
      });
      await writeAudit(tx, {
        actorId: actor.userId,
        actorRoles: actor.roles,
        action: 'sanction.refer',
        targetType: 'SanctionReferral',
        targetId: row.id,
        outcome: 'DONE',
        requestId,
        detail: { certificate: cert.number, type: body.type },
      });
      return row;
    });
    return { status: 201, body: { ...r, certificateNumber: cert.number, createdAt: r.createdAt.toISOString() } };
  },
});

export const listReferrals = defineRoute({
  method: 'get',
  path: '/api/sanction-referrals',
  summary: 'Referrals addressed to your province, or made by your city bureau',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER'],
  query: z.object({ status: z.enum(['OPEN', 'DECIDED', 'DECLINED']).optional() }),
  responses: { 200: { description: 'Referrals', schema: z.object({ items: z.array(ReferralView) }) } },
  handler: async ({ deps, actor, query }) => {
    const mine =
      actor.organisation.level === 'PROVINCE'
        ? { provinceOrgId: actor.organisation.id }
        : { referredByOrgId: actor.organisation.id };
    const rows = await deps.db.sanctionReferral.findMany({
      where: { ...mine, ...(query.status ? { status: query.status } : {}) },
      orderBy: { createdAt: 'desc' },
      take: 200,
    });
    const certs = await deps.db.certificate.findMany({
      where: { id: { in: rows.map((r) => r.certificateId) } },
      select: { id: true, number: true },
    });
    const numberOf = new Map(certs.map((c) => [c.id, c.number]));
    return {
      status: 200,
      body: {
        items: rows.map((r) => ({
          ...r,
          certificateNumber: numberOf.get(r.certificateId) ?? '',
          createdAt: r.createdAt.toISOString(),
        })),
      },
    };
  },
});

/** The referral's owner as `actor` sees it: the province it is addressed to, or the city bureau that made it. */
const ownerFor = (actor: Actor, r: { provinceOrgId: string; referredByOrgId: string }) =>
  actor.organisation.level === 'PROVINCE' ? r.provinceOrgId : r.referredByOrgId;

export const getReferral = defineRoute({
  method: 'get',
  path: '/api/sanction-referrals/{id}',
  summary: 'A referral, for the province it is addressed to or the city bureau that made it (第二十九条)',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER'],
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The referral', schema: ReferralView }, 404: { description: 'Unknown referral' } },
  handler: async ({ deps, params, actor, authorise }) => {
    const r = await deps.db.sanctionReferral.findUnique({ where: { id: params.id } });
    if (!r) throw problems.notFound(`referral ${params.id}`);
    await authorise({ ownerId: ownerFor(actor, r) });
    const cert = await deps.db.certificate.findUniqueOrThrow({
      where: { id: r.certificateId },
      select: { number: true },
    });
    return { status: 200, body: { ...r, certificateNumber: cert.number, createdAt: r.createdAt.toISOString() } };
  },
});

export const declineReferral = defineRoute({
  method: 'post',
  path: '/api/sanction-referrals/{id}/decline',
  summary: 'The province declines a referral, with its reasons',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER'],
  params: z.object({ id: Uuid }),
  body: z.object({ reason: z.string().trim().min(1).max(4000) }),
  responses: {
    200: { description: 'Declined' },
    404: { description: 'Unknown referral' },
    409: { description: 'Decided or declined already' },
  },
  handler: async ({ deps, params, body, actor, authorise, requestId }) => {
    const r = await deps.db.sanctionReferral.findUnique({ where: { id: params.id } });
    if (!r) throw problems.notFound(`referral ${params.id}`);
    await authorise({ ownerId: r.provinceOrgId });
    await deps.db.$transaction(async (tx) => {
      const done = await tx.sanctionReferral.updateMany({
        where: { id: r.id, status: 'OPEN' },
        data: { status: 'DECLINED', decisionNote: body.reason, decidedAt: new Date() },
      });
      if (done.count !== 1)
        throw new RuleViolation({
          code: 'REFERRAL_NOT_OPEN',
          title: '提请已处理',
          detail: 'the referral was handled already',
          article: '第二十九条',
        });
      await notify(tx, {
        recipientOrgId: r.referredByOrgId,
        kind: 'SANCTION_REFERRAL_DECLINED',
        subject: '提请未予处理',
        body: body.reason,
        link: pageOf.sanctionReferral(r.id),
        dedupeKey: `referral-declined:${r.id}`,
        at: new Date(),
      });
      await writeAudit(tx, {
        actorId: actor.userId,
        actorRoles: actor.roles,
        action: 'sanction.referral.decline',
        targetType: 'SanctionReferral',
        targetId: r.id,
        outcome: 'DONE',
        requestId,
      });
    });
    return { status: 200, body: { id: r.id, status: 'DECLINED' } };
  },
});
