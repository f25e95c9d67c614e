// Applications for a certificate (第四条–第十条): submission (eligibility checked, materials linked),
// detail with the per-application timeline, resubmission after a return, withdrawal.
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { ActorRef } from '../../domain/contracts/actor';
import type { ApplicationInput } from '../../domain/contracts/application';
import { eligibilityOf } from '../../store/eligibility-facts';
import { APPLICATION_KINDS, REISSUE_REASONS } from '../../domain/eligibility';
import type { Actor } from '../../domain/roles';
import type { Db, Prisma } from '../../infra/db';
import { applicationWorkflow, resubmit, submitted, withdraw } from '../../workflows/application';
import { OrganisationId, ProcessKind } from '../../domain/search-attributes';
import { actorRef } from '../actor-ref';
import { afterCursor, pageOf, TOTAL_CAP } from '../cursor';
import type { Deps } from '../deps';
import { idempotent } from '../idempotency';
import { Problem, problems } from '../problem';
import { recordScope } from '../record-scope';
import { defineRoute } from '../route';
import { Uuid, z } from '../schemas';
import { idNumberFor } from './certificates';

export const REVIEWER_ROLES = ['DISTRICT_REVIEWER', 'CITY_REVIEWER', 'PROVINCE_REVIEWER'] as const;

const Reason = z.object({ code: z.string(), article: z.string(), message: z.string() });
const EligibilitySchema = z.object({ eligible: z.boolean(), basis: z.array(Reason), refusals: z.array(Reason) }).openapi('Eligibility');

const SubmitApplication = z
  .object({
    officerId: Uuid,
    kind: z.enum(APPLICATION_KINDS).openapi({ description: 'INITIAL 申领, TRANSFER 换发 (第八条), REISSUE 补发 (第十条), REAPPLY 重新申领 (第九条)' }),
    previousCertificateNumber: z.string().min(1).max(64).optional().openapi({ description: 'The card to replace (TRANSFER, REISSUE)' }),
    reissueReason: z.enum(REISSUE_REASONS).optional(),
    note: z.string().trim().max(2000).optional(),
    attachmentIds: z.array(Uuid).max(20).default([]),
  })
  .refine((b) => !['TRANSFER', 'REISSUE'].includes(b.kind) || b.previousCertificateNumber, {
    path: ['previousCertificateNumber'],
    message: 'required for TRANSFER and REISSUE',
  })
  .refine((b) => b.kind !== 'REISSUE' || b.reissueReason, { path: ['reissueReason'], message: 'required for REISSUE' })
  .openapi('ApplicationSubmission');

const TaskView = z.object({
  id: z.string(),
  level: z.string(),
  round: z.number(),
  status: z.string(),
  bureau: z.object({ id: z.string(), name: z.string() }),
  assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  dueAt: z.string(),
  overdue: z.boolean(),
  decision: z.string().nullable(),
  comment: z.string().nullable(),
  decidedById: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const ApplicationView = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.enum(APPLICATION_KINDS),
    status: z.string(),
    round: z.number(),
    currentLevel: z.string().nullable(),
    officer: z.object({ id: z.string(), name: z.string(), idNumber: z.string() }),
    agency: z.object({ id: z.string(), name: z.string(), regionCode: z.string() }),
    previousCertificateNumber: z.string().nullable(),
    reissueReason: z.string().nullable(),
    note: z.string().nullable(),
    eligibility: EligibilitySchema,
    submittedAt: z.string(),
    resubmitDeadline: z.string().nullable(),
    closedAt: z.string().nullable(),
    certificateNumber: z.string().nullable(),
    attachments: z.array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() })),
    tasks: z.array(TaskView),
    consultations: z.array(
      z.object({ id: z.string(), taskId: z.string(), question: z.string(), answer: z.string().nullable(), askedAt: z.string(), answeredAt: z.string().nullable() }),
    ),
    timeline: z.array(
      z.object({ type: z.string(), actorId: z.string().nullable(), actorRole: z.string().nullable(), level: z.string().nullable(), comment: z.string().nullable(), occurredAt: z.string() }),
    ),
  })
  .openapi('Application');

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function taskView(t: {
  id: string;
  level: string;
  round: number;
  status: string;
  bureau: { id: string; name: string };
  assignee: { id: string; displayName: string } | null;
  dueAt: Date;
  overdue: boolean;
  decision: string | null;
  comment: string | null;
  decidedById: string | null;
  decidedAt: Date | null;
}) {
  return {
    id: t.id,
    level: t.level,
    round: t.round,
    status: t.status,
    bureau: { id: t.bureau.id, name: t.bureau.name },
    assignee: t.assignee ? { id: t.assignee.id, displayName: t.assignee.displayName } : null,
    dueAt: t.dueAt.toISOString(),
    overdue: t.overdue,
    decision: t.decision,
    comment: t.comment,
    decidedById: t.decidedById,
    decidedAt: iso(t.decidedAt),
  };
}

