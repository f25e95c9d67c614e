// 暂扣 / 收缴 (第二十九条–第三十二条): the decision, its delivery (送达), 复核 filing and decision, and
// the agency's training/exam tasks during a suspension. Each change is a Workflow Update on the
// sanction's workflow; the answer comes when the change is committed in PostgreSQL.
import { WithStartWorkflowOperation } from '@temporalio/client';
import { writeAudit } from '../../store/audit';
import type { Delivery } from '../../domain/contracts/sanction';
import type { Actor, Role } from '../../domain/roles';
import { SANCTION_GROUNDS, SANCTION_TYPES, SUSPENSION_TERM, sanctionDates } from '../../domain/sanction';
import { fixedTermEnd, workingDaysLater } from '../../domain/time';
import type { Db, Prisma } from '../../infra/db';
import { decideReview, decisionApplied, deliver, fileReview, sanctionWorkflow } from '../../workflows/sanction';
import { CertificateNumber, OrganisationId, ProcessKind } from '../../domain/search-attributes';
import { actorRef } from '../actor-ref';
import { afterCursor, encodeCursor } from '../cursor';
import type { Deps } from '../deps';
import { idempotent } from '../idempotency';
import { problems } from '../problem';
import { recordScope } from '../record-scope';
import { claimProposal } from './sanction-proposals';
import { defineRoute, type RouteContext } from '../route';
import { CertificateStatusSchema, IsoDateTime, Uuid, z } from '../schemas';
import { RuleViolation } from '../../domain/errors';

const LATE_RECORDING_MS = 10 * 24 * 3600_000;
// Delivery is recorded when it happens, or late by at most the 复核 window (第三十二条).
const DeliveredAt = IsoDateTime.refine((v) => Date.parse(v) <= Date.now() + 60_000, 'delivery cannot be in the future').refine(
  (v) => Date.parse(v) >= Date.now() - LATE_RECORDING_MS,
  'delivery can be recorded at most 10 days late',
);

/** 第二十九条: what a sanction decision (or a referral of one) names. */
export const SanctionCase = {
  certificateNumber: z.string().min(1).max(64),
  type: z.enum(SANCTION_TYPES).openapi({ description: 'SUSPENSION = 暂扣 (30 days, 第三十条); REVOCATION = 收缴 (第三十一条)' }),
  grounds: z
    .array(z.number().int().min(1).max(4))
    .min(1)
    .max(4)
    .refine((g) => new Set(g).size === g.length, 'grounds must not repeat')
    .openapi({ description: `第二十九条 (一)–(四): ${Object.entries(SANCTION_GROUNDS).map(([k, v]) => `${k} ${v}`).join('; ')}` }),
  facts: z.string().trim().min(1).max(4000),
};

const DecideSanction = z
  .object({
    ...SanctionCase,
    referralId: Uuid.optional().openapi({ description: 'The province decides only on the city bureau’s referral (提请, 第二十九条)' }),
    proposalId: Uuid.optional().openapi({ description: 'Deciding a complaint’s sanction proposal (第二十八条): the proposal is closed with this decision' }),
    deliveredAt: DeliveredAt.optional().openapi({ description: '送达 time; every period counts from it. Absent: record the delivery later.' }),
  })
  .openapi('SanctionDecision');

const SanctionView = z
  .object({
    id: z.string(),
    type: z.enum(SANCTION_TYPES),
    variedFromType: z.enum(SANCTION_TYPES).nullable(),
    status: z.enum(['PENDING_DELIVERY', 'IN_EFFECT', 'ENDED', 'ANNULLED']),
    grounds: z.array(z.number()),
    facts: z.string(),
    certificate: z.object({ number: z.string(), status: CertificateStatusSchema }),
    decidedAt: z.string(),
    deliveredAt: z.string().nullable(),
    termEndsAt: z.string().nullable().openapi({ description: '第三十条: automatic reinstatement at this instant' }),
    banEndsAt: z.string().nullable().openapi({ description: '第三十一条: no new application before this instant' }),
    reviewDeadline: z.string().nullable().openapi({ description: '第三十二条: 复核 may be filed until this instant' }),
    review: z
      .object({ id: z.string(), status: z.string(), reason: z.string(), filedAt: z.string(), dueAt: z.string(), decidedAt: z.string().nullable(), decisionComment: z.string().nullable() })
      .nullable(),
    tasks: z.array(z.object({ id: z.string(), kind: z.string(), completedAt: z.string().nullable(), note: z.string().nullable() })),
    timeline: z.array(z.object({ type: z.string(), toStatus: CertificateStatusSchema.nullable(), reason: z.string(), article: z.string().nullable(), occurredAt: z.string() })),
    endedAt: z.string().nullable(),
    endNote: z.string().nullable(),
  })
  .openapi('Sanction');

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

