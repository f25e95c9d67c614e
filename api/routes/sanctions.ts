// 暂扣 / 收缴 decisions (第二十九条–第三十二条). The decision is a Workflow Update-with-start: the
// response returns only after the sanction and the certificate change are committed in PostgreSQL.
import { WithStartWorkflowOperation } from '@temporalio/client';
import { SANCTION_GROUNDS, SANCTION_TYPES, sanctionDates } from '../../domain/sanction';
import type { Db } from '../../infra/db';
import type { WorkCalendar } from '../../domain/time';
import { decisionApplied, sanctionWorkflow } from '../../workflows/sanction';
import { CertificateNumber, OrganisationId, ProcessKind } from '../../workflows/search-attributes';
import { idempotent } from '../idempotency';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { CertificateStatusSchema, IsoDateTime, Uuid, z } from '../schemas';

const LATE_RECORDING_MS = 10 * 24 * 3600_000;

const DecideSanction = z
  .object({
    certificateNumber: z.string().min(1).max(64),
    type: z.enum(SANCTION_TYPES).openapi({ description: 'SUSPENSION = 暂扣 (30 days, 第三十条); REVOCATION = 收缴 (第三十一条)' }),
    grounds: z
      .array(z.number().int().min(1).max(4))
      .min(1)
      .max(4)
      .refine((g) => new Set(g).size === g.length, 'grounds must not repeat')
      .openapi({ description: `第二十九条 (一)–(四): ${Object.entries(SANCTION_GROUNDS).map(([k, v]) => `${k} ${v}`).join('; ')}` }),
    facts: z.string().trim().min(1).max(4000),
    // Delivery is recorded when it happens, or late by at most the 复核 window (第三十二条).
    deliveredAt: IsoDateTime.refine((v) => Date.parse(v) <= Date.now() + 60_000, 'delivery cannot be in the future')
      .refine((v) => Date.parse(v) >= Date.now() - LATE_RECORDING_MS, 'delivery can be recorded at most 10 days late')
      .optional()
      .openapi({ description: '送达 time; every period counts from it. Default: now.' }),
  })
  .openapi('SanctionDecision');

const SanctionView = z
  .object({
    id: z.string(),
    type: z.enum(SANCTION_TYPES),
    status: z.enum(['IN_EFFECT', 'ENDED', 'ANNULLED']),
    grounds: z.array(z.number()),
    facts: z.string(),
    certificate: z.object({ number: z.string(), status: CertificateStatusSchema }),
    decidedAt: z.string(),
    deliveredAt: z.string(),
    termEndsAt: z.string().nullable().openapi({ description: '第三十条: automatic reinstatement at this instant' }),
    banEndsAt: z.string().nullable().openapi({ description: '第三十一条: no new application before this instant' }),
    reviewDeadline: z.string().openapi({ description: '第三十二条: 复核 may be filed until this instant' }),
    endedAt: z.string().nullable(),
    endNote: z.string().nullable(),
  })
  .openapi('Sanction');

async function sanctionView(db: Db, calendar: WorkCalendar, id: string) {
  const s = await db.sanction.findUnique({ where: { id }, include: { certificate: { include: { organisation: true } } } });
  if (!s) return undefined;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    scope: { organisationId: s.certificate.organisationId, regionCode: s.certificate.organisation.regionCode, officerId: s.certificate.officerId },
    body: {
      id: s.id,
      type: s.type,
      status: s.status,
      grounds: s.grounds,
      facts: s.facts,
      certificate: { number: s.certificate.number, status: s.certificate.status },
      decidedAt: s.decidedAt.toISOString(),
      deliveredAt: s.deliveredAt.toISOString(),
      termEndsAt: iso(s.termEndsAt),
      banEndsAt: iso(s.banEndsAt),
      reviewDeadline: sanctionDates(s.type, s.deliveredAt, calendar).reviewDeadline.toISOString(),
      endedAt: iso(s.endedAt),
      endNote: s.endNote,
    },
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
    201: { description: 'The decision is in effect', schema: SanctionView },
    404: { description: 'Unknown certificate' },
    409: { description: 'The certificate cannot take this sanction now (e.g. already suspended)' },
    422: { description: 'Idempotency-Key reused for another request' },
  },
  handler: async ({ deps, req, body, actor, authorise }) => {
    const cert = await deps.db.certificate.findUnique({ where: { number: body.certificateNumber }, include: { organisation: true } });
    if (!cert) throw problems.notFound(`certificate ${body.certificateNumber}`);
    // 第二十九条: the city bureau decides for its city's agencies; the province for the province.
    await authorise({ regionCode: cert.organisation.regionCode });

    return idempotent(deps.db, req, { route: 'POST /api/sanctions', actorId: actor.userId, body }, async (claim) => {
    const now = new Date();
    const deliveredAt = body.deliveredAt ? new Date(body.deliveredAt) : now;
    const dates = sanctionDates(body.type, deliveredAt, deps.calendar);
    const workflowId = `sanction-${claim.id}`;
    await deps.temporal.workflow.executeUpdateWithStart(decisionApplied, {
      updateId: claim.key,
      startWorkflowOperation: new WithStartWorkflowOperation(sanctionWorkflow, {
        workflowId,
        taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
        workflowIdConflictPolicy: 'USE_EXISTING',
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
            deliveredAt: deliveredAt.toISOString(),
            termEndsAt: dates.termEndsAt?.toISOString(),
            banEndsAt: dates.banEndsAt?.toISOString(),
          },
        ],
        typedSearchAttributes: [
          { key: ProcessKind, value: 'sanction' },
          { key: CertificateNumber, value: cert.number },
          { key: OrganisationId, value: cert.organisationId },
        ],
      }),
    });
    const view = await sanctionView(deps.db, deps.calendar, claim.id);
    if (!view) throw new Error(`sanction ${claim.id} applied but not found`);
    return { status: 201, body: view.body };
    });
  },
});

export const getSanction = defineRoute({
  method: 'get',
  path: '/api/sanctions/{id}',
  summary: 'A sanction with its term, ban and 复核 deadline',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER', 'SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER'],
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The sanction', schema: SanctionView }, 404: { description: 'Unknown sanction' } },
  handler: async ({ deps, params, authorise }) => {
    const view = await sanctionView(deps.db, deps.calendar, params.id);
    if (!view) throw problems.notFound(`sanction ${params.id}`);
    await authorise(view.scope);
    return { status: 200, body: view.body };
  },
});