/** Where an application sits (domain/scope.ts): the applying agency, its region, the officer — for the detail and the list. */
const APPLICATION_SCOPE = recordScope<{ organisationId: string; officerId: string; organisation: { regionCode: string } }, Prisma.ApplicationWhereInput>({
  organisationId: { of: (a) => a.organisationId, where: (id) => ({ organisationId: id }) },
  regionCode: { of: (a) => a.organisation.regionCode, where: (prefix) => ({ organisation: { regionCode: { startsWith: prefix } } }) },
  officerId: { of: (a) => a.officerId, where: (id) => ({ officerId: id }) },
});

/** The application with everything a reviewer or the agency sees; undefined when unknown. */
export async function applicationView(db: Db, actor: Actor, id: string) {
  const a = await db.application.findUnique({
    where: { id },
    include: {
      officer: true,
      organisation: true,
      attachments: { select: { id: true, fileName: true, contentType: true, size: true, sha256: true }, orderBy: { createdAt: 'asc' } },
      tasks: { include: { bureau: true, assignee: true }, orderBy: [{ round: 'asc' }, { createdAt: 'asc' }] },
      consultations: { orderBy: { askedAt: 'asc' } },
      events: { orderBy: { occurredAt: 'asc' } },
    },
  });
  if (!a) return undefined;
  const [previous, certificate] = await Promise.all([
    a.previousCertificateId ? db.certificate.findUnique({ where: { id: a.previousCertificateId }, select: { number: true } }) : null,
    a.certificateId ? db.certificate.findUnique({ where: { id: a.certificateId }, select: { number: true } }) : null,
  ]);
  return {
    scope: APPLICATION_SCOPE.target(a),
    workflowId: a.workflowId,
    body: {
      id: a.id,
      number: a.number,
      kind: a.kind,
      status: a.status,
      round: a.round,
      currentLevel: a.currentLevel,
      officer: { id: a.officer.id, name: a.officer.name, idNumber: idNumberFor(actor, a.officer) },
      agency: { id: a.organisation.id, name: a.organisation.name, regionCode: a.organisation.regionCode },
      previousCertificateNumber: previous?.number ?? null,
      reissueReason: a.reissueReason,
      note: a.note,
      eligibility: a.eligibility as z.infer<typeof EligibilitySchema>,
      submittedAt: a.submittedAt.toISOString(),
      resubmitDeadline: iso(a.resubmitDeadline),
      closedAt: iso(a.closedAt),
      certificateNumber: certificate?.number ?? null,
      attachments: a.attachments,
      tasks: a.tasks.map(taskView),
      consultations: a.consultations.map((c) => ({
        id: c.id,
        taskId: c.taskId,
        question: c.question,
        answer: c.answer,
        askedAt: c.askedAt.toISOString(),
        answeredAt: iso(c.answeredAt),
      })),
      timeline: a.events.map((e) => ({
        type: e.type,
        actorId: e.actorId,
        actorRole: e.actorRole,
        level: e.level,
        comment: e.comment,
        occurredAt: e.occurredAt.toISOString(),
      })),
    },
  };
}

async function viewOr404(deps: Deps, actor: Actor, id: string) {
  const view = await applicationView(deps.db, actor, id);
  if (!view) throw problems.notFound(`application ${id}`);
  return view;
}