type SanctionRow = Prisma.SanctionGetPayload<{ include: { certificate: true; reviewRequest: true } }>;

/** What every view of a sanction shows (list and detail). */
function sanctionSummary(s: SanctionRow) {
  const r = s.reviewRequest;
  return {
    id: s.id,
    type: s.type,
    variedFromType: s.variedFromType,
    status: s.status,
    grounds: s.grounds,
    facts: s.facts,
    certificate: { number: s.certificate.number, status: s.certificate.status },
    decidedAt: s.decidedAt.toISOString(),
    deliveredAt: iso(s.deliveredAt),
    termEndsAt: iso(s.termEndsAt),
    banEndsAt: iso(s.banEndsAt),
    reviewDeadline: iso(s.reviewDeadline),
    review: r
      ? { id: r.id, status: r.status, reason: r.reason, filedAt: r.filedAt.toISOString(), dueAt: r.dueAt.toISOString(), decidedAt: iso(r.decidedAt), decisionComment: r.decisionComment }
      : null,
    endedAt: iso(s.endedAt),
    endNote: s.endNote,
  };
}

/** Where a sanction sits (domain/scope.ts): its card's agency, region and holder — for the detail and the list alike. */
const SANCTION_SCOPE = recordScope<{ certificate: { organisationId: string; officerId: string; organisation: { regionCode: string } } }, Prisma.SanctionWhereInput>({
  organisationId: { of: (s) => s.certificate.organisationId, where: (id) => ({ certificate: { organisationId: id } }) },
  regionCode: { of: (s) => s.certificate.organisation.regionCode, where: (prefix) => ({ certificate: { organisation: { regionCode: { startsWith: prefix } } } }) },
  officerId: { of: (s) => s.certificate.officerId, where: (id) => ({ certificate: { officerId: id } }) },
});

/** The training and exam tasks of a suspension belong to the holder's agency (第三十条). */
const SANCTION_TASK_SCOPE = recordScope<{ organisationId: string }, Prisma.SanctionTaskWhereInput>({
  organisationId: { of: (t) => t.organisationId, where: (id) => ({ organisationId: id }) },
});

async function sanctionView(db: Db, id: string) {
  const s = await db.sanction.findUnique({
    where: { id },
    include: { certificate: { include: { organisation: true } }, reviewRequest: true, tasks: { orderBy: { kind: 'asc' } } },
  });
  if (!s) return undefined;
  const events = await db.certificateEvent.findMany({ where: { sanctionId: s.id }, orderBy: { occurredAt: 'asc' } });
  return {
    scope: SANCTION_SCOPE.target(s),
    sanction: s,
    body: { ...sanctionSummary(s), tasks: s.tasks.map((t) => ({ id: t.id, kind: t.kind, completedAt: iso(t.completedAt), note: t.note })), timeline: events.map((e) => ({ type: e.type, toStatus: e.toStatus, reason: e.reason, article: e.article, occurredAt: e.occurredAt.toISOString() })) },
  };
}

async function viewOr404(db: Db, id: string) {
  const v = await sanctionView(db, id);
  if (!v) throw problems.notFound(`sanction ${id}`);
  return v;
}