export const submitApplication = defineRoute({
  method: 'post',
  path: '/api/applications',
  summary: 'Submit an application (申领 / 换发 / 补发 / 重新申领) for an officer of your agency',
  tags: ['applications'],
  auth: ['AGENCY_ADMIN'],
  body: SubmitApplication,
  idempotent: true,
  responses: {
    201: { description: 'Submitted; the first review task is open', schema: ApplicationView },
    404: { description: 'Unknown officer or certificate' },
    409: { description: 'An open application exists already' },
    422: { description: 'Not eligible: `reasons` lists each refusal with its article' },
  },
  handler: async ({ deps, req, body, actor, authorise }) => {
    const officer = await deps.db.officer.findUnique({ where: { id: body.officerId } });
    if (!officer) throw problems.notFound(`officer ${body.officerId}`);
    const role = await authorise({ organisationId: officer.organisationId });
    let previousCertificateId: string | undefined;
    if (body.previousCertificateNumber) {
      const prev = await deps.db.certificate.findUnique({ where: { number: body.previousCertificateNumber } });
      if (!prev || prev.officerId !== officer.id) throw problems.notFound(`certificate ${body.previousCertificateNumber} of this officer`);
      previousCertificateId = prev.id;
    }
    return idempotent(deps.db, req, { route: 'POST /api/applications', actorId: actor.userId, body }, async (claim) => {
      await startApplication(deps, claim, actorRef(actor, role), String(req.id), {
        kind: body.kind,
        officerId: officer.id,
        organisationId: officer.organisationId,
        previousCertificateId,
        reissueReason: body.reissueReason,
        note: body.note,
        attachmentIds: body.attachmentIds,
      });
      return { status: 201, body: (await viewOr404(deps, actor, claim.id)).body };
    });
  },
});

/**
 * Checks eligibility (422 with every reason) and starts the application's workflow; returns once the
 * submission is durable. Used by the submission route and by a loss report's automatic 补发.
 */
export async function startApplication(
  deps: Deps,
  claim: { id: string; key: string },
  submittedBy: ActorRef,
  requestId: string,
  a: Pick<ApplicationInput, 'kind' | 'officerId' | 'organisationId' | 'previousCertificateId' | 'reissueReason' | 'note' | 'attachmentIds'>,
): Promise<void> {
  const at = new Date();
  const eligibility = (await eligibilityOf(deps.db, { officerId: a.officerId, agencyId: a.organisationId, kind: a.kind, previousCertificateId: a.previousCertificateId, reissueReason: a.reissueReason, at, applicationId: claim.id }))!;
  if (!eligibility.eligible) {
    const first = eligibility.refusals[0];
    throw new Problem(422, 'NOT_ELIGIBLE', '不符合申领条件', `not eligible: ${eligibility.refusals.map((r) => r.code).join(', ') || 'no qualifying basis'}`, {
      article: first?.article,
      reasons: eligibility.refusals,
    });
  }
  const workflowId = `application-${claim.id}`;
  await deps.temporal.workflow.executeUpdateWithStart(submitted, {
    updateId: claim.key,
    startWorkflowOperation: new WithStartWorkflowOperation(applicationWorkflow, {
      workflowId,
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A closed process is never started again under the same key (its answer is stored).
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ ...a, applicationId: claim.id, workflowId, eligibility, submittedBy, submittedAt: at.toISOString(), requestId }],
      typedSearchAttributes: [
        { key: ProcessKind, value: 'application' },
        { key: OrganisationId, value: a.organisationId },
      ],
    }),
  });
}

export const getApplication = defineRoute({
  method: 'get',
  path: '/api/applications/{id}',
  summary: 'An application with its materials, eligibility, decisions and timeline (每一步 who/when/what)',
  tags: ['applications'],
  auth: ['AGENCY_ADMIN', 'OFFICER', ...REVIEWER_ROLES],
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The application', schema: ApplicationView }, 404: { description: 'Unknown application' } },
  handler: async ({ deps, params, actor, authorise }) => {
    const view = await viewOr404(deps, actor, params.id);
    await authorise(view.scope);
    return { status: 200, body: view.body };
  },
});

export const listApplications = defineRoute({
  method: 'get',
  path: '/api/applications',
  summary: 'Applications of your agency (or of the agencies in a bureau’s region), newest first',
  tags: ['applications'],
  auth: ['AGENCY_ADMIN', ...REVIEWER_ROLES],
  query: z.object({
    status: z.enum(['UNDER_REVIEW', 'RETURNED', 'ISSUED', 'REJECTED', 'WITHDRAWN', 'LAPSED']).optional(),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  }),
  responses: { 200: { description: 'A page of applications' } },
  handler: async ({ deps, query, visible }) => {
    const where: Prisma.ApplicationWhereInput = { AND: [visible(APPLICATION_SCOPE), query.status ? { status: query.status } : {}] };
    const page: Prisma.ApplicationWhereInput = query.cursor ? { AND: [where, afterCursor(query.cursor, 'submittedAt', 'desc')] } : where;
    const [rows, total] = await Promise.all([
      deps.db.application.findMany({ where: page, include: { officer: true, organisation: true }, orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 }),
      deps.db.application.count({ where, take: TOTAL_CAP + 1 }),
    ]);
    const { items, ...paging } = pageOf(rows, query.limit, total, (a) => a.submittedAt);
    return {
      status: 200,
      body: {
        ...paging,
        items: items.map((a) => ({
          id: a.id,
          number: a.number,
          kind: a.kind,
          status: a.status,
          currentLevel: a.currentLevel,
          officer: { id: a.officer.id, name: a.officer.name },
          agency: { id: a.organisation.id, name: a.organisation.name },
          submittedAt: a.submittedAt.toISOString(),
          resubmitDeadline: iso(a.resubmitDeadline),
        })),
      },
    };
  },
});