/** Periods counted from delivery, as stored instants (第三十条–第三十二条). */
function deliveryOf(deps: Deps, type: 'SUSPENSION' | 'REVOCATION', deliveredAt: Date): Delivery {
  const dates = sanctionDates(type, deliveredAt, deps.calendar);
  return {
    deliveredAt: deliveredAt.toISOString(),
    termEndsAt: dates.termEndsAt?.toISOString(),
    banEndsAt: dates.banEndsAt?.toISOString(),
    reviewDeadline: dates.reviewDeadline.toISOString(),
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
    const cert = await deps.db.certificate.findUnique({ where: { number: body.certificateNumber }, include: { organisation: true } });
    if (!cert) throw problems.notFound(`certificate ${body.certificateNumber}`);
    // 第二十九条: the city bureau decides for its city's agencies; the province on the city's referral.
    await authorise({ regionCode: cert.organisation.regionCode });
    return idempotent(deps.db, req, { route: 'POST /api/sanctions', actorId: actor.userId, body }, async (claim) => {
      // 第二十九条: the province claims the open referral for this decision first (one decision per referral).
      const referral = await referralFor(deps.db, actor, body.referralId, cert.id, claim.id);
      let releaseProposal: (() => Promise<void>) | undefined;
      const now = new Date();
      const workflowId = `sanction-${claim.id}`;
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
                ...(body.deliveredAt ? deliveryOf(deps, body.type, new Date(body.deliveredAt)) : {}),
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
        if (referral) await deps.db.sanctionReferral.updateMany({ where: { id: referral.id, sanctionId: claim.id }, data: { status: 'OPEN', sanctionId: null, decidedAt: null } });
        await releaseProposal?.();
        throw err;
      }
      return { status: 201, body: (await viewOr404(deps.db, claim.id)).body };
    });
  },
});

/** 第二十九条: a province officer decides only an open referral of this certificate addressed to it. */
async function referralFor(db: Db, actor: Actor, referralId: string | undefined, certificateId: string, sanctionId: string) {
  if (actor.organisation.level !== 'PROVINCE') {
    if (referralId) throw problems.forbidden('only the province decides on a referral');
    return undefined;
  }
  if (!referralId) throw new RuleViolation({ code: 'REFERRAL_REQUIRED', title: '省级决定须基于市司法局的提请', detail: 'the province decides on a referral from the city bureau', article: '第二十九条', status: 422 });
  const r = await db.sanctionReferral.findUnique({ where: { id: referralId } });
  if (!r) throw problems.notFound(`referral ${referralId}`);
  if (r.provinceOrgId !== actor.organisation.id) throw problems.forbidden('the referral is addressed to another organ');
  const claimed = await db.sanctionReferral.updateMany({
    where: { id: r.id, certificateId, OR: [{ status: 'OPEN' }, { sanctionId }] },
    data: { status: 'DECIDED', sanctionId, decidedAt: new Date() },
  });
  if (claimed.count !== 1) {
    throw new RuleViolation({ code: 'REFERRAL_NOT_OPEN', title: '提请已处理或与该证件不符', detail: 'the referral is closed or names another certificate', article: '第二十九条' });
  }
  return r;
}

export const getSanction = defineRoute({
  method: 'get',
  path: '/api/sanctions/{id}',
  summary: 'A sanction with its term, ban, 复核 window, 复核, training tasks and timeline',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER', 'SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER'],
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The sanction', schema: SanctionView }, 404: { description: 'Unknown sanction' } },
  handler: async ({ deps, params, authorise }) => {
    const view = await viewOr404(deps.db, params.id);
    await authorise(view.scope);
    return { status: 200, body: view.body };
  },
});

/** A POST on one sanction that runs a Workflow Update; answers with the sanction as it is now. */
function sanctionUpdateRoute<B extends z.ZodType>(opts: {
  path: string;
  summary: string;
  roles: readonly Role[];
  body: B;
  status?: number;
  run: (ctx: RouteContext<z.infer<B>, { id: string }, unknown>, s: NonNullable<Awaited<ReturnType<typeof sanctionView>>>, role: Role, updateId: string) => Promise<unknown>;
}) {
  return defineRoute({
    method: 'post',
    path: opts.path,
    summary: opts.summary,
    tags: ['sanctions'],
    auth: opts.roles,
    params: z.object({ id: Uuid }),
    body: opts.body,
    idempotent: true,
    responses: {
      [opts.status ?? 200]: { description: 'Done; the sanction as it is now', schema: SanctionView },
      404: { description: 'Unknown sanction' },
      409: { description: 'Not possible now (the reason, and any deadline, in the answer)' },
    },
    handler: async (ctx) => {
      const view = await viewOr404(ctx.deps.db, ctx.params.id);
      const role = await ctx.authorise(view.scope);
      return idempotent(ctx.deps.db, ctx.req, { route: `POST ${opts.path}`, actorId: ctx.actor.userId, body: { id: view.sanction.id, ...(ctx.body as object) } }, async (claim) => {
        await opts.run(ctx as never, view, role, claim.key);
        return { status: opts.status ?? 200, body: (await viewOr404(ctx.deps.db, view.sanction.id)).body };
      });
    },
  });
}

export const deliverSanction = sanctionUpdateRoute({
  path: '/api/sanctions/{id}/delivery',
  summary: 'Record the delivery (送达) of a decision: it takes effect, and every period counts from it',
  roles: ['SANCTION_OFFICER'],
  body: z.object({ deliveredAt: DeliveredAt }),
  run: ({ deps, body, actor }, s, role, updateId) => {
    return deps.temporal.workflow
      .getHandle(s.sanction.workflowId)
      .executeUpdate(deliver, { updateId, args: [{ ...deliveryOf(deps, s.sanction.type, new Date(body.deliveredAt)), actor: actorRef(actor, role) }] });
  },
});

export const fileSanctionReview = sanctionUpdateRoute({
  path: '/api/sanctions/{id}/review',
  summary: 'File 复核 (第三十二条) within 10 days of delivery; the decision keeps being executed meanwhile',
  roles: ['OFFICER', 'AGENCY_ADMIN'],
  body: z.object({ reason: z.string().trim().min(1).max(4000) }),
  status: 201,
  run: ({ deps, body, actor, requestId }, s, role, updateId) =>
    deps.temporal.workflow.getHandle(s.sanction.workflowId).executeUpdate(fileReview, {
      updateId,
      args: [{ reason: body.reason, dueAt: workingDaysLater(new Date(), deps.config.SANCTION_REVIEW_WORKING_DAYS, deps.calendar).toISOString(), actor: actorRef(actor, role), receivedAt: new Date().toISOString(), requestId }],
    }),
});

export const decideSanctionReview = sanctionUpdateRoute({
  path: '/api/sanctions/{id}/review/decision',
  summary: 'Decide a 复核: UPHELD, ANNULLED (reinstated at once) or VARIED (收缴 → 暂扣 from the original delivery)',
  roles: ['SANCTION_OFFICER'],
  body: z.object({ outcome: z.enum(['UPHELD', 'ANNULLED', 'VARIED']), comment: z.string().trim().min(1).max(4000) }),
  run: ({ deps, body, actor, requestId }, s, role, updateId) =>
    deps.temporal.workflow.getHandle(s.sanction.workflowId).executeUpdate(decideReview, {
      updateId,
      args: [
        {
          outcome: body.outcome,
          comment: body.comment,
          // 第三十二条 VARIED: the 暂扣 counts from the original delivery (第三十条).
          variedTermEndsAt: body.outcome === 'VARIED' && s.sanction.deliveredAt ? fixedTermEnd(s.sanction.deliveredAt, SUSPENSION_TERM).toISOString() : undefined,
          actor: actorRef(actor, role),
          requestId,
        },
      ],
    }),
});

export const listSanctionTasks = defineRoute({
  method: 'get',
  path: '/api/sanction-tasks',
  summary: 'Training and exam tasks for your suspended officers (第三十条)',
  tags: ['sanctions'],
  auth: ['AGENCY_ADMIN'],
  query: z.object({ open: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }),
  responses: { 200: { description: 'Tasks', schema: z.object({ items: z.array(z.object({ id: z.string(), sanctionId: z.string(), kind: z.string(), certificateNumber: z.string(), completedAt: z.string().nullable() })) }) } },
  handler: async ({ deps, query, visible }) => {
    const rows = await deps.db.sanctionTask.findMany({
      where: { AND: [visible(SANCTION_TASK_SCOPE), query.open === undefined ? {} : { completedAt: query.open ? null : { not: null } }] },
      orderBy: { createdAt: 'asc' },
      include: { sanction: { include: { certificate: true } } },
      take: 500,
    });
    return { status: 200, body: { items: rows.map((t) => ({ id: t.id, sanctionId: t.sanctionId, kind: t.kind, certificateNumber: t.sanction.certificate.number, completedAt: iso(t.completedAt) })) } };
  },
});