/** The agency acts on its own application through a Workflow Update; the answer is the new state. */
function agencyUpdateRoute<B extends z.ZodType>(opts: {
  path: string;
  summary: string;
  body: B;
  run: (deps: Deps, workflowId: string, updateId: string, body: z.infer<B>, actor: ActorRef, requestId: string) => Promise<unknown>;
}) {
  return defineRoute({
    method: 'post',
    path: opts.path,
    summary: opts.summary,
    tags: ['applications'],
    auth: ['AGENCY_ADMIN'],
    params: z.object({ id: Uuid }),
    body: opts.body,
    idempotent: true,
    responses: {
      200: { description: 'Done; the application as it is now', schema: ApplicationView },
      404: { description: 'Unknown application' },
      409: { description: 'Not possible in the application’s state' },
    },
    handler: async ({ deps, req, params, body, actor, authorise }) => {
      const view = await viewOr404(deps, actor, params.id);
      const role = await authorise({ organisationId: view.scope.organisationId });
      return idempotent(deps.db, req, { route: `POST ${opts.path}`, actorId: actor.userId, body: { id: params.id, ...(body as object) } }, async (claim) => {
        await opts.run(deps, view.workflowId, claim.key, body as z.infer<B>, actorRef(actor, role), String(req.id));
        return { status: 200, body: (await viewOr404(deps, actor, params.id)).body };
      });
    },
  });
}

export const resubmitApplication = agencyUpdateRoute({
  path: '/api/applications/{id}/resubmit',
  summary: 'Resubmit a returned application with corrected data or materials (review restarts at the first level)',
  body: z.object({ note: z.string().trim().max(2000).optional(), attachmentIds: z.array(Uuid).max(20).default([]) }),
  run: (deps, workflowId, updateId, body, actor, requestId) =>
    deps.temporal.workflow.getHandle(workflowId).executeUpdate(resubmit, { updateId, args: [{ ...body, actor, requestId }] }),
});

export const withdrawApplication = agencyUpdateRoute({
  path: '/api/applications/{id}/withdraw',
  summary: 'Withdraw (撤回) an application that has no final decision',
  body: z.object({ reason: z.string().trim().min(1).max(2000) }),
  run: (deps, workflowId, updateId, body, actor, requestId) =>
    deps.temporal.workflow.getHandle(workflowId).executeUpdate(withdraw, { updateId, args: [{ reason: body.reason, actor, requestId }] }),
});

export const officerEligibility = defineRoute({
  method: 'get',
  path: '/api/officers/{id}/eligibility',
  summary: 'Would an application of this kind be accepted today? Reasons cite their articles.',
  tags: ['applications'],
  auth: ['AGENCY_ADMIN', ...REVIEWER_ROLES],
  params: z.object({ id: Uuid }),
  query: z.object({ kind: z.enum(APPLICATION_KINDS).default('INITIAL'), previousCertificateNumber: z.string().max(64).optional(), reissueReason: z.enum(REISSUE_REASONS).optional() }),
  responses: { 200: { description: 'The eligibility', schema: EligibilitySchema }, 404: { description: 'Unknown officer' } },
  handler: async ({ deps, params, query, authorise }) => {
    const officer = await deps.db.officer.findUnique({ where: { id: params.id }, include: { organisation: true } });
    if (!officer) throw problems.notFound(`officer ${params.id}`);
    await authorise({ organisationId: officer.organisationId, regionCode: officer.organisation.regionCode });
    const prev = query.previousCertificateNumber ? await deps.db.certificate.findUnique({ where: { number: query.previousCertificateNumber } }) : null;
    const result = await eligibilityOf(deps.db, {
      officerId: officer.id,
      agencyId: officer.organisationId,
      kind: query.kind,
      previousCertificateId: prev?.officerId === officer.id ? prev.id : undefined,
      reissueReason: query.reissueReason,
      at: new Date(),
    });
    return { status: 200, body: result };
  },
});