export const completeSanctionTask = defineRoute({
  method: 'post',
  path: '/api/sanction-tasks/{id}/complete',
  summary: 'Record that the training or exam took place (第三十条)',
  tags: ['sanctions'],
  auth: ['AGENCY_ADMIN'],
  params: z.object({ id: Uuid }),
  body: z.object({ note: z.string().trim().min(1).max(2000) }),
  responses: { 200: { description: 'Recorded' }, 404: { description: 'Unknown task' }, 409: { description: 'Recorded already' } },
  handler: async ({ deps, params, body, actor, authorise, requestId }) => {
    const task = await deps.db.sanctionTask.findUnique({ where: { id: params.id } });
    if (!task) throw problems.notFound(`sanction task ${params.id}`);
    await authorise(SANCTION_TASK_SCOPE.target(task));
    await deps.db.$transaction(async (tx) => {
      const done = await tx.sanctionTask.updateMany({ where: { id: task.id, completedAt: null }, data: { completedAt: new Date(), completedById: actor.userId, note: body.note } });
      if (done.count !== 1) throw new RuleViolation({ code: 'TASK_ALREADY_COMPLETED', title: '已记录完成', detail: 'the task was recorded as completed already' });
      await writeAudit(tx, { actorId: actor.userId, actorRoles: actor.roles, action: 'sanction-task.complete', targetType: 'SanctionTask', targetId: task.id, outcome: 'DONE', requestId, detail: { kind: task.kind } });
    });
    return { status: 200, body: { id: task.id, completed: true } };
  },
});

export const listSanctions = defineRoute({
  method: 'get',
  path: '/api/sanctions',
  summary: 'Sanctions you may see, newest decision first, with filters',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER', 'SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER'],
  query: z.object({
    status: z.enum(['PENDING_DELIVERY', 'IN_EFFECT', 'ENDED', 'ANNULLED']).optional(),
    type: z.enum(SANCTION_TYPES).optional(),
    district: z.string().regex(/^\d{6}$/).optional(),
    agencyId: Uuid.optional(),
    inWindow: z.enum(['true']).optional().openapi({ description: 'the 复核 window is still open' }),
    inReview: z.enum(['true']).optional().openapi({ description: 'a 复核 is pending' }),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  }),
  responses: { 200: { description: 'A page of sanctions', schema: z.object({ items: z.array(SanctionView.omit({ timeline: true, tasks: true })), nextCursor: z.string().nullable() }) } },
  handler: async ({ deps, query, visible }) => {
    // Exactly what GET /api/sanctions/{id} lets the caller read (an agency's head: its own agency).
    const where: Prisma.SanctionWhereInput = { AND: [visible(SANCTION_SCOPE)] };
    const and = where.AND as Prisma.SanctionWhereInput[];
    if (query.status) and.push({ status: query.status });
    if (query.type) and.push({ type: query.type });
    if (query.district) and.push({ certificate: { organisation: { regionCode: query.district } } });
    if (query.agencyId) and.push({ certificate: { organisationId: query.agencyId } });
    if (query.inWindow) and.push({ reviewDeadline: { gte: new Date() }, reviewRequest: { is: null } });
    if (query.inReview) and.push({ reviewRequest: { is: { status: 'PENDING' } } });
    if (query.cursor) and.push(afterCursor(query.cursor, 'decidedAt', 'desc'));
    const rows = await deps.db.sanction.findMany({
      where,
      orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
      include: { certificate: true, reviewRequest: true },
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        nextCursor: rows.length > query.limit && last ? encodeCursor(last.decidedAt, last.id) : null,
        items: page.map(sanctionSummary),
      },
    };
  },
});
